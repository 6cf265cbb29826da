// An input file's name as messages show it (adversarial run r29, item 2): as the store keeps it, folders too.
import { describe, expect, it } from 'vitest';
import { storedFileName, storedSheetName } from '../../src/ingest/privacy.js';
import { shownFilePath } from '../../src/shown-name.js';

describe('a file name in messages', () => {
  it.each([
    ['jan.peeters@telenet.be.csv', '***.csv'],
    ['exports/jan.peeters@telenet.be.csv', 'exports/***.csv'],
    ['/home/jan.peeters@telenet.be/survey.csv', '/home/***/survey.csv'],
    ['..\\Dhr. Peeters\\survey.csv', '..\\***\\survey.csv'],
    ['./pop 0470 12 34 56.csv', './pop ***.csv'],
    // adversarial run r37, B1: a first name and a surname at the start of a name are a person's (shown until r36)
    ['Marie Dubois - enquete.csv', '***.csv'],
  ])('%s is shown as %s', (typed, shown) => expect(shownFilePath(typed)).toBe(shown));

  it.each(['survey-2026.csv', 'data/survey-2026.csv', '../exports/2026/Sint-Denijs.xlsx', 'C:\\Users\\Public\\monitor.csv', '/tmp/x/./pop.csv',
    // a temporary folder's random suffix in mixed case reads as no plate (`QS84Pw`: L L D D L L); tests failed by it
    '/tmp/lss-kind-QS84Pw/survey.lss', '/tmp/safety-scan-test-uDy71k/no-batches.db', '/tmp/x-Ab12Cd/pop.csv'])(
    '%s is shown as typed',
    (typed) => expect(shownFilePath(typed)).toBe(typed),
  );
});

// A name a district's cell refuses as a free text (after a label or an introducer, before a role, a surname and an
// initial after a comma) is withheld in a file's and a sheet's name too: adversarial run r32, B1.
describe('a file or sheet name holding a name a district refuses', () => {
  it.each([
    ['Peeters, J.csv', '***.csv'],
    ['Jan Peeters (wijkagent).csv', '***.csv'],
    ['Verantwoordelijke: Jan Peeters.csv', '***.csv'],
    ['Submitted by John Smith.csv', '***.csv'],
    ['Asked by Jan Peeters.xlsx', '***.xlsx'],
    ['Asked_by_Jan_Peeters.csv', '***.csv'],
    ['Peeters, J.signals.rejects.csv', '***.signals.rejects.csv'],
    ['JP. Peeters.csv', '***.csv'],
  ])('%s is stored as %s', (name, stored) => expect(storedFileName(name)).toBe(stored));

  it.each([
    ['Peeters, J', '***'],
    ['Jan Peeters (wijkagent)', '***'],
    ['Asked by Jan Peeters', '***'],
    ['Marie Dubois - enquete', '***'],
  ])('sheet %s is stored as %s', (name, stored) => expect(storedSheetName(name)).toBe(stored));

  it('shows a folder so named withheld too', () => expect(shownFilePath('Asked by Jan Peeters/Peeters, J.csv')).toBe('***/***.csv'));

  // a file's date is no birth date, a lettered part no initial, a name's dots no user name
  it.each([
    'signals 2026-01-31.csv',
    'survey 30-07-2025.csv',
    'my export.csv',
    'Noord, B.csv',
    'Zone A.xlsx',
    'Rapport (definitief).csv',
    'Kerncijfers Oudegem (versie 2).csv',
    'Data - Wetteren.csv',
    'Gent (stad).csv',
    'Bevraging Wetteren 2026 (politie).csv',
    'survey.signals.rejects.csv',
    'Buurtbevraging Oudegem, Baasrode en Moerzeke.csv',
  ])('%s is kept as written', (name) => expect(storedFileName(name)).toBe(name));

  it.each(['Sheet1', 'Signalen 2026', 'Noord, B', 'Data (2026)'])('sheet %s is kept as written', (name) => expect(storedSheetName(name)).toBe(name));
});

