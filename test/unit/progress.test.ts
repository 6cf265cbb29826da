// The import's progress line: percent from the file size, rows per second and the time left at that pace,
// in the reader's language; rows alone before the pace means anything, and for a workbook.
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { progressText } from '../../src/render/progress.js';

describe('the import progress line', () => {
  it('says percent, rows, rows per second and the time left', () => {
    expect(progressText('survey.csv', 250_000, 0.25, 2, translator('en'))).toBe('survey.csv: 25%, 250,000 rows read, 125,000 rows/s, about 6 s left');
    expect(progressText('survey.csv', 100_000, 0.1, 20, translator('en'))).toBe('survey.csv: 10%, 100,000 rows read, 5,000 rows/s, about 3:00 min left');
  });

  it('reads in Dutch and French', () => {
    expect(progressText('bevraging.csv', 250_000, 0.25, 2, translator('nl'))).toBe('bevraging.csv: 25%, 250.000 rijen gelezen, 125.000 rijen/s, nog ongeveer 6 s');
    expect(progressText('enquete.csv', 250_000, 0.25, 2, translator('fr'))).toBe('enquete.csv\u202f: 25\u202f%, 250\u00a0000 lignes lues, 125\u00a0000 lignes/s, encore environ 6 s');
  });

  it('gives rows alone for a workbook, in the first second and in the first percent', () => {
    const en = translator('en');
    expect(progressText('survey.xlsx', 8_192, null, 5, en)).toBe('survey.xlsx: 8,192 rows read');
    expect(progressText('survey.csv', 8_192, 0.5, 0.5, en)).toBe('survey.csv: 8,192 rows read');
    expect(progressText('survey.csv', 8_192, 0.005, 3, en)).toBe('survey.csv: 8,192 rows read');
  });
});
