// An input file's name as messages show it (adversarial run r29, item 2): as the store keeps it, folders too.
import { describe, expect, it } from 'vitest';
import { shownFilePath } from '../../src/shown-name.js';

describe('a file name in messages', () => {
  it.each([
    ['jan.peeters@telenet.be.csv', '***.csv'],
    ['exports/jan.peeters@telenet.be.csv', 'exports/***.csv'],
    ['/home/jan.peeters@telenet.be/survey.csv', '/home/***/survey.csv'],
    ['..\\Dhr. Peeters\\survey.csv', '..\\***\\survey.csv'],
    ['./pop 0470 12 34 56.csv', './pop ***.csv'],
  ])('%s is shown as %s', (typed, shown) => expect(shownFilePath(typed)).toBe(shown));

  it.each(['survey-2026.csv', 'data/survey-2026.csv', '../exports/2026/Sint-Denijs.xlsx', 'C:\\Users\\Public\\monitor.csv', '/tmp/x/./pop.csv', 'Marie Dubois - enquete.csv'])(
    '%s is shown as typed',
    (typed) => expect(shownFilePath(typed)).toBe(typed),
  );
});
