// A multiple-choice option renamed to a yes/no item (docs/methods.md section 19.5), on LimeSurvey's own export:
// fixtures/limesurvey/ls6-nl-code-code-semicolon.csv is survey D as LimeSurvey 6.14 exports it with code
// headings and answer codes (`;`, UTF-8 BOM, CRLF, every value quoted, NULL an unquoted empty cell): question
// Q7 (type M, three options and "other") holds `Y` for a ticked option and `""` for one left unticked. The
// same responses with full answers (ls6-nl-full-full-comma.csv) say `Ja`/`Nee` for each: the truth here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInCodebook, type CodebookItem } from '../../src/config/codebook.js';
import { handlerFor, presetMapping } from '../../src/ingest/kinds/index.js';
import { combineMappings, loadMapping } from '../../src/ingest/mapping.js';
import { planColumns } from '../../src/ingest/plan.js';
import { RowValidator, refused } from '../../src/ingest/validate.js';
import { ROOT } from '../helpers/cli.js';
import { Scratch } from './helpers.js';

const LIME = join(ROOT, 'fixtures', 'limesurvey');
const HEARD = ['heard_letter', 'heard_website', 'heard_social'];
const scratch = new Scratch();
afterAll(() => scratch.remove());

/** The built-in codebook with three yes/no items for Q7's options. */
function codebook() {
  const book = builtInCodebook();
  const yesNo = book.items.find((item) => item.name === 'avoid_places') as CodebookItem;
  book.items.push(...HEARD.map((name) => ({ ...yesNo, name })));
  return book;
}

function records(file: string, delimiter: string): string[][] {
  return parse(readFileSync(join(LIME, file), 'utf8'), { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
}

const CODES = 'ls6-nl-code-code-semicolon.csv';
/** The same export with full headings, spaces as underscores: `Hoe_hebt_u_..._[brief_van_de_politiezone]`, `..._[Overige]`. */
const UNDERSCORED = 'ls6-nl-underscored-code-semicolon.csv';

/** Every complete response of a code export through the plan and validator: its Q7 items by response id. */
function imported(file: string, withStructure: boolean): { read: Map<string, Array<number | undefined>>; plan: ReturnType<typeof planColumns> } {
  const lss = withStructure ? `lss: ${JSON.stringify(join(LIME, 'survey-ls6.lss'))}\n` : '';
  const renames = '  "Q7[SQ001]": heard_letter\n  "Q7[SQ002]": heard_website\n  "Q7[SQ003]": heard_social\n';
  const sex = 'flags:\n  sex: { "Geslacht[SQ001]": M, "Geslacht[SQ002]": F, "Geslacht[SQ003]": X }\n';
  const yaml = `${lss}${sex}columns:\n  Wijk: district\n  Geboortejaar: birth_year\n  Q1: unsafe_freq\n${renames}`;
  scratch.file(`choice-${withStructure}.yaml`, [yaml]);
  const layout = handlerFor('survey').layout(codebook());
  const mapping = combineMappings(presetMapping('survey', 'limesurvey'), loadMapping(scratch.path(`choice-${withStructure}.yaml`), 'survey'));
  const [header, ...rows] = records(file, ';');
  const plan = planColumns(header, layout, mapping, { wave: '2026' }, file);
  const validator = new RowValidator(plan, layout, handlerFor('survey'), '2026');
  const read = new Map<string, Array<number | undefined>>();
  rows.forEach((fields, i) => {
    if (validator.skipped(fields)) return;
    const row = validator.validate(fields, i + 2);
    if (refused(row)) throw new Error(`line ${i + 2}: ${JSON.stringify(row)}`);
    read.set(fields[0], HEARD.map((name) => (row as Record<string, unknown>)[name] as number | undefined));
  });
  return { read, plan };
}

/** The full-answer export's Q7 per complete response: `Ja` 1, `Nee` 0, and whether any option or "other" was given. */
function truth(): Map<string, { values: number[]; answered: boolean }> {
  const [header, ...rows] = records('ls6-nl-full-full-comma.csv', ',');
  const codeHeader = records(CODES, ';')[0];
  const columns = ['Q7[SQ001]', 'Q7[SQ002]', 'Q7[SQ003]'].map((code) => codeHeader.indexOf(code));
  const other = codeHeader.indexOf('Q7[other]');
  expect(header.length).toBe(codeHeader.length);
  const found = new Map<string, { values: number[]; answered: boolean }>();
  for (const fields of rows) {
    if (fields[1] === '') continue; // incomplete responses are skipped by the preset
    const values = columns.map((index) => ({ Ja: 1, Nee: 0 })[fields[index] as 'Ja' | 'Nee']);
    found.set(fields[0], { values, answered: values.includes(1) || fields[other] !== '' });
  }
  return found;
}

describe('a multiple-choice option renamed to a yes/no item', () => {
  it.each([CODES, UNDERSCORED])('reads an empty option of %s as not ticked when another option (or "other") is given, else as missing', (file) => {
    const { read, plan } = imported(file, true);
    const expected = truth();
    expect(read.size).toBe(1502);
    let unticked = 0;
    let unanswered = 0;
    for (const [id, { values, answered }] of expected) {
      if (answered) {
        expect(read.get(id), `response ${id}`).toEqual(values);
        unticked += values.filter((value) => value === 0).length;
      } else {
        // nothing ticked: LimeSurvey writes `""` for a shown question and an empty cell for one not shown,
        // and neither survives Excel or a workbook: the safe reading is missing
        expect(read.get(id), `response ${id}`).toEqual([undefined, undefined, undefined]);
        unanswered++;
      }
    }
    expect(unticked).toBeGreaterThan(500);
    expect(unanswered).toBeGreaterThan(100);
    // the other options are only looked at: "other" is free text, dropped as before
    const other = records(file, ';')[0][records(CODES, ';')[0].indexOf('Q7[other]')];
    expect(plan.dropped).toContain(other);
    expect(plan.columns.find((column) => column.spec.name === 'heard_letter')?.header).toMatch(/^(Q7\[SQ001\]|Hoe_hebt_u_.*\[brief_van_de_politiezone\])$/);
  });

  it('is read cell by cell without the structure file, which alone says the column is an option', () => {
    const { read } = imported(CODES, false);
    const expected = truth();
    for (const [id, { values }] of expected) {
      expect(read.get(id), `response ${id}`).toEqual(values.map((value) => (value === 1 ? 1 : undefined)));
    }
  });
});
