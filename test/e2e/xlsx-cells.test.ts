// A workbook's cells read as Excel shows them, and as a CSV export of the same sheet would hold them: numbers
// only as XML Schema writes them, texts without their phonetic readings, percentages with their sign, columns
// without a heading left out (and said), a `>` inside an attribute's quotes, ZIP64 end records.
import { existsSync, readFileSync } from 'node:fs';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { convertCell, PERCENT_SIGN } from '../../src/ingest/cells.js';
import type { ColumnSpec } from '../../src/ingest/kinds/columns.js';
import { inspect, openTable } from '../../src/ingest/read.js';
import { SheetCells } from '../../src/ingest/xlsx-check.js';
import { translator } from '../../src/i18n/index.js';
import { explain, Workdir } from '../helpers/cli.js';
import { zipOf } from '../helpers/zip.js';

const workdirs: Workdir[] = [];
function workdir(): Workdir {
  const created = new Workdir().write({ 'safety-scan.yaml': 'codebook:\n  age_groups: [15-64]\n' });
  workdirs.push(created);
  return created;
}
afterAll(() => {
  for (const dir of workdirs) dir.remove();
});

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relations = (list: string[][]) =>
  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list.map(([id, type, target]) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`).join('')}</Relationships>`;
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADINGS = ['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq'];
const header = (headings = HEADINGS) => `<row r="1">${headings.map((text, i) => (text === '' ? '' : inline(`${String.fromCharCode(65 + i)}1`, text))).join('')}</row>`;
/** Row `r` of a survey: R{r}, 2026, Oudegem, M, 40, then `rest` (its F cell and after). */
const row = (r: number, rest: string) => `<row r="${r}">${inline(`A${r}`, `R${r}`)}<c r="B${r}"><v>2026</v></c>${inline(`C${r}`, 'Oudegem')}${inline(`D${r}`, 'M')}<c r="E${r}"><v>40</v></c>${rest}</row>`;

/** A part already packed, with the unpacked size and CRC-32 its directory entry declares. */
type Packed = { packed: Buffer; size: number; crc: number };

/**
 * A workbook of one sheet `Data` (its rows' XML, after `header`'s), with shared texts and cell styles when given; `packed` puts
 * parts in as already packed, `more` adds parts after the others (a name again, too).
 */
function book(rows: string, options: { header?: string; texts?: string; styles?: string; headings?: string[]; properties?: string; packed?: Record<string, Packed>; more?: Record<string, string> } = {}): Buffer {
  const parts: Record<string, string> = {
    '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
    '_rels/.rels': relations([['rId1', 'officeDocument', 'xl/workbook.xml']]),
    'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${options.properties ?? ''}<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': relations([
      ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
      ['rId2', 'sharedStrings', 'sharedStrings.xml'],
      ['rId3', 'styles', 'styles.xml'],
    ]),
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="${MAIN}"><sheetData>${options.header ?? header(options.headings)}${rows}</sheetData></worksheet>`,
    'xl/sharedStrings.xml': `<sst xmlns="${MAIN}">${options.texts ?? '<si><t>x</t></si>'}</sst>`,
    'xl/styles.xml': `<styleSheet xmlns="${MAIN}">${options.styles ?? '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>'}</styleSheet>`,
  };
  return zipOf([
    ...Object.entries(parts).map(([name, data]) => options.packed?.[name] ? { name, ...options.packed[name] } : { name, data: Buffer.from(data) }),
    ...Object.entries(options.more ?? {}).map(([name, data]) => ({ name, data: Buffer.from(data) })),
  ]);
}

/** The header and rows a workbook or text file is read as. */
async function readTable(dir: Workdir, file: string): Promise<{ header: string[]; rows: string[][]; unheaded: string[] }> {
  const table = await openTable(await inspect({ file, path: dir.path(file) }));
  const rows: string[][] = [];
  for await (const batch of table.rows) rows.push(...batch.map((one) => one.fields));
  return { header: table.header, rows, unheaded: table.unheaded() };
}

describe('numbers as a workbook writes them (XML Schema, xsd:double)', () => {
  it('a number beyond what a number holds (1E+999) is its text, and its row refused as the same text in a CSV file is', async () => {
    const weighted = [...HEADINGS, 'weight'];
    const files = {
      'big.xlsx': book(`${row(2, '<c r="F2"><v>2</v></c><c r="G2"><v>1E+999</v></c>')}${row(3, '<c r="F3"><v>2</v></c><c r="G3"><v>1.5</v></c>')}`, { headings: weighted }),
      'big.csv': `${weighted.join(';')}\r\nR2;2026;Oudegem;M;40;2;1E+999\r\nR3;2026;Oudegem;M;40;2;1,5\r\n`,
    };
    expect((await readTable(workdir().write(files), 'big.xlsx')).rows[0][6]).toBe('1E+999');
    const reasons: string[] = [];
    for (const file of ['big.xlsx', 'big.csv']) {
      const dir = workdir().write(files);
      const run = await dir.run(['import', '--kind', 'survey', '--json', file]);
      expect(run.code, explain(run)).toBe(0);
      expect(JSON.parse(run.stdout).files[0]).toMatchObject({ rows_stored: 1, rows_rejected: 1 });
      reasons.push(readFileSync(dir.path('rejects', `big.survey.rejects.csv`), 'utf8').split(/\r?\n/)[1].split(';').slice(1, 3).join(';'));
    }
    expect(reasons[0]).toMatch(/weight/);
    expect(reasons[0].replace('(G)', '(7)')).toBe(reasons[1]);
  });

  it('a number cell whose value is not written as a number (0x28, read as 40 before) is damage naming the cell', async () => {
    const dir = workdir().write({ 'hex.xlsx': book(row(2, '<c r="F2"><v>0x28</v></c>')), 'plain.xlsx': book(row(2, '<c r="F2" t="n"><v> 2.0E0 </v></c>')) });
    for (const [lang, said] of [
      ['en', 'hex.xlsx[Data]:2: this is not an Excel workbook that can be read (cell F2 is a number cell, but its value is not written as a number)'],
      ['nl', 'hex.xlsx[Data]:2: dit is geen leesbare Excel-werkmap (cel F2 is een getalcel, maar haar waarde is niet als getal geschreven)'],
      ['fr', 'hex.xlsx[Data]:2: ce n’est pas un classeur Excel lisible (la cellule F2 est de type numérique, mais sa valeur n’est pas écrite sous forme de nombre)'],
    ]) {
      const run = await dir.run(['--lang', lang, 'import', '--kind', 'survey', '--dry-run', 'hex.xlsx']);
      expect(run.code, explain(run)).toBe(3);
      expect(run.stderr).toContain(said);
    }
    expect((await readTable(dir, 'plain.xlsx')).rows[0][5]).toBe('2');
  });

  it('a whole number beyond 2^53 keeps every digit as written: two respondent ids a double would make one are two (adversarial run r24)', async () => {
    const ids = [['9007199254740993', '9007199254740992'], ['12345678901234567890', '12345678901234567891']];
    const idRow = (r: number, id: string) => row(r, '<c r="F0"><v>2</v></c>'.replace('F0', `F${r}`)).replace(inline(`A${r}`, `R${r}`), `<c r="A${r}"><v>${id}</v></c>`);
    for (const [first, second] of ids) {
      const dir = workdir().write({ 'ids.xlsx': book(`${idRow(2, first)}${idRow(3, second)}${idRow(4, '-0000123')}`) });
      expect((await readTable(dir, 'ids.xlsx')).rows.map((fields) => fields[0])).toEqual([first, second, '-123']);
      const run = await dir.run(['import', '--kind', 'survey', '--json', 'ids.xlsx']);
      expect(run.code, explain(run)).toBe(0);
      const [outcome] = JSON.parse(run.stdout).files;
      expect({ stored: outcome.rows_stored, rejected: outcome.rows_rejected }).toEqual({ stored: 3, rejected: 0 });
    }
  });

  it('a true/false cell reads as true or false from 1, 0, true or false; any other value is damage naming the cell (read as false before)', async () => {
    const dir = workdir().write({ 'yes.xlsx': book(`${row(2, '<c r="F2" t="b"><v>1</v></c><c r="G2" t="b"><v>0</v></c><c r="H2" t="b"><v> true </v></c>')}${row(3, '<c r="F3" t="b"><v>false</v></c><c r="G3" t="b"></c>')}`, { headings: [...HEADINGS, 'weight', 'other'] }) });
    expect((await readTable(dir, 'yes.xlsx')).rows.map((fields) => fields.slice(5, 8))).toEqual([['true', 'false', 'true'], ['false', '', '']]);
    for (const value of ['2', 'yes', 'TRUE', '-1']) {
      dir.write({ 'odd.xlsx': book(row(2, `<c r="F2" t="b"><v>${value}</v></c>`)) });
      const run = await dir.run(['import', '--kind', 'survey', '--dry-run', 'odd.xlsx']);
      expect(run.code, explain(run)).toBe(3);
      expect(run.stderr).toContain('odd.xlsx[Data]:2: this is not an Excel workbook that can be read (cell F2 is a true/false cell, but its value is not 1 or 0 (true or false))');
    }
  });

  // r16 F8, decided: the line is XML Schema's. Its special values are numbers as written, read as their text
  // (rejected per row, as in a CSV file); what no writer of xsd:double writes is damage.
  it('XML Schema’s NaN, INF and -INF read as their text; Infinity, 0x64 and 1e are damage', async () => {
    const dir = workdir().write({ 'special.xlsx': book(row(2, '<c r="F2"><v>NaN</v></c><c r="G2"><v>INF</v></c><c r="H2"><v>-INF</v></c>'), { headings: [...HEADINGS, 'weight', 'other'] }) });
    expect((await readTable(dir, 'special.xlsx')).rows[0].slice(5, 8)).toEqual(['NaN', 'INF', '-INF']);
    for (const value of ['Infinity', '0x64', '1e']) {
      dir.write({ 'odd.xlsx': book(row(2, `<c r="F2"><v>${value}</v></c>`)) });
      const run = await dir.run(['import', '--kind', 'survey', '--dry-run', 'odd.xlsx']);
      expect(run.code, explain(run)).toBe(3);
      expect(run.stderr).toContain('cell F2 is a number cell, but its value is not written as a number');
    }
  });
});

describe('texts as Excel shows them', () => {
  it('leave out the phonetic reading (rPh) of a shared or an inline text', async () => {
    const texts = '<si><t>x</t></si><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si><si><r><t>Oude</t></r><r><rPr><b/></rPr><t>gem</t></r><rPh sb="0" eb="1"><t>オ</t></rPh></si>';
    const cells = `<c r="F2"><v>2</v></c><c r="G2" t="s"><v>1</v></c><c r="H2" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></is></c><c r="I2" t="s"><v>2</v></c><c r="J2" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r><rPh sb="0" eb="1"><t>ア</t></rPh></is></c>`;
    const dir = workdir().write({ 'kanji.xlsx': book(row(2, cells), { texts, headings: [...HEADINGS, 'g', 'h', 'i', 'j'] }) });
    expect((await readTable(dir, 'kanji.xlsx')).rows[0].slice(6)).toEqual(['東京', '漢字', 'Oudegem', 'ab']);
  });
});

describe('percentages as Excel shows them', () => {
  const styles =
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0.0&quot;%&quot;"/></numFmts>' +
    '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs>';

  it('a cell in a percentage format (built-in 0% and 0.00%, or one with an unquoted %) reads as 9.2%; a quoted % and a date are no percentage', async () => {
    const cells = '<c r="F2"><v>2</v></c><c r="G2" s="1"><v>0.092</v></c><c r="H2" s="2"><v>1</v></c><c r="I2" s="3"><v>-0.0005</v></c><c r="J2" s="4"><v>0.5</v></c><c r="K2" s="5"><v>46095</v></c><c r="L2" s="0"><v>0.092</v></c><c r="M2" s="5"><v>1E+300</v></c>';
    const dir = workdir().write({ 'share.xlsx': book(row(2, cells), { styles, headings: [...HEADINGS, 'g', 'h', 'i', 'j', 'k', 'l', 'm'] }) });
    expect((await readTable(dir, 'share.xlsx')).rows[0].slice(6)).toEqual(['9.2%', '100%', '-0.05%', '0.5', '2026-03-14', '0.092', '1e+300']);
  });

  it('a date reads as its day in either of Excel’s date systems, from 1900 or from 1904', async () => {
    const dir = workdir().write({
      '1900.xlsx': book(row(2, '<c r="F2"><v>2</v></c><c r="G2" s="5"><v>46095.5</v></c>'), { styles, headings: [...HEADINGS, 'g'] }),
      '1904.xlsx': book(row(2, '<c r="F2"><v>2</v></c><c r="G2" s="5"><v>44633</v></c>'), { styles, headings: [...HEADINGS, 'g'], properties: '<workbookPr date1904="1"/>' }),
    });
    expect((await readTable(dir, '1900.xlsx')).rows[0][6]).toBe('2026-03-14 12:00:00');
    expect((await readTable(dir, '1904.xlsx')).rows[0][6]).toBe('2026-03-14');
  });

  it('a share read from a workbook and from its CSV export is the same value, with or without `units: percent`', async () => {
    const dir = workdir().write({
      'share.xlsx': book(row(2, '<c r="F2" s="1"><v>0.092</v></c>'), { styles }),
      'share.csv': `${HEADINGS.join(';')}\r\nR2;2026;Oudegem;M;40;9,2%\r\n`,
    });
    const fromBook = (await readTable(dir, 'share.xlsx')).rows[0][5];
    const fromText = (await readTable(dir, 'share.csv')).rows[0][5];
    const proportion: ColumnSpec = { type: 'proportion' } as ColumnSpec;
    // as the validator reads a share in a column with `units: percent`: a cell without its % sign is divided by 100
    const share = (cell: string, percent: boolean) => {
      const value = convertCell(proportion, cell);
      return percent && typeof value === 'number' && !PERCENT_SIGN.test(cell) ? value / 100 : value;
    };
    for (const percent of [false, true]) expect(share(fromBook, percent)).toBe(share(fromText, percent));
    expect(share(fromBook, true)).toBeCloseTo(0.092, 12);
  });
});

describe('columns without a heading', () => {
  const headings = ['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq', '', 'note'];

  it('are not read, in a workbook and in a text file alike, and no row is refused for them', async () => {
    const dir = workdir().write({
      'gap.xlsx': book(`${row(2, '<c r="F2"><v>2</v></c><c r="G2"><v>7</v></c><c r="H2"><v>1</v></c>')}${row(3, '<c r="F3"><v>3</v></c>')}`, { headings }),
      'gap.csv': `${headings.join(';')}\r\nR2;2026;Oudegem;M;40;2;7;1\r\nR3;2026;Oudegem;M;40;3\r\n`,
    });
    const book_ = await readTable(dir, 'gap.xlsx');
    const text = await readTable(dir, 'gap.csv');
    expect(book_.header).toEqual(['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq', 'note']);
    expect(text.header).toEqual(book_.header);
    expect(book_.rows[0]).toEqual(['R2', '2026', 'Oudegem', 'M', '40', '2', '1']);
    expect(text.rows[0]).toEqual(book_.rows[0]);
    expect(book_.unheaded).toEqual(['G']);
    expect(text.unheaded).toEqual(['7']);
  });

  it('are said once per file on stderr and listed in import --json as unheaded_columns', async () => {
    const dir = workdir().write({
      'gap.xlsx': book(`${row(2, '<c r="F2"><v>2</v></c><c r="G2"><v>7</v></c>')}${row(3, '<c r="F3"><v>3</v></c><c r="G3"><v>8</v></c>')}`, { headings }),
      'gap.csv': `${headings.join(';')}\r\nR2;2026;Oudegem;M;40;2;7;\r\nR3;2026;Oudegem;M;40;3;8;\r\n`,
      'full.csv': `${HEADINGS.join(';')}\r\nR2;2026;Oudegem;M;40;2\r\n`,
    });
    for (const [file, column] of [
      ['gap.xlsx', 'G'],
      ['gap.csv', '7'],
    ]) {
      const run = await dir.run(['import', '--kind', 'survey', '--dry-run', '--json', file]);
      expect(run.code, explain(run)).toBe(0);
      expect(JSON.parse(run.stdout).files[0]).toMatchObject({ rows_read: 2, rows_valid: 2, rows_rejected: 0, unheaded_columns: [column] });
      expect(run.stderr.split(`${file}: the columns without a heading were not read, though they hold data: ${column}.`)).toHaveLength(2);
    }
    const nl = await dir.run(['--lang', 'nl', 'import', '--kind', 'survey', '--dry-run', 'gap.xlsx']);
    expect(nl.stderr).toContain('gap.xlsx: de kolommen zonder kop werden niet gelezen, hoewel ze gegevens bevatten: G.');
    const fr = await dir.run(['--lang', 'fr', 'import', '--kind', 'survey', '--dry-run', 'gap.xlsx']);
    expect(fr.stderr).toContain('gap.xlsx\u202f: les colonnes sans en-tête n’ont pas été lues, bien qu’elles contiennent des données\u202f: G.');
    const full = await dir.run(['import', '--kind', 'survey', '--dry-run', '--json', 'full.csv']);
    expect(JSON.parse(full.stdout).files[0]).toMatchObject({ unheaded_columns: [] });
    expect(full.stderr).not.toContain('without a heading');
  });
});

describe('a damaged cell deep in a sheet', () => {
  it('stops its file when the reading reaches it, storing none of its rows; with --strict no file of the run is stored', async () => {
    // 3,000 rows before it: far past the first chunk the header is read from
    const rows = Array.from({ length: 3000 }, (_, i) => row(i + 2, `<c r="F${i + 2}"><v>2</v></c>`)).join('');
    const damaged = book(`${rows}${row(3002, '<c r="F3002"><v>0x28</v></c>')}`);
    const files = { 'a.csv': `${HEADINGS.join(';')}\r\nA7;2026;Oudegem;M;40;2\r\n`, 'b.xlsx': damaged };
    const plain = workdir().write(files);
    const run = await plain.run(['import', '--kind', 'survey', 'a.csv', 'b.xlsx']);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain('b.xlsx[Data]:3002: this is not an Excel workbook that can be read (cell F3002 is a number cell');
    expect(run.stderr).toContain('not imported: b.xlsx');
    const status = JSON.parse((await plain.run(['status', '--json'])).stdout);
    expect(JSON.stringify(status)).toContain('a.csv');
    expect(JSON.stringify(status)).not.toContain('b.xlsx');
    const strict = workdir().write(files);
    const refused = await strict.run(['import', '--kind', 'survey', '--strict', 'a.csv', 'b.xlsx']);
    expect(refused.code, explain(refused)).toBe(3);
    expect(refused.stderr).toContain('not imported: a.csv, b.xlsx');
    expect(existsSync(strict.path('safety-scan.db'))).toBe(false);
  });
});

describe('a `>` inside a quoted attribute value', () => {
  it('does not end the cell’s tag', async () => {
    const cells = '<c x="a>b" r="F2" t="s" y=\'c>d\'><v>0</v></c>';
    const dir = workdir().write({ 'quoted.xlsx': book(row(2, cells), { texts: '<si><t>3</t></si>' }) });
    expect((await readTable(dir, 'quoted.xlsx')).rows[0]).toEqual(['R2', '2026', 'Oudegem', 'M', '40', '3']);
  });

  it('does not hide the attributes after it from the check: a shared text the workbook does not have is damage, never an empty cell', async () => {
    const dir = workdir().write({ 'hidden.xlsx': book(row(2, '<c x="a>b" r="F2" t="s"><v>9</v></c>'), { texts: '<si><t>3</t></si>' }) });
    const run = await dir.run(['import', '--kind', 'survey', '--dry-run', 'hidden.xlsx']);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain('hidden.xlsx[Data]:2: this is not an Excel workbook that can be read (cell F2 points to a shared text the workbook does not have)');
  });
});

/** `text` repeated `times` over, deflated as it streams (the repeated text is never held whole), with its CRC-32. */
async function packedRepeat(head: string, text: string, times: number, tail: string): Promise<Packed> {
  const deflater = createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => deflater.on('end', resolve));
  const piece = Buffer.from(text);
  let crc = 0;
  let size = 0;
  const write = async (chunk: Buffer) => {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflater.write(chunk)) await new Promise((resolve) => deflater.once('drain', resolve));
  };
  await write(Buffer.from(head));
  for (let i = 0; i < times; i++) await write(piece);
  await write(Buffer.from(tail));
  deflater.end();
  await ended;
  return { packed: Buffer.concat(out), size, crc };
}

/** A dry-run survey import of `file` refused with exit 3, saying `said[lang]` in each language. */
async function refusedInEveryLanguage(dir: Workdir, file: string, said: Record<string, string>): Promise<void> {
  for (const [lang, text] of Object.entries(said)) {
    const run = await dir.run(['--lang', lang, 'import', '--kind', 'survey', '--dry-run', file]);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain(text);
  }
}

describe('a table of shared texts too large to hold (adversarial run r14, F11)', () => {
  const SST = `<sst xmlns="${MAIN}"><si><t>x</t></si><si><t>`;
  it('is refused before it unpacks when its directory says it unpacks to more than 256 MB, naming the part and the limit', async () => {
    // packed 150 times smaller, as the adversary's (within the zip-bomb rule's 200); never unpacked
    const declared = { packed: Buffer.concat([deflateRawSync(`${SST}y</t></si></sst>`), Buffer.alloc(2 * 1024 * 1024)]), size: 300 * 1024 * 1024, crc: 0 };
    const dir = workdir().write({ 'big.xlsx': book(row(2, '<c r="F2"><v>2</v></c>'), { packed: { 'xl/sharedStrings.xml': declared } }) });
    const said = {
      en: "big.xlsx: the workbook's part xl/sharedStrings.xml unpacks to more than 256 MB of shared texts, more than the reader can hold",
      nl: 'big.xlsx: het onderdeel xl/sharedStrings.xml van de werkmap bevat uitgepakt meer dan 256 MB aan gedeelde teksten',
      fr: 'big.xlsx: la partie xl/sharedStrings.xml du classeur se décompresse en plus de 256 Mo de textes partagés',
    };
    await refusedInEveryLanguage(dir, 'big.xlsx', said);
  });

  it('is refused as it unpacks when its directory understates it, once 256 MB are read (never read as one text beyond)', async () => {
    const understated = await packedRepeat(SST, 'a'.repeat(1024 * 1024), 257, '</t></si></sst>');
    const dir = workdir().write({ 'lying.xlsx': book(row(2, '<c r="F2"><v>2</v></c>'), { packed: { 'xl/sharedStrings.xml': { ...understated, size: 1000 } } }) });
    const run = await dir.run(['import', '--kind', 'survey', '--dry-run', 'lying.xlsx']);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain("lying.xlsx: the workbook's part xl/sharedStrings.xml unpacks to more than 256 MB of shared texts");
  });
});

describe('a part that unpacks to more than its directory declares (adversarial run r20, F4)', () => {
  // the packing check reads declared sizes only: a sheet declaring 50 kB that inflated to 1.6 GB was read to its end (11 s, exit 0)
  it('is damage naming the file and the part, found as the sheet read unpacks, not at its end', async () => {
    const sheet = await packedRepeat(`<worksheet xmlns="${MAIN}"><sheetData>${header()}`, ' '.repeat(1024 * 1024), 4, `${row(2, '<c r="F2"><v>2</v></c>')}</sheetData></worksheet>`);
    // its CRC-32 is right: only its size is not as declared
    const dir = workdir().write({ 'lying.xlsx': book('', { packed: { 'xl/worksheets/sheet1.xml': { ...sheet, size: 50_000 } } }) });
    const said = {
      en: 'lying.xlsx[Data]: this is not an Excel workbook that can be read (its part xl/worksheets/sheet1.xml unpacks to more data than the workbook declares for it, so it is damaged)',
      nl: 'lying.xlsx[Data]: dit is geen leesbare Excel-werkmap (het onderdeel xl/worksheets/sheet1.xml bevat uitgepakt meer gegevens dan de werkmap ervoor opgeeft en is dus beschadigd)',
      fr: 'lying.xlsx[Data]: ce n’est pas un classeur Excel lisible (sa partie xl/worksheets/sheet1.xml donne, une fois décompressée, plus de données que le classeur n’en déclare pour elle et est donc endommagée)',
    };
    await refusedInEveryLanguage(dir, 'lying.xlsx', said);
    // the same sheet declaring its real size is read
    const dir2 = workdir().write({ 'true.xlsx': book('', { packed: { 'xl/worksheets/sheet1.xml': sheet } }) });
    const read = await dir2.run(['import', '--kind', 'survey', '--dry-run', 'true.xlsx']);
    expect(read.code, explain(read)).toBe(0);
  });

  it('is damage in any other part of the workbook too, which is unpacked to check it', async () => {
    const styles = `<styleSheet xmlns="${MAIN}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;
    const data = Buffer.from(styles);
    const dir = workdir().write({ 'styles.xlsx': book(row(2, '<c r="F2"><v>2</v></c>'), { packed: { 'xl/styles.xml': { packed: deflateRawSync(data), size: data.length - 10, crc: crc32(data) } } }) });
    const run = await dir.run(['import', '--kind', 'survey', '--dry-run', 'styles.xlsx']);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain('styles.xlsx[Data]: this is not an Excel workbook that can be read (its part xl/styles.xml unpacks to more data than the workbook declares for it');
  });
});

describe('a character XML does not allow, written as a reference (adversarial run r14)', () => {
  /** Row 2 with `district` (its C cell) as given, `unsafe_freq` 2. */
  const withDistrict = (district: string) => `<row r="2">${inline('A2', 'R2')}<c r="B2"><v>2026</v></c>${district}${inline('D2', 'M')}<c r="E2"><v>40</v></c><c r="F2"><v>2</v></c></row>`;
  const TEXTS = '<si><t>x</t></si><si><t>Oude&#x1F;gem</t></si><si><r><t>Oude</t></r><r><t>&#0;gem</t></r></si><si><t>Oudegem</t></si>';

  it('is damage naming the cell, in its own text, a value or a shared text it uses (read before as the control character itself)', async () => {
    const cases: Record<string, string> = {
      'nul.xlsx': inline('C2', 'Oude&#0;gem'),
      'hex.xlsx': inline('C2', 'Oude&#x0B;gem'),
      'surrogate.xlsx': inline('C2', 'Oude&#xD800;gem'),
      'beyond.xlsx': inline('C2', 'Oude&#x110000;gem'),
      'fffe.xlsx': inline('C2', 'Oude&#65534;gem'),
      'value.xlsx': '<c r="C2" t="str"><v>Oude&#8;gem</v></c>',
      'shared.xlsx': '<c r="C2" t="s"><v>1</v></c>',
      'runs.xlsx': '<c r="C2" t="s"><v>2</v></c>',
    };
    const dir = workdir().write(Object.fromEntries(Object.entries(cases).map(([file, cell]) => [file, book(withDistrict(cell), { texts: TEXTS })])));
    for (const file of Object.keys(cases)) {
      const run = await dir.run(['import', '--kind', 'survey', '--dry-run', file]);
      expect(run.code, explain(run)).toBe(3);
      expect(run.stderr).toContain(`${file}[Data]:2: this is not an Excel workbook that can be read (cell C2 holds a character that XML does not allow, a control character written as \`&#0;\` or the like)`);
    }
    const nl = await dir.run(['--lang', 'nl', 'import', '--kind', 'survey', '--dry-run', 'nul.xlsx']);
    expect(nl.stderr).toContain('nul.xlsx[Data]:2: dit is geen leesbare Excel-werkmap (cel C2 bevat een teken dat XML niet toelaat, een stuurteken geschreven als `&#0;` of iets dergelijks)');
    const fr = await dir.run(['--lang', 'fr', 'import', '--kind', 'survey', '--dry-run', 'shared.xlsx']);
    expect(fr.stderr).toContain('shared.xlsx[Data]:2: ce n’est pas un classeur Excel lisible (la cellule C2 contient un caractère que XML n’autorise pas, un caractère de contrôle noté `&#0;` ou sous une forme semblable)');
  });

  it('an entity XML does not define (`&nbsp;`, stored before as the district `&nbsp;Noord`) is damage naming the part (adversarial run r24)', async () => {
    const TEXTS_NBSP = '<si><t>x</t></si><si><t>&nbsp;Noord</t></si>';
    const cases: Record<string, [string, string]> = {
      'inline.xlsx': [inline('C2', '&nbsp;Noord'), 'xl/worksheets/sheet1.xml'],
      'value.xlsx': ['<c r="C2" t="str"><v>&eacute;Noord</v></c>', 'xl/worksheets/sheet1.xml'],
      'shared.xlsx': ['<c r="C2" t="s"><v>1</v></c>', 'xl/sharedStrings.xml'],
    };
    const dir = workdir().write(Object.fromEntries(Object.entries(cases).map(([file, [cell]]) => [file, book(withDistrict(cell), file === 'shared.xlsx' ? { texts: TEXTS_NBSP } : {})])));
    for (const [file, [, part]] of Object.entries(cases)) {
      const run = await dir.run(['import', '--kind', 'survey', '--dry-run', file]);
      expect(run.code, explain(run)).toBe(3);
      expect(run.stderr).toContain(`this is not an Excel workbook that can be read (its part ${part} uses an entity that XML does not define, such as \`&nbsp;\`, so its XML is damaged)`);
    }
    const nl = await dir.run(['--lang', 'nl', 'import', '--kind', 'survey', '--dry-run', 'inline.xlsx']);
    expect(nl.stderr).toContain('inline.xlsx[Data]:2: dit is geen leesbare Excel-werkmap (het onderdeel xl/worksheets/sheet1.xml gebruikt een entiteit die in XML niet gedefinieerd is, zoals `&nbsp;`, en de XML ervan is dus beschadigd)');
    const fr = await dir.run(['--lang', 'fr', 'import', '--kind', 'survey', '--dry-run', 'shared.xlsx']);
    expect(fr.stderr).toContain('ce n’est pas un classeur Excel lisible (sa partie xl/sharedStrings.xml utilise une entité que XML ne définit pas, comme `&nbsp;`, et son XML est donc endommagé)');
    // the five XML defines and character references read as before
    dir.write({ 'five.xlsx': book(withDistrict(inline('C2', '&lt;&gt;&amp;&quot;&apos;&#65;'))) });
    expect((await readTable(dir, 'five.xlsx')).rows[0][2]).toBe('<>&"\'A');
  });

  it('written as Excel escapes it (`_xD800_`, `_xFFFE_`): a lone surrogate or a noncharacter in a name is a control character, its row refused (r20, F2)', async () => {
    const dir = workdir().write({ 'escaped.xlsx': book(`${withDistrict(inline('C2', 'Gent_xD800_'))}${row(3, '<c r="F3"><v>2</v></c>').replace('Oudegem', 'Gent_xFFFE_')}${row(4, '<c r="F4"><v>2</v></c>')}`) });
    const run = await dir.run(['import', '--kind', 'survey', '--dry-run', '--json', 'escaped.xlsx']);
    expect(run.code, explain(run)).toBe(0);
    const [outcome] = JSON.parse(run.stdout).files;
    expect({ valid: outcome.rows_valid, rejected: outcome.rows_rejected }).toEqual({ valid: 1, rejected: 2 });
    expect(outcome.reasons).toEqual([expect.objectContaining({ code: 'control_character', column: 'district', count: 2, value: '***' })]);
  });

  it('tab, line feed, an emoji and a shared text no cell uses read as before', async () => {
    const dir = workdir().write({
      'fine.xlsx': book(withDistrict(inline('C2', 'Oude&#9;gem&#xA;&#x1F600;')), { texts: TEXTS }),
      'unused.xlsx': book(withDistrict('<c r="C2" t="s"><v>3</v></c>'), { texts: TEXTS }),
    });
    expect((await readTable(dir, 'fine.xlsx')).rows[0][2]).toBe('Oude\tgem\n\u{1F600}');
    expect((await readTable(dir, 'unused.xlsx')).rows[0][2]).toBe('Oudegem');
  });
});

describe('a cell too long to be carried from one chunk of the sheet to the next', () => {
  /** The damage SheetCells finds in row 2 of a sheet whose C2 (`cell`, its opening tag) holds `megabytes` of text, fed 1 MB at a time. */
  function damageOf(cell: string, megabytes: number): string | undefined {
    const cells = new SheetCells(1, { shared: ['x'], forbidden: new Set(), formats: new Uint8Array(0), date1904: false });
    cells.feed(`<worksheet xmlns="${MAIN}"><sheetData>${header()}<row r="2">${inline('A2', 'R2')}${cell}<is><t>`, false);
    const piece = 'a'.repeat(1024 * 1024);
    for (let i = 0; i < megabytes && !cells.damage; i++) cells.feed(piece, false);
    cells.feed('</t></is></c></row></sheetData></worksheet>', true);
    return cells.damage && `${cells.damage.row}: ${cells.damage.reason.render(translator('en'))}`;
  }

  it('is refused naming the cell once it passes 16 MB as written (a 70 MB cell was read as empty, after two minutes)', () => {
    expect(damageOf('<c r="C2" t="inlineStr">', 17)).toBe('2: cell C2 takes more than 16 MB of the sheet, more than a row may hold');
    expect(damageOf('<x:c t="inlineStr">', 17)).toBe('2: cell B2 takes more than 16 MB of the sheet, more than a row may hold');
    expect(damageOf('<c r="C2" t="inlineStr">', 15)).toBeUndefined();
  });
});

describe('a directory that does not hold together (adversarial run r14, F10)', () => {
  it('a part named twice is refused naming it, whichever of the two a reader would take (the second was read: 1 row of 50)', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => row(i + 2, `<c r="F${i + 2}"><v>2</v></c>`)).join('');
    const other = `<worksheet xmlns="${MAIN}"><sheetData>${header()}${row(2, '<c r="F2"><v>3</v></c>')}</sheetData></worksheet>`;
    const dir = workdir().write({
      'twice.xlsx': book(rows, { more: { 'xl/worksheets/sheet1.xml': other } }),
      'case.xlsx': book(rows, { more: { 'XL/Worksheets/Sheet1.xml': other } }),
    });
    for (const [file, part] of [
      ['twice.xlsx', 'xl/worksheets/sheet1.xml'],
      ['case.xlsx', 'XL/Worksheets/Sheet1.xml'],
    ]) {
      const run = await dir.run(['import', '--kind', 'survey', '--dry-run', file]);
      expect(run.code, explain(run)).toBe(3);
      expect(run.stderr).toContain(`${file}: this is not an Excel workbook that can be read (it holds its part ${part} twice, and the two may differ)`);
    }
    const nl = await dir.run(['--lang', 'nl', 'import', '--kind', 'survey', '--dry-run', 'twice.xlsx']);
    expect(nl.stderr).toContain('twice.xlsx: dit is geen leesbare Excel-werkmap (het onderdeel xl/worksheets/sheet1.xml staat er twee keer in, en de twee exemplaren kunnen verschillen)');
    const fr = await dir.run(['--lang', 'fr', 'import', '--kind', 'survey', '--dry-run', 'twice.xlsx']);
    expect(fr.stderr).toContain('twice.xlsx: ce n’est pas un classeur Excel lisible (la partie xl/worksheets/sheet1.xml y figure deux fois, et les deux exemplaires peuvent différer)');
  });

  it('an end record that counts more or fewer entries than the directory holds is refused; a ZIP64 one as its ZIP64 records damaged', async () => {
    const valid = book(row(2, '<c r="F2"><v>2</v></c>'));
    const counted = (by: number) => {
      const zip = Buffer.from(valid);
      const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      zip.writeUInt16LE(zip.readUInt16LE(end + 8) + by, 8 + end);
      zip.writeUInt16LE(zip.readUInt16LE(end + 10) + by, 10 + end);
      return zip;
    };
    const dir = workdir().write({ 'z64more.xlsx': zip64End(valid, 'one entry more'), 'more.xlsx': counted(1), 'fewer.xlsx': counted(-1) });
    const z64 = await dir.run(['import', '--kind', 'survey', '--dry-run', 'z64more.xlsx']);
    expect(z64.code, explain(z64)).toBe(3);
    expect(z64.stderr).toContain('z64more.xlsx: this is not an Excel workbook that can be read (its end record points to ZIP64 records that are missing or damaged, so its parts cannot be found)');
    for (const file of ['more.xlsx', 'fewer.xlsx']) {
      const run = await dir.run(['import', '--kind', 'survey', '--dry-run', file]);
      expect(run.code, explain(run)).toBe(3);
      expect(run.stderr).toContain(`${file}: this is not an Excel workbook that can be read (its contents are damaged)`);
    }
  });
});

describe('ZIP64 end records', () => {
  it('are followed to the central directory when the end record holds their markers; missing or damaged, the workbook is refused naming the file', async () => {
    const valid = book(row(2, '<c r="F2"><v>2</v></c>'));
    const dir = workdir().write({ 'z64.xlsx': zip64End(valid, 'whole'), 'nolocator.xlsx': zip64End(valid, 'no locator'), 'badrecord.xlsx': zip64End(valid, 'bad record') });
    const read = await dir.run(['import', '--kind', 'survey', '--dry-run', '--json', 'z64.xlsx']);
    expect(read.code, explain(read)).toBe(0);
    expect(JSON.parse(read.stdout).files[0]).toMatchObject({ rows_read: 1, rows_valid: 1 });
    for (const file of ['nolocator.xlsx', 'badrecord.xlsx']) {
      const run = await dir.run(['import', '--kind', 'survey', '--dry-run', file]);
      expect(run.code, explain(run)).toBe(3);
      expect(run.stderr).toContain(`${file}: this is not an Excel workbook that can be read (its end record points to ZIP64 records that are missing or damaged, so its parts cannot be found)`);
    }
    const nl = await dir.run(['--lang', 'nl', 'import', '--kind', 'survey', '--dry-run', 'nolocator.xlsx']);
    expect(nl.stderr).toContain('nolocator.xlsx: dit is geen leesbare Excel-werkmap (het eindrecord van het ZIP-bestand verwijst naar ZIP64-records die ontbreken of beschadigd zijn, zodat de onderdelen van de werkmap niet te vinden zijn)');
    const fr = await dir.run(['--lang', 'fr', 'import', '--kind', 'survey', '--dry-run', 'badrecord.xlsx']);
    expect(fr.stderr).toContain('badrecord.xlsx: ce n’est pas un classeur Excel lisible (son enregistrement de fin renvoie à des enregistrements ZIP64 manquants ou endommagés, si bien que ses parties sont introuvables)');
  });
});

/**
 * `zip` with its end record as a ZIP64 writer leaves it (APPNOTE 4.3.14-16): the directory's entries, size and
 * place as markers (0xFFFF, 0xFFFFFFFF), the real ones in a ZIP64 end record found through the locator before it;
 * or with the locator left out, the record's signature broken, or one entry more in its count than the directory holds.
 */
function zip64End(zip: Buffer, shape: 'whole' | 'no locator' | 'bad record' | 'one entry more'): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const record = Buffer.alloc(56);
  record.writeUInt32LE(shape === 'bad record' ? 0x06064b51 : 0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  const more = shape === 'one entry more' ? 1 : 0;
  record.writeBigUInt64LE(BigInt(zip.readUInt16LE(end + 8) + more), 24);
  record.writeBigUInt64LE(BigInt(zip.readUInt16LE(end + 10) + more), 32);
  record.writeBigUInt64LE(BigInt(zip.readUInt32LE(end + 12)), 40);
  record.writeBigUInt64LE(BigInt(zip.readUInt32LE(end + 16)), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(end), 8);
  locator.writeUInt32LE(1, 16);
  const last = Buffer.from(zip.subarray(end));
  last.writeUInt16LE(0xffff, 8);
  last.writeUInt16LE(0xffff, 10);
  last.writeUInt32LE(0xffffffff, 12);
  last.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([zip.subarray(0, end), record, ...(shape === 'no locator' ? [] : [locator]), last]);
}


describe('a cell far beyond the header (adversarial run r18, F5)', () => {
  /** Row `r` with its F cell and one more, far to the right: `cell` at XFD (`<v>1</v>` a number, `''` none at all). */
  const far = (r: number, cell: string) => row(r, `<c r="F${r}"><v>2</v></c>${cell === '' ? `<c r="XFD${r}"/>` : `<c r="XFD${r}">${cell}</c>`}`);
  const ROWS = 2000;

  it('costs no field for each empty column up to it: 2,000 rows with a cell at XFD are refused as before, each as a row of 16,384 fields', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => far(i + 2, '<v>1</v>')).join('');
    // an empty cell there, or one of spaces only, holds nothing: those rows are imported, as their trailing separators are in a text file
    const fine = `${far(ROWS + 2, '')}${far(ROWS + 3, '<is><t> </t></is>').replace(`<c r="XFD${ROWS + 3}">`, `<c r="XFD${ROWS + 3}" t="inlineStr">`)}`;
    const dir = workdir().write({ 'far.xlsx': book(rows + fine), 'gap.xlsx': book(rows, { headings: [...HEADINGS, '', 'note'] }) });
    const table = await openTable(await inspect({ file: 'far.xlsx', path: dir.path('far.xlsx') }));
    let fields = 0;
    const counts = new Set<number>();
    for await (const batch of table.rows) {
      for (const one of batch) {
        fields += one.fields.length + (one.beyond?.texts.length ?? 0);
        counts.add(one.beyond?.count ?? one.fields.length);
      }
    }
    // the row's fields up to the header's width, and the one beyond it that holds something: not 16,384 each
    expect(fields).toBeLessThanOrEqual((ROWS + 2) * (HEADINGS.length + 1));
    expect([...counts].sort((a, b) => a - b)).toEqual([HEADINGS.length, 16_384]);
    const run = await dir.run(['import', '--kind', 'survey', '--dry-run', '--json', 'far.xlsx']);
    expect(run.code, explain(run)).toBe(0);
    expect(JSON.parse(run.stdout).files[0]).toMatchObject({
      rows_read: ROWS + 2,
      rows_valid: 2,
      rows_rejected: ROWS,
      reasons: [{ code: 'ragged', count: ROWS, line: 2, message: 'the row has 16,384 fields, the header has 6' }],
    });
    // the header's column without a heading is not read, nor counted: 7 fields of the header, 16,383 of the row
    const gap = await dir.run(['import', '--kind', 'survey', '--dry-run', 'gap.xlsx']);
    expect(gap.code, explain(gap)).toBe(3);
    expect(gap.stderr).toContain('2,000 × the row has 16,383 fields, the header has 7 (first on line 2)');
  });

  it('under a header that reaches it (a heading at XFD1), is read in its column without reading every column before it', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => row(i + 2, `<c r="F${i + 2}"><v>2</v></c><c r="XFC${i + 2}"><v>1</v></c>${i === 0 ? inline(`XFD${i + 2}`, 'n') : ''}`)).join('');
    const dir = workdir().write({ 'far.xlsx': book(rows, { header: header().replace('</row>', `${inline('XFD1', 'note')}</row>`) }) });
    const table = await readTable(dir, 'far.xlsx');
    expect(table.header).toEqual([...HEADINGS, 'note']);
    expect(table.rows).toHaveLength(ROWS);
    expect(table.rows[0]).toEqual(['R2', '2026', 'Oudegem', 'M', '40', '2', 'n']);
    expect(table.rows.slice(1).every((fields) => fields.length === 7 && fields[6] === '')).toBe(true);
    expect(table.unheaded).toEqual(['XFC']);
  });
});

describe('a workbook that lists no sheet (adversarial run r23b)', () => {
  it('is refused saying so, not "its sheets are: -"', async () => {
    const parts: Record<string, string> = {
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
      '_rels/.rels': relations([['rId1', 'officeDocument', 'xl/workbook.xml']]),
      'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets/></workbook>`,
      'xl/_rels/workbook.xml.rels': relations([]),
    };
    const dir = workdir().write({ 'none.xlsx': zipOf(Object.entries(parts).map(([name, data]) => ({ name, data: Buffer.from(data) }))) });
    await refusedInEveryLanguage(dir, 'none.xlsx', {
      en: 'none.xlsx: the workbook lists no sheet, so there is nothing to import.',
      nl: 'none.xlsx: de werkmap bevat geen enkel blad, dus er valt niets te importeren.',
      fr: 'none.xlsx: le classeur ne contient aucune feuille\u202f: il n’y a rien à importer.',
    });
  });
});

describe('a workbook whose parts are marked encrypted (adversarial run r26, F2)', () => {
  it('is refused as an encrypted workbook, never read as plain data', async () => {
    const bytes = book(row(2, '<c r="F2"><v>2</v></c>'));
    // the general purpose bit 0 (encrypted) set on every local and central entry, the data left as it is
    for (let at = 0; at + 4 <= bytes.length; at++) {
      const signature = bytes.readUInt32LE(at);
      if (signature === 0x04034b50) bytes.writeUInt16LE(bytes.readUInt16LE(at + 6) | 1, at + 6);
      if (signature === 0x02014b50) bytes.writeUInt16LE(bytes.readUInt16LE(at + 8) | 1, at + 8);
    }
    const dir = workdir().write({ 'encflag.xlsx': bytes });
    const run = await dir.run(['import', '--kind', 'survey', '--dry-run', 'encflag.xlsx']);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain('encflag.xlsx: this is an old Excel workbook (.xls) or an encrypted one');
  });
});
