// The pure parts of reading files: sniffing, cell parsing, the duplicate index, and safe output cells.
import { describe, expect, it } from 'vitest';
import { detectBom, looksBinary, sepLineDelimiter, sniffBomlessUtf16, sniffContainer, sniffDelimiter, sniffLineEnding } from '../../src/ingest/detect.js';
import { KeyIndex } from '../../src/ingest/key-index.js';
import { plainText } from '../../src/ingest/lss.js';
import { parseDelimiterOption } from '../../src/ingest/read.js';
import { matchKey } from '../../src/ingest/mapping.js';
import { abbreviatedStart } from '../../src/ingest/presets/limesurvey-heading-text.js';
import { readLimeSurveyHeadings, textParts } from '../../src/ingest/presets/limesurvey-headings.js';
import { isIdentifierColumn, looksLikeIdentifier, refusedCell, sharedRefusedCell, WITHHELD } from '../../src/ingest/privacy.js';
import { closestNames, editDistance, isDateShaped, normaliseHeader, normaliseName, parseAgeGroup, parseDate, parseNumber, parseSex, parseTrend } from '../../src/ingest/values.js';
import { csvLine, neutralise, restoreNeutralised } from '../../src/render/csv-line.js';
import { escapeMarkdown } from '../../src/render/markdown.js';
import { escapedBytes, shownName, shownNames } from '../../src/shown-name.js';
import { convertCell, fromPercent } from '../../src/ingest/cells.js';
import type { ColumnSpec } from '../../src/ingest/kinds/columns.js';

describe('sniffing', () => {
  it('finds the separator that splits the header and the rows consistently', () => {
    expect(sniffDelimiter(['a;b;c', '1;2;3'])).toBe(';');
    expect(sniffDelimiter(['a,b,c', '1,2,3'])).toBe(',');
    expect(sniffDelimiter(['a\tb\tc', '1\t2\t3'])).toBe('\t');
    expect(sniffDelimiter(['a|b|c', '1|2|3'])).toBe('|');
    // decimal commas in the rows do not fool it
    expect(sniffDelimiter(['a;b', '1,5;2,5', '3,1;4'])).toBe(';');
    // separators inside quotes do not count
    expect(sniffDelimiter(['"a;x",b,c', '1,2,3'])).toBe(',');
    expect(sniffDelimiter(['single'])).toBeNull();
  });

  it('reads Excel’s sep= line', () => {
    expect(sepLineDelimiter('sep=;')).toBe(';');
    expect(sepLineDelimiter('"sep=,"')).toBe(',');
    expect(sepLineDelimiter('district;sex')).toBeNull();
  });

  it('tells byte-order marks, UTF-16 without one, workbooks and binary files apart by their first bytes', () => {
    expect(detectBom(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', bom: 3 });
    expect(detectBom(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toEqual({ encoding: 'utf-16le', bom: 2 });
    expect(detectBom(Buffer.from([0xfe, 0xff, 0x00, 0x61]))).toEqual({ encoding: 'utf-16be', bom: 2 });
    // UTF-32's little-endian mark begins like UTF-16's: it is not read as UTF-16
    expect(detectBom(Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x61, 0, 0, 0]))).toEqual({ encoding: 'utf-32le', bom: 4 });
    expect(detectBom(Buffer.from([0x00, 0x00, 0xfe, 0xff, 0, 0, 0, 0x61]))).toEqual({ encoding: 'utf-32be', bom: 4 });
    expect(detectBom(Buffer.from('Érembodegem', 'utf8'))).toBeNull();
    expect(sniffBomlessUtf16(Buffer.from('district;sex', 'utf16le'))).toBe('utf-16le');
    expect(sniffContainer(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe('zip');
    expect(sniffContainer(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('ole2');
    expect(looksBinary(Buffer.from('a\u0000b;c', 'latin1'))).toBe(true);
    expect(looksBinary(Buffer.from('district;sex\r\n', 'latin1'))).toBe(false);
  });

  it('names line endings', () => {
    expect(sniffLineEnding('a\r\nb')).toBe('crlf');
    expect(sniffLineEnding('a\nb')).toBe('lf');
    expect(sniffLineEnding('a')).toBe('none');
  });
});

describe('--delimiter', () => {
  it('takes the separators detection knows, by character or name, and refuses a letter, digit, quote or point (adversarial run r12, finding 17)', () => {
    expect([';', ',', '|', 'tab', 'TAB', '\\t', '\t', 'pipe'].map(parseDelimiterOption)).toEqual([';', ',', '|', '\t', '\t', '\t', '\t', '|']);
    for (const bad of ['x', '7', '"', "'", '.', ' ', ':', 'ab', '', 'constructor']) expect(() => parseDelimiterOption(bad)).toThrow(expect.objectContaining({ detail: expect.objectContaining({ key: 'usage.bad_delimiter' }) }));
  });
});

describe('cells', () => {
  it.each([
    ['23,4', 23.4],
    ['23.4', 23.4],
    ['1.234,5', 1234.5],
    ['1 234', 1234],
    ['1.234.567', 1234567],
    ['-3', -3],
    [' 7 ', 7],
    ['1e3', 1000],
  ])('reads %s as %d', (text, value) => expect(parseNumber(text)).toBe(value));

  // a percentage is the proportion written in decimals, not binary noise (adversarial run r25b, F5: 0.6679999999999999)
  it.each([['66,8%', 0.668], ['8,9 %', 0.089], ['0,1%', 0.001], ['100%', 1], ['33,3%', 0.333]])('reads the share %s as %d', (text, value) =>
    expect(convertCell({ type: 'proportion' } as ColumnSpec, text)).toBe(value),
  );
  it.each([66.8, 8.9, 57.3, 0.1, 12.34])('makes %d per cent the proportion written in decimals', (value) => expect(String(fromPercent(value))).toBe(String(Number((value / 100).toFixed(6)))));

  // a decimal mark that is also the thousands mark is neither (adversarial run r24, F3: `2.604.0` was read as 26040)
  it.each(['', 'forty', '12a', '1,2,3', '2.604.0', '1.000.0', '100.240.5', '1.234.5', '1 234 5', '1.234 567'])('refuses %j as a number', (text) => expect(parseNumber(text)).toBeNaN());

  it('reads sexes, trends and dates in three languages', () => {
    expect(['man', 'Vrouw', 'homme', 'F', 'x'].map(parseSex)).toEqual(['M', 'F', 'M', 'F', 'X']);
    expect(['beter', 'pire', 'same'].map(parseTrend)).toEqual(['better', 'worse', 'same']);
    expect(parseDate('2026-03-14')).toBe('2026-03-14');
    expect(parseDate('14/03/2026')).toBe('2026-03-14');
    expect(parseDate('31/02/2026')).toBeNull();
    // a time of day off the clock is no date (adversarial run r28, item 10); one on it gives its day
    expect(['2024-03-05 25:10', '2024-03-05 10:61', '2024-03-05T24:00:00'].map(parseDate)).toEqual([null, null, null]);
    expect(['2024-03-05 25:10', '2024-03-05 10:61'].map(isDateShaped)).toEqual([true, true]);
    expect(['2024-03-05 23:59', '2024-03-05T00:00:00.000Z', '2024-03-05 7:05'].map(parseDate)).toEqual(['2024-03-05', '2024-03-05', '2024-03-05']);
    expect(['2024-03-05 07:41:21', '2024-03-05T10:15:00+01:00', '2024-03-05T10:15:00.123456+0100', '2024-03-05 10:15:00,5'].map(parseDate)).toEqual(Array(4).fill('2024-03-05'));
    // and nothing else after the date: it was read away without a word (adversarial run r36-B, minor)
    const tails = ['2026-03-14 Dhr. Peeters 0470123456', '2026-03-14 jan@x.be', '2026-03-14 10:15 Kerkstraat 12', '2026-03-14T', '2026-03-14 noon'];
    expect(tails.map(parseDate)).toEqual(Array(tails.length).fill(null));
    expect(tails.map(isDateShaped)).toEqual(Array(tails.length).fill(true));
  });

  it('reads age groups and refuses upside-down ones', () => {
    expect(parseAgeGroup('15-29')).toEqual({ label: '15-29', min: 15, max: 29 });
    expect(parseAgeGroup('75+')).toEqual({ label: '75+', min: 75, max: null });
    expect(parseAgeGroup('29-15')).toBeNull();
    expect(parseAgeGroup('old')).toBeNull();
  });

  it('normalises names and headers', () => {
    expect(normaliseName(' Sint  Denijs ')).toBe('Sint Denijs');
    expect(normaliseName('E\u0301rembodegem')).toBe('Érembodegem');
    expect(normaliseHeader('\ufeff Respondent ID ')).toBe('respondent_id');
    expect(normaliseHeader('Age-Group')).toBe('age_group');
  });

  it('suggests the closest known names, accents and case aside', () => {
    expect(closestNames('oudgem', ['Oudegem', 'Baasrode'])).toEqual(['Oudegem']);
    expect(closestNames('Erembodegem', ['Érembodegem'])).toEqual(['Érembodegem']);
    expect(closestNames('Antwerpen', ['Oudegem'])).toEqual([]);
    // adversarial run r12, finding 17: spellings that differ only in case or accents are one suggestion, the nearest to what was typed
    expect(closestNames('Zer', ['ZERO', 'Zéro', 'Zero', 'Zera'])).toEqual(['Zera', 'Zero']);
    expect(closestNames('ZERU', ['Zero', 'Zéro', 'ZERO'])).toEqual(['ZERO']);
    expect(closestNames('zeta', ['Zero', 'Zéro', 'ZERO', 'Zetb'])).toEqual(['Zetb', 'Zero']);
  });

  it('computes the edit distance within a band: exact up to the bound, bound + 1 beyond it', () => {
    // the full table, for comparison
    const full = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
      return d[a.length][b.length];
    };
    let seed = 17;
    const word = () => {
      let text = '';
      for (let n = 0; n < 3 + (seed % 9); n++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += 'abcde'[seed % 5];
      }
      return text;
    };
    for (let k = 0; k < 300; k++) {
      const a = word();
      const b = word();
      for (const max of [1, 2, 3, 5]) expect(editDistance(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(full(a, b), max + 1));
      expect(editDistance(a, b)).toBe(full(a, b));
    }
    expect(editDistance('Oudegem', 'Oudgem', 2)).toBe(1);
    expect(editDistance('Sint-Amandsberg', 'Baasrode', 2)).toBe(3);
  });

  it('recognises columns with direct identifiers', () => {
    for (const header of ['ipaddr', 'E-mail', 'token', 'Naam', 'telefoonnummer', 'refurl', 'email_address']) expect(isIdentifierColumn(header)).toBe(true);
    for (const header of ['district', 'respondent_id', 'age', 'unsafe_freq']) expect(isIdentifierColumn(header)).toBe(false);
  });
});

describe('the duplicate index', () => {
  it('returns the earlier reference of a key seen before, across growth', () => {
    const index = new KeyIndex(4);
    for (let i = 0; i < 10_000; i++) expect(index.add(i * 7919, i ^ 0x5bd1e995, i)).toBe(-1);
    expect(index.size).toBe(10_000);
    expect(index.add(42 * 7919, 42 ^ 0x5bd1e995, 99_999)).toBe(42);
    expect(index.add(0, 1, 5)).toBe(-1);
  });
});

describe('safe output', () => {
  // adversarial run r22b, F1: `Schoon;=1+2;x` unquoted in a comma file became a cell `=1+2` where Excel splits on `;`
  it('quotes a cell holding the other separator a spreadsheet may split on, in a comma and in a semicolon file', () => {
    expect(csvLine(['Schoon;=1+2;x', 'Oudegem'], ',')).toBe('"Schoon;=1+2;x",Oudegem\r\n');
    expect(csvLine(['Zwijn,-2+3,y', 'Oudegem'], ';')).toBe('"Zwijn,-2+3,y";Oudegem\r\n');
  });

  it('neutralises spreadsheet formulas in CSV cells', () => {
    const cells = ['=HYPERLINK("x")', "+cmd|' /C calc'!A0", '@SUM(A1)', '-1+2', '\t=1', 'Oudegem'];
    expect(cells.map(neutralise)).toEqual(['\'=HYPERLINK("x")', "'+cmd|' /C calc'!A0", "'@SUM(A1)", "'-1+2", "'\t=1", 'Oudegem']);
    // plain numbers are harmless and stay numbers
    expect(['-2', '+1', '-1,5', '-1e-7'].map(neutralise)).toEqual(['-2', '+1', '-1,5', '-1e-7']);
    // a rejects file fixed and imported again gets its values back
    expect([...cells, '-2', "'quoted"].map(neutralise).map(restoreNeutralised)).toEqual([...cells, '-2', "'quoted"]);
  });

  it('escapes Markdown and HTML in data-derived text', () => {
    expect(escapeMarkdown('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeMarkdown('a|b*c_d')).toBe('a\\|b\\*c\\_d');
  });

  it('escapes the opening of a block, since every text may start a line or a list item (adversary r18b)', () => {
    // a heading, a bullet (nested list), an ordered item, a rule, a setext underline: each stays text
    expect(['# Big', '### x', '#', '+ plus', '- minus', '-', '1. one', '12) twelve', '---', '- - -', '===', ' -- '].map(escapeMarkdown)).toEqual([
      '\\# Big',
      '\\### x',
      '\\#',
      '\\+ plus',
      '\\- minus',
      '\\-',
      '1\\. one',
      '12\\) twelve',
      '\\---',
      '\\- - -',
      '\\===',
      ' \\-- ',
    ]);
    // `***` and `___` are escaped as inline markup already; `>` is an entity
    expect(['***', '___', '> quote'].map(escapeMarkdown)).toEqual(['\\*\\*\\*', '\\_\\_\\_', '&gt; quote']);
    // what no block starts with is left alone: numbers, a hashtag, a formula, a date, a dash inside a name
    expect(['#1', '-2', '+1', '12.5%', '2026', '1.5 km', '=SUM(A1)', 'Sint-Denijs', '-- a', '2026-12-03'].map(escapeMarkdown)).toEqual([
      '#1',
      '-2',
      '+1',
      '12.5%',
      '2026',
      '1.5 km',
      '=SUM(A1)',
      'Sint-Denijs',
      '-- a',
      '2026-12-03',
    ]);
  });
});

describe('headings of hostile length (issue 17: a 100 KB header cell took 25 s, 1 MB over a minute)', () => {
  // Before the fix each of these backtracked quadratically (the test timed out); now each is one pass.
  const shapes = ['x', '[', 'Ab[', '<', 'telefoonnummer', 'a[b]', '. ', '\t'].map((unit) => unit.repeat(Math.ceil(400_000 / unit.length)));

  it('the identifier check, the heading readers and the match key read each in one pass', () => {
    for (const heading of shapes) {
      expect(isIdentifierColumn(heading)).toBe(false);
      expect(matchKey(heading)).toBeTypeOf('string');
      expect(plainText(heading).length).toBeLessThanOrEqual(heading.length);
      expect(textParts(heading).question.length).toBeGreaterThan(0);
      expect(abbreviatedStart(`${heading}..`)).not.toBe('');
      expect(readLimeSurveyHeadings([heading, `${heading} [Sub]`, 'id']).length).toBe(3);
    }
  });

  it('keep their meaning for ordinary headings', () => {
    expect(isIdentifierColumn('Telefoonnummer')).toBe(true);
    expect(isIdentifierColumn('Contact[Email]')).toBe(true);
    expect(textParts('Hoe vaak [in uw buurt]')).toEqual({ question: 'Hoe vaak', sub: 'in uw buurt' });
    expect(textParts('[only]')).toEqual({ question: '[only]' });
    expect(textParts('a [b] c')).toEqual({ question: 'a [b] c' });
    expect(matchKey('Q2[SQ001]')).toBe(matchKey('Q2_SQ001'));
    expect(plainText('<p>Veilig&nbsp;<b>?</b></p>')).toBe('Veilig ?');
    expect(abbreviatedStart('datum laatste a..')).toBe('datum laatste a');
    expect(abbreviatedStart('datum laatste')).toBeNull();
  });

  it('are shown in messages by their first 60 characters', () => {
    expect(shownName('x'.repeat(100))).toBe(`${'x'.repeat(60)}…`);
    expect(shownName('wijk')).toBe('wijk');
    expect(shownName(`${'x'.repeat(59)}😀😀`)).toBe(`${'x'.repeat(59)}…`);
    expect(shownNames(['a', 'b'.repeat(61)])).toBe(`a, ${'b'.repeat(60)}…`);
  });
});

describe('a file name of bytes that are not UTF-8 (adversary r11, finding 17)', () => {
  it('shows its characters, and each byte that is not part of one as \\xNN', () => {
    expect(escapedBytes(Buffer.from('Érembodegem 😀.csv'))).toBe('Érembodegem 😀.csv');
    expect(escapedBytes(Buffer.from([0x62, 0x61, 0x64, 0xff, 0x2e, 0x63, 0x73, 0x76]))).toBe('bad\\xff.csv');
    // Windows-1252 é, a cut-off é, an overlong slash and an encoded surrogate
    expect(escapedBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe('caf\\xe9');
    expect(escapedBytes(Buffer.from([0xc3, 0x41]))).toBe('\\xc3A');
    expect(escapedBytes(Buffer.from([0xc0, 0xaf]))).toBe('\\xc0\\xaf');
    expect(escapedBytes(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\\xed\\xa0\\x80');
  });
});

describe('cells that look like direct identifiers (withheld from rejects files and messages)', () => {
  it.each(['jan@example.com', 'Jan.Peeters@politie.be', '+32 470 12 34 56', '0470/12.34.56', '0470123456', '09 123 45 67', '192.0.2.1', '2001:db8::8a2e:370:7334', '85.07.30-033.61', '85073003361'])(
    '%s is one',
    (value) => expect(looksLikeIdentifier(value)).toBe(true),
  );
  it.each(['R1234', 'K26-901', '2026-03-01', '0.000123456789', '1234567.5', 'Sint-Amandsberg', '12:30:45', '3', '', 'unsafe_freq', '1.2.3', '@example.com', 'AB12345678', 'task-12345678', 'look at this'])('%s is not', (value) =>
    expect(looksLikeIdentifier(value)).toBe(false),
  );

  it.each([
    'jan＠example.com',
    'jan﹫example.com',
    'jan (at) example.be',
    'jan[at]example[dot]be',
    'jan at example dot be',
    'user@localhost',
    'jan@localhost',
    'BE68 5390 0754 7034',
    'BE68539007547034',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
    'ghp_abcdefghijklmnop1234',
    'gho_abcdefghijklmnop1234',
    'github_pat_11ABCDEFG0123456789',
    'xoxb-1234-5678-abcdefgh',
    'xoxp-1234-5678-abcdefgh',
    'sk-proj-abcdefgh12345678',
    'AKIAIOSFODNN7EXAMPLE',
  ])('%s is one too (adversary r7, A9: other spellings of an address, an IBAN, tokens)', (value) => expect(looksLikeIdentifier(value)).toBe(true));

  it('a megabyte cell is checked in one pass, an address inside it found (the old pattern took about 30 minutes here)', () => {
    const blob = 'a'.repeat(1_000_000);
    for (const [value, expected] of [
      [blob, false],
      [`${blob}@${blob}`, false],
      [`${blob} jan@example.com ${blob}`, true],
      ['a@'.repeat(300_000), false],
      [`${'0123:'.repeat(2)}${'f'.repeat(500_000)}`, false],
      ['1.'.repeat(400_000), false],
      ['eyJ-'.repeat(250_000), false],
      ['-eyJ'.repeat(250_000), false],
      [`${'a '.repeat(400_000)}at x`, false],
      ['(a'.repeat(400_000), false],
      ['ab12_'.repeat(200_000), false],
      [`${'a'.repeat(500_000)}＠${'a'.repeat(500_000)}`, false],
      ['a＠'.repeat(300_000), false],
      [`${blob} jan (at) example.be`, true],
      [`${blob} BE68 5390 0754 7034`, true],
      // the shapes added for adversarial run r13 stay linear too
      ['_at_'.repeat(250_000), false],
      ['g::'.repeat(300_000), false],
      ['0f::'.repeat(250_000).replace(/::/g, ':x:'), false],
      ['x.be.'.repeat(200_000), false],
      ['1abc'.repeat(250_000), false],
      ['ab 12 '.repeat(150_000), false],
      ['tel_0'.repeat(200_000), false],
      [`${blob} jan_peeters_at_telenet_be`, true],
      [`${blob} fe80::1%eth0`, true],
    ] as const) {
      expect(looksLikeIdentifier(value)).toBe(expected);
    }
  });
});


describe('a refused cell (the one whose value caused the refusal) in rejects files and messages (adversary r7, A3)', () => {
  // only a number or a label the tool knows is shown; any other text only when min_cell rows share it (adversarial run r13, item 7)
  it.each(['2,5', '101', 'nvt', '', '1.5', 'M', 'DK', 'NVT', 'N/A', '-1', '99', '2026', '36 %', 'vaak', 'weet niet', 'Jamais', 'school', 'École', 'oui', 'worse'])('%s, a number or a known label, is shown', (value) =>
    expect(refusedCell(value)).toBe(value),
  );
  it.each(['forty', 'R-12', 'A4', 'x/y', 'k_26.1', 'a.b', 'SQ001', 'ab12', 'jan', 'peeters', 'SQ_001'])('%s, a short code, is withheld unless min_cell rows share it', (value) => {
    expect(refusedCell(value)).toBe(WITHHELD);
    expect(sharedRefusedCell(value)).toBe(value);
  });
  it.each(['Jan Peeters', 'Jan', 'Peeters', 'jan.peeters', 'gent.be', 'j.peeters', 'Kerkstraat 12', 'Sint-Denijs', 'a'.repeat(13), '王小明', 'jan@x.be', '0470123456', 'two words', 'PEETERS', 'jan_peeters', '19850730', 'x85073003361', 'R123456'])(
    '%s is withheld, shared or not',
    (value) => {
      expect(refusedCell(value)).toBe(WITHHELD);
      expect(sharedRefusedCell(value)).toBe(WITHHELD);
    },
  );
  it.each(['Jan Peeters', 'Jan', 'Peeters', 'jan.peeters', 'gent.be', 'j.peeters', 'Kerkstraat 12', 'Sint-Denijs', 'a'.repeat(13), '王小明', 'jan@x.be', '0470123456', 'two words'])(
    '%s is withheld',
    (value) => expect(refusedCell(value)).toBe(WITHHELD),
  );
  // a surname or first name in capitals, a user name with a year of birth, a date of birth (adversarial run r11, 14)
  it.each(['PEETERS', 'JAN', 'VAN-DAMME', 'desmet1985', 'jan2001', '1985-07-30', '30/07/1985', '30.07.85', ' JAN '])('%s is withheld', (value) => expect(refusedCell(value)).toBe(WITHHELD));
  // a date of birth in eight digits, names joined by `_` or `-` (adversarial run r12, 12)
  it.each(['19850730', '30071985', 'jan_peeters', 'jan-peeters', 'van_den_berg', 'PEETERS_J'])('%s is withheld', (value) => expect(refusedCell(value)).toBe(WITHHELD));
  it.each(['12345678', '20261399', '99999999'])('%s, a number, is shown', (value) => expect(refusedCell(value)).toBe(value));
  // a Belgian or Dutch mobile number without its leading 0, as a spreadsheet leaves it (adversarial run r36-B, B5): a
  // refused weight or age of that shape is withheld; other numbers of nine digits are shown
  it.each(['470123456', '475 12 34 56', '470/12.34.56', '612345678', '6-12345678', '499123456'])('%s, a mobile number without its 0, is withheld', (value) =>
    expect(refusedCell(value)).toBe(WITHHELD),
  );
  it.each(['123456789', '412345678', '47012345', '4701234567', '1e9', '600', '470'])('%s, a number, is shown', (value) => expect(refusedCell(value)).toBe(value));
});
