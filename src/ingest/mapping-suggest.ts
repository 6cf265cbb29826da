// `safety-scan map`: a starter mapping for an export, from its headings (and the survey's structure file):
// metadata recognised, questions placed on canonical columns and codebook items, answers and district
// names checked against what an import would accept, and what could not be placed listed for the analyst.
import type { Codebook } from '../config/codebook.js';
import { DistrictSpelling, unknownDistrict } from '../districts.js';
import { convertCell } from './cells.js';
import { answerSchema } from './kinds/columns.js';
import { handlerFor } from './kinds/index.js';
import type { Kind } from './kinds/kind.js';
import { plainText, type SurveyStructure } from './lss.js';
import { combineMappings, presetSource, type Mapping, type MappingSpec } from './mapping.js';
import { guessTarget } from './mapping-words.js';
import { planColumns, type PlannedColumn } from './plan.js';
import { LIMESURVEY } from './presets/limesurvey.js';
import { readLimeSurveyHeadings, trailingBracket, type HeadingReading } from './presets/limesurvey-headings.js';
import { withheldHeadings } from './headings.js';
import { freeTextHoldsPersonalData, isIdentifierColumn, refusedCell, WITHHELD } from './privacy.js';
import { closestNames, fold, KnownNames, normaliseHeader } from './values.js';

export interface SuggestInput {
  kind: Kind;
  header: string[];
  /** The distinct values of each column (as many as were kept). */
  values: ReadonlyArray<ReadonlySet<string>>;
  codebook: Codebook;
  structure?: SurveyStructure;
  /** The structure file as the user named it, for the mapping's `lss:`. */
  lssFile?: string;
  wave?: string;
  /** The districts of the store's population figures (none without a store). */
  districts: readonly string[];
}

export interface Suggestion {
  limesurvey: boolean;
  lss?: string;
  /** Renames: the name to write (a code where there is one) -> canonical column, with the question's text (`shownQuestion`). */
  renames: Array<{ from: string; to: string; text?: string }>;
  /** District names of the file that the store spells otherwise, to the closest it knows. */
  districtRenames: Array<{ from: string; to: string }>;
  /** Columns with personal data or free text (never stored), and metadata the preset reads or ignores. */
  dropped: string[];
  metadata: string[];
  /** Question columns it could not place, with the question's text (`shownQuestion`). */
  unplaced: Array<{ heading: string; text?: string }>;
  /** The numbers (1-based) of columns whose heading looks like data (`headingLooksLikeData`): never written. */
  withheld: number[];
  /** Values an import would refuse, per canonical column. */
  unrecognised: Array<{ column: string; values: string[] }>;
  /** District names with no close match in the store (short codes only: see `withheldDistricts`). */
  unknownDistricts: string[];
  /** District names the store lacks that are not shown: not a short code, so perhaps an address or a name. */
  withheldDistricts: number;
  missingColumns: string[];
}

/** Headings that are a respondent number. */
const RESPONDENT = /^(id|respondent|respondent_?(nr|nummer|number)|nr|volgnummer|numero|response_?id|respons_?id)$/;

/**
 * A question's text as the starter mapping shows it: WITHHELD when it holds personal data by the rule of every free
 * text the tool prints (`freeTextHoldsPersonalData`: `bel Mevr. Jan Peeters op 0470 12 34 56`), as a structure
 * file's question texts are written by hand and never judged as headings are (adversarial run r19).
 */
function shownQuestion(text: string): string {
  return freeTextHoldsPersonalData(text) ? WITHHELD : text;
}

/** The text of a question column: its heading's text, or the structure's question text and subquestion. */
function questionText(reading: HeadingReading | undefined, heading: string, structure?: SurveyStructure): { question: string; sub?: string } {
  // A heading the structure placed may be abbreviated (`Vous arrive-t-i..`): the structure's text is whole.
  if (reading?.text !== undefined && reading.by !== 'structure') {
    // LimeSurvey writes `&` in heading texts as `&amp;`: the comments show the text as the respondent read it.
    const match = trailingBracket(reading.text);
    return match ? { question: plainText(match.before), sub: plainText(match.inside) } : { question: plainText(reading.text) };
  }
  const code = reading?.code ?? heading;
  const parts = /^([^[]+)(?:\[([^\]]*)\])?/.exec(code);
  const question = structure?.questions.find((candidate) => candidate.code.toLowerCase() === (parts?.[1] ?? '').toLowerCase());
  if (!question) return { question: heading };
  const language = structure?.languages[0] ?? '';
  const sub = parts?.[2] === undefined ? undefined : question.subquestions.find((candidate) => candidate.code === parts[2])?.texts[language];
  return { question: plainText(question.texts[language] ?? heading), sub: sub === undefined ? undefined : plainText(sub) };
}

/** True when the column's plan would take `value` (after its recodes and missing values). */
function accepts(column: PlannedColumn, schema: { safeParse(value: unknown): { success: boolean } }, value: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  const folded = fold(text);
  const recoded = column.recode?.get(folded);
  if (recoded === undefined && column.missing?.has(folded)) return true;
  const cell = recoded ?? text;
  if (cell === '' || column.missing?.has(fold(cell))) return true;
  return schema.safeParse(convertCell(column.spec, cell)).success;
}

export function suggestMapping(input: SuggestInput): Suggestion {
  const { header, kind, structure } = input;
  const layout = handlerFor(kind).layout(input.codebook);
  const readings = kind === 'survey' ? readLimeSurveyHeadings(header, structure) : null;
  const limesurvey = readings !== null && readings.filter((reading) => reading.role === 'response_id' || reading.role === 'submitdate').length === 2;
  const known = new Set(layout.columns.map((column) => column.name));
  const taken = new Set<string>();
  const suggestion: Suggestion = {
    limesurvey,
    lss: input.lssFile,
    renames: [],
    districtRenames: [],
    dropped: [],
    metadata: [],
    unplaced: [],
    withheld: [],
    unrecognised: [],
    unknownDistricts: [],
    withheldDistricts: 0,
    missingColumns: [],
  };
  const questionsDone = new Set<string>();
  // a file saved without its header row has its first respondent for headings: none of them is written then,
  // whatever it looks like on its own (`PEETERS`, `marie_dubois`), except the column names safety-scan knows
  const withheld = withheldHeadings(header, known);
  header.forEach((heading, index) => {
    if (withheld(heading)) {
      suggestion.withheld.push(index + 1);
      return;
    }
    const reading = limesurvey ? readings?.[index] : undefined;
    const normal = normaliseHeader(heading);
    if (reading && reading.role !== 'question') {
      if (reading.role === 'identifier' || reading.role === 'free_text') suggestion.dropped.push(heading);
      else if (reading.role === 'metadata') suggestion.metadata.push(heading);
      return;
    }
    if (!reading && isIdentifierColumn(heading)) {
      suggestion.dropped.push(heading);
      return;
    }
    if (known.has(normal)) {
      taken.add(normal);
      return;
    }
    if (!limesurvey && !taken.has('respondent_id') && RESPONDENT.test(normal)) {
      taken.add('respondent_id');
      suggestion.renames.push({ from: heading.trim(), to: 'respondent_id' });
      return;
    }
    const text = questionText(reading, heading, structure);
    // The option columns of one question (one-hot sex, district or age group) are renamed as the question.
    const option = reading?.option;
    if (option) {
      const name = option.question;
      if (questionsDone.has(name)) return;
      const target = guessTarget(text.question, text.sub, taken);
      if (target && ['district', 'sex', 'age_group'].includes(target)) {
        questionsDone.add(name);
        taken.add(target);
        suggestion.renames.push({ from: name, to: target, text: shownQuestion(text.question) });
        return;
      }
    }
    const target = guessTarget(text.question, text.sub, taken);
    if (target && known.has(target)) {
      taken.add(target);
      suggestion.renames.push({ from: reading?.code ?? heading.trim(), to: target, text: shownQuestion(text.sub === undefined ? text.question : `${text.question} [${text.sub}]`) });
    } else {
      suggestion.unplaced.push({ heading: heading.trim(), text: text.question === heading ? undefined : shownQuestion(text.question) });
    }
  });
  suggestion.missingColumns = layout.columns
    .filter((column) => column.required && !taken.has(column.name) && !(column.name === 'respondent_id' && limesurvey) && !(column.name === 'wave' && input.wave))
    .map((column) => column.name);
  // Without a wave the values can still be checked: the import will have one from --wave.
  if (suggestion.missingColumns.every((column) => column === 'wave')) checkValues(input, suggestion, layout);
  return suggestion;
}

/** The suggested mapping as an import would use it. */
export function suggestedSpec(suggestion: Suggestion): MappingSpec {
  const columns = Object.fromEntries(suggestion.renames.map(({ from, to }) => [from, to]));
  const spec: MappingSpec = { columns };
  if (suggestion.lss) spec.lss = suggestion.lss;
  if (suggestion.districtRenames.length > 0) spec.districts = Object.fromEntries(suggestion.districtRenames.map(({ from, to }) => [from, to]));
  return spec;
}

/** Unknown districts a rename is looked for: beyond them a file is more likely of another zone than misspelt. */
const SUGGESTED = 50;

/** Runs the suggested mapping's plan over the values seen: answers it would refuse, districts the store lacks. */
function checkValues(input: SuggestInput, suggestion: Suggestion, layout: ReturnType<ReturnType<typeof handlerFor>['layout']>): void {
  const own: Mapping = { spec: suggestedSpec({ ...suggestion, lss: undefined }), source: { file: 'map' }, digest: 'map', structure: input.structure };
  const preset: Mapping | null = suggestion.limesurvey ? { spec: LIMESURVEY, source: { file: presetSource('limesurvey') }, digest: 'preset' } : null;
  let plan: ReturnType<typeof planColumns>;
  try {
    plan = planColumns(input.header, layout, combineMappings(preset, own), { wave: input.wave ?? '2000' }, 'map');
  } catch {
    return; // the header itself is the problem: the TODO lines say which columns are missing
  }
  for (const column of plan.columns) {
    const sources = column.flags ? [] : column.index >= 0 ? [column.index] : [];
    const schema = column.spec.item ? answerSchema(column.spec.item) : layout.row.shape[column.spec.name];
    const values = sources.flatMap((index) => [...(input.values[index] ?? [])]);
    const flagValues = column.flags?.map((option) => option.value) ?? [];
    const refused = [...new Set([...values, ...flagValues])].filter((value) => !accepts(column, schema, value));
    if (column.spec.type === 'district' && input.districts.length > 0) {
      // indexed once: each of up to 500 values is looked up among every district of the store
      const spelling = new DistrictSpelling(input.districts);
      const known = new KnownNames(input.districts);
      let suggested = 0;
      for (const value of [...new Set([...values, ...flagValues])]) {
        const name = column.recode?.get(fold(value)) ?? value.trim();
        if (name === '' || column.missing?.has(fold(name)) || spelling.canonical(name) !== null) continue;
        // a rename is suggested for the first SUGGESTED districts the store lacks (each costs a search of every district)
        const closest = suggested++ < SUGGESTED ? closestNames(name, known, 1) : [];
        // a district column may hold addresses or names: only a short code or a misspelt district is shown
        if (unknownDistrict(name, closest) !== name) suggestion.withheldDistricts++;
        else if (closest.length > 0) suggestion.districtRenames.push({ from: name, to: closest[0] });
        else suggestion.unknownDistricts.push(name);
      }
    }
    // values refused are shown as refused cells are: a short code, else *** (once)
    const shown = [...new Set(refused.map(refusedCell))].sort((a, b) => Number(a === WITHHELD) - Number(b === WITHHELD));
    if (refused.length > 0 && column.spec.type !== 'id') suggestion.unrecognised.push({ column: column.spec.name, values: shown.slice(0, 12) });
  }
}
