// The labels a refused cell may be shown as (src/ingest/privacy.ts, `refusedCell`): words every file of the
// field uses, which name no one. A cell the tool knows as a label elsewhere (an answer `vaak` in an age column,
// `M` where a code was expected) is shown; any other text is withheld unless many rows share it.
import { codebookEn } from '../i18n/codebook/en.js';
import { codebookFr } from '../i18n/codebook/fr.js';
import { codebookNl } from '../i18n/codebook/nl.js';
import { BUILT_IN_MISSING, SPREADSHEET_ERRORS } from './missing-labels.js';
import { codeKey, ORGANISATION_TYPES, SIGNAL_SOURCES } from './kinds/partner-codes.js';
import { fold, SEX_WORDS, TREND_WORDS } from './values.js';

/** Yes and no, true and false, as answers are written (`j`, `oui`, `nee`). */
const YES_NO = ['y', 'yes', 'j', 'ja', 'o', 'oui', 'true', 'n', 'no', 'nee', 'non', 'false'];
/** Answer codes for "no answer" written in capitals or as null (`NULL`, `NaN`, `NONE`, `REF`). */
const NO_VALUE = ['null', 'nan', 'none', 'ref', 'onb', 'dnk', 'nap', 'nrp', '-', '--', '.'];

let known: ReadonlySet<string> | null = null;

/** Every known label, folded; built on first use. */
function knownLabels(): ReadonlySet<string> {
  if (known) return known;
  const labels = new Set<string>([...BUILT_IN_MISSING, ...SPREADSHEET_ERRORS, ...Object.keys(SEX_WORDS), ...Object.keys(TREND_WORDS), ...YES_NO, ...NO_VALUE]);
  for (const words of [codebookEn, codebookNl, codebookFr]) {
    for (const scale of Object.values(words.scales)) for (const label of scale) labels.add(fold(label));
    for (const [code, label] of Object.entries(words.themes)) labels.add(fold(code)).add(fold(label));
  }
  for (const codes of [ORGANISATION_TYPES, SIGNAL_SOURCES]) {
    for (const [code, spellings] of Object.entries(codes)) {
      labels.add(codeKey(code));
      for (const spelling of spellings) labels.add(codeKey(spelling));
    }
  }
  known = labels;
  return labels;
}

/** True for a cell the tool knows as a label: an answer, a missing-answer label, a sex, a trend, a theme or a partner code. */
export function isKnownLabel(text: string): boolean {
  const labels = knownLabels();
  return labels.has(fold(text)) || labels.has(codeKey(text));
}
