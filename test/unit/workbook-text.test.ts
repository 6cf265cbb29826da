// Texts in a workbook (`--format xlsx`) as written (adversarial run r20, F2): a character XML 1.0 does not allow
// (U+FFFE, U+FFFF, a lone surrogate, a C0 control) made a part that is not well-formed XML, and a literal
// `_x000A_` in a district's name was written as is, which Excel reads as a line break.
import { XMLValidator } from 'fast-xml-parser';
import { readXlsx } from 'hucre/xlsx';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { workbookBytes, workbookText } from '../../src/render/workbook.js';
import { unzipped } from '../helpers/zip.js';

/** Every character XML 1.0 allows (its Char production). */
const XML_CHARS = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

/** Excel's reading of a text (ST_Xstring): each `_xHHHH_` is the character HHHH. */
const excelReads = (text: string): string => text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

const NAMES = ['Noord\ufffe', 'Zuid\uffff', 'Oost_x000A_error: x', 'West_x001b_', '_x005F_', 'Esc\u001b[2J', 'Half\ud800x', 'x\udc00Half', 'Pair \u{1f600}', 'C\r\nR', 'Tab\there', 'a_x12_b _xZZZZ_'];

describe('a text in a workbook', () => {
  it.each(NAMES)('%j is written in characters XML allows, and reads back as written', (name) => {
    const written = workbookText(name);
    expect(written).toMatch(XML_CHARS);
    expect(excelReads(written)).toBe(name);
  });

  it('leaves a text without such a character as it is', () => {
    for (const name of ['Oudegem', 'Sint-Job-in-’t-Goor', 'a_b_x', 'Київ', 'Pair \u{1f600}']) expect(workbookText(name)).toBe(name);
  });

  it('every XML part of a workbook whose cells and headings hold them is well-formed, and Excel reads the texts as written', async () => {
    const t = translator('en');
    const bytes = await workbookBytes([{ sheet: 'Indicators 2026', columns: ['district', 'odd_x0041_heading'], rows: NAMES.map((name) => [name, 1]) }], t);
    const parts = unzipped(bytes);
    expect([...parts.keys()]).toContain('xl/sharedStrings.xml');
    for (const [name, data] of parts) {
      if (!/\.(xml|rels)$/.test(name)) continue;
      const xml = new TextDecoder('utf-8', { fatal: true }).decode(data);
      expect(xml, name).toMatch(XML_CHARS);
      expect(XMLValidator.validate(xml), name).toBe(true);
    }
    const strings = new TextDecoder().decode(parts.get('xl/sharedStrings.xml'));
    const texts = [...strings.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map(([, text]) => excelReads(text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')));
    for (const name of [...NAMES, 'odd_x0041_heading']) expect(texts).toContain(name);
    // a reader of the workbook (hucre, as Excel) has the same texts back
    const [sheet] = (await readXlsx(bytes)).sheets;
    expect(sheet.rows.map((row) => row[0])).toEqual(['district', ...NAMES]);
    expect(sheet.rows[0][1]).toBe('odd_x0041_heading');
  });
});

describe('a text a spreadsheet would run as a formula once edited (adversarial run r33, C1)', () => {
  it('is written as itself with the Text number format (@), in a cell and a heading; other texts and numbers keep theirs', async () => {
    const t = translator('en');
    const bytes = await workbookBytes([{ sheet: 'Goals', columns: ['goal', '=heading'], rows: [['=1+2', 1], ['-cmd doel', 2], ['@SUM(A1)', 3], ['Oudegem', 4], ['-1', 5]] }], t);
    const parts = unzipped(bytes);
    const styles = new TextDecoder().decode(parts.get('xl/styles.xml'));
    const sheet = new TextDecoder().decode(parts.get('xl/worksheets/sheet1.xml'));
    // the Text format is Excel's built-in number format 49 (`@`), or a custom one holding `@`
    const cellXfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)?.[1] ?? '';
    const xfs = [...cellXfs.matchAll(/<xf [^>]*numFmtId="(\d+)"[^>]*>/g)].map((match) => match[1]);
    const custom = new Map([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((match) => [match[1], match[2]]));
    const isText = (style: string | undefined) => {
      const id = style === undefined ? undefined : xfs[Number(style)];
      return id === '49' || custom.get(id ?? '') === '@';
    };
    const styleOf = (ref: string) => new RegExp(`<c r="${ref}"[^>]*? s="(\\d+)"`).exec(sheet)?.[1];
    for (const ref of ['B1', 'A2', 'A3', 'A4']) expect(isText(styleOf(ref)), ref).toBe(true);
    for (const ref of ['A1', 'A5', 'A6']) expect(isText(styleOf(ref)), ref).toBe(false);
    const read = await readXlsx(bytes);
    expect(read.sheets[0].rows.slice(1).map((row) => row[0])).toEqual(['=1+2', '-cmd doel', '@SUM(A1)', 'Oudegem', '-1']);
  });
});
