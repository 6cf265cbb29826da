// Dutch and French output holds no English: every command's output in nl and fr is scanned for words that
// exist only in the English catalogue (names, ids, code and file paths left aside).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codebookEn } from '../../src/i18n/codebook/en.js';
import { codebookFr } from '../../src/i18n/codebook/fr.js';
import { codebookNl } from '../../src/i18n/codebook/nl.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { catalogues, type Lang } from '../../src/i18n/index.js';
import { BAD, DEMO, explain, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
const CODEBOOK = { en: codebookEn, nl: codebookNl, fr: codebookFr };
const STORE = ['--store', 'zone/safety-scan.db'];
const GOALS = `${DEMO}/goals.yaml`;

/** Words of at least three letters, lower-cased; a token with a digit, `_`, `/`, `.` or `@` inside is an id or a path. */
function words(text: string): string[] {
  return text
    .replace(/\\_/g, '_')
    .replace(/`[^`]*`|"[^"\n]*"|<\/?[a-z]+[^>\n]*>/g, ' ')
    .replace(/^\s*\$ .*$/gm, ' ')
    .replace(/(^|\s)--?[a-z][\w-]*/g, ' ')
    .split(/[^\p{L}\p{N}_/.@'’-]+/u)
    .map((token) => token.replace(/^['’.-]+|['’.-]+$/g, ''))
    .filter((token) => token.length >= 3 && !/[\d_/.@]/.test(token))
    .flatMap((token) => token.toLowerCase().split(/['’-]/))
    .filter((word) => word.length >= 3);
}

/** Every word a text in this language may use: its catalogue and its codebook words. */
function vocabulary(lang: Lang): Set<string> {
  return new Set([...Object.values(catalogues[lang]), ...JSON.stringify(CODEBOOK[lang]).split('"')].flatMap(words));
}

/** Command names are typed as they are, in every language. */
const CODE = new Set(['help', ...COMMANDS.map((command) => command.name)]);

/** Names from the data (districts, zone, sources) may be in any language. */
const NAMES = new Set(words(readdirSync(DEMO).join(' ') + readFileSync(`${DEMO}/population.csv`, 'utf8') + readFileSync(`${DEMO}/monitor.csv`, 'utf8')));

function englishOnly(lang: Lang): Set<string> {
  const own = vocabulary(lang);
  return new Set([...vocabulary('en')].filter((word) => !own.has(word) && !NAMES.has(word) && !CODE.has(word)));
}

/** The commands a user runs on a zone, with the outputs that carry words. */
const RUNS: string[][] = [
  [...STORE, 'status'],
  [...STORE, 'indicators'],
  [...STORE, 'indicators', '--format', 'md'],
  [...STORE, 'compare', '--from', '2023', '--to', '2026'],
  [...STORE, 'compare', '--from', '2023', '--to', '2026', '--format', 'md'],
  [...STORE, 'check', '--goals', GOALS],
  [...STORE, 'check', '--goals', GOALS, '--format', 'md'],
  [...STORE, 'profile', '--district', 'Oudegem'],
  [...STORE, 'profile', '--district', 'Oudegem', '--format', 'md'],
  [...STORE, 'report', '--goals', GOALS, '--format', 'md', '--out', 'lang-report'],
  ['--store', 'dry/safety-scan.db', 'import', '--kind', 'survey', `${BAD}/out-of-range.csv`, '--dry-run'],
  [...STORE, 'indicators', '--district', 'Nowhere'],
  ['status', '--format', 'xml'],
  ['init', 'fresh'],
  [...STORE, 'forget', '999'],
  [...STORE, 'compare', '--from', '2026'],
  ['import', '--help'],
  ['--help'],
  ['codebook'],
  ['validate', GOALS, `${DEMO}/monitor-mapping.yaml`],
];

describe.each(['nl', 'fr'] as const)('--lang %s', (lang) => {
  const foreign = englishOnly(lang);

  it('knows enough English to find it (the scan can fail)', () => {
    expect(words('No respondents in this district; the estimate is unreliable.').filter((word) => foreign.has(word))).toEqual([
      'this',
      'the',
      'unreliable',
    ]);
  });

  it.each(RUNS.map((args) => [args.join(' '), args]))('safety-scan %s speaks no English', async (_, args) => {
    const run = await demo.run(['--lang', lang, ...(args as string[])]);
    let text = `${run.stdout}\n${run.stderr}`;
    const written = /report written: (\S+)|(\S+\.md)\s*$/m.exec(run.stdout);
    if (args.includes('report') && written) text += readFileSync(written[0].trim(), 'utf8');
    expect(run.code, explain(run)).not.toBe(70);
    // Each English word with the line it was found on, so a failure shows where it came from.
    const lines = text.split('\n');
    const english = [...new Set(words(text).filter((word) => foreign.has(word)))].map((word) => `${word}: ${lines.find((line) => words(line).includes(word))?.trim().slice(0, 160)}`);
    expect(english).toEqual([]);
  });
});
