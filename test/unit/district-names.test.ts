// What a district may not be called whatever the data holds (adversarial run r19): a total's name by its words, a
// date, a name without a letter or digit, and the zone's own name after a zone word; places beside them pass.
import { describe, expect, it } from 'vitest';
import { districtNameProblem, namesZone } from '../../src/ingest/kinds/columns.js';

describe('a district’s name', () => {
  it.each([
    // the names of adversarial run r17 and before
    'Total', 'TOTAL', 'Totals', 'Grand total', 'All districts', 'All', 'Whole zone', 'Whole municipality', 'Totaal', 'Totalen', 'Eindtotaal',
    'Alle wijken', 'Alle', 'Heel de zone', 'Hele gemeente', 'Totaal gemeente', 'Gemeente totaal', 'Totaux', 'Total général', 'Tous les quartiers',
    'Tous', 'Toute la zone', 'Toute la commune', 'Ensemble', 'Gesamt', 'Insgesamt',
    // the words of a sum, of the whole and of the whole area in other orders and combinations (r19)
    'Totaal zone', 'Subtotaal', 'Alle wijken samen', 'Gehele zone', 'Hele gebied', 'Zone entière', 'Sum', 'Σ', '∑', 'Sous-total', 'L’ensemble de la commune',
    'Het hele grondgebied', 'Totaal 2024', 'TOTAAL ZONE', 'Ｔｏｔａａｌ ｚｏｎｅ', 'Gesamte Stadt', 'Som van de wijken',
    // an average of the districts, Flemish `gans`, and `Overall` alone (r24b F3)
    'Ganse zone', 'Gans de gemeente', 'Gemiddelde', 'Gemiddeld', 'Gemiddelde van de zone', 'Moyenne', 'Moyenne de la zone', 'Overall', 'Average',
    'Zone average', 'Mean', 'Durchschnitt', 'Volledig grondgebied', 'Zone globale',
  ])('%s is a total', (name) => expect(districtNameProblem(name)).toBe('total_name'));

  it.each(['1985-07-30', '29/02/2025', '30.07.1985', '30-07-85', '1/2/2025', '２０２５-０１-２１'])('%s is a date', (name) => expect(districtNameProblem(name)).toBe('date_name'));

  // dates with a time, of eight digits, with the month's name or in Roman numerals (adversarial run r29, item 6)
  it.each([
    '1985-07-30T00:00', '1985-07-30 08:15:00', '30/07/1985 08:15', '19850730', '30071985', '30 juli 1985', '30 juillet 1985', 'July 30, 1985', '30-jul-1985',
    '30-VII-1985', '30 Juli 1985', '1er août 1985', '30 sept. 1985', '30. Juli 1985', 'Juli 30 1985',
  ])('%s is a date', (name) => expect(districtNameProblem(name)).toBe('date_name'));
  // the month first, a year of two digits first or after a month's name, a Roman month between spaces (adversarial run r36, B5)
  it.each(['7/30/1985', '85-07-30', '30 jul 85', "30 juli '85", '30 VII 1985'])('%s is a date', (name) => expect(districtNameProblem(name)).toBe('date_name'));
  it.each(['Zone 2024', 'Noord 2', 'Wijk 12-14', '2024-25', 'Fase 1/2', '12/2025', 'Juli', 'Mei 2024', '30 juli', 'Marsdorp', '2026', '20261', '12345678', '44021A00'])('%s is no date', (name) =>
    expect(districtNameProblem(name)).toBeNull(),
  );

  it.each(['-', '.', '–', '...', '…', '?', '*', '—', '/'])('%s has no letter or digit', (name) => expect(districtNameProblem(name)).toBe('placeholder_name'));

  it.each(['Whole area', 'Hele zone', 'Ensemble de la zone'])('%s is the whole area', (name) => expect(districtNameProblem(name)).toBe('reserved_name'));

  // a zone word or a whole's word beside a real name makes a place; numbers are districts' names
  it.each([
    'Zone Nord', 'Zone', 'Stad', 'Heel', 'Hele', 'Gemeente', 'Alle-sur-Semois', 'Totnes', 'Alleur', 'Ensival', 'Sommière', 'Le Roeulx', 'La Louvière',
    'De Pinte', 'Sint-Amandsberg', 'Zone 1', 'Wijk 12-14', 'Noord 1/3', '999', '9000', '1.2.3', '44021A00-', 'Grand-Leez', 'Toutes-Voies',
    'Oudegem', 'Sint Denijs', 'Érembodegem', 'Schelde-Leie', 'Gansbeek', 'Ganshoren', 'Moyenmoutier', 'Overijse', 'Meanwood', 'Middelkerke',
  ])('%s passes', (name) => expect(districtNameProblem(name)).toBeNull());
});

describe('a district named as the configured zone (PZ Schelde-Leie)', () => {
  it.each(['PZ Schelde-Leie', 'pz schelde leie', 'Politiezone Schelde-Leie', 'Zone Schelde-Leie', 'PZ Schelde-Leie (zone)', 'Zone de police Schelde-Leie', 'Schelde-Leie politiezone'])(
    '%s is the zone',
    (name) => expect(namesZone(name, 'PZ Schelde-Leie')).toBe(true),
  );
  // the zone's name without its zone word may be a part of it (`Gent` in `PZ Gent`); other names are places
  it.each(['Schelde-Leie', 'Oudegem', 'Zone Oudegem', 'Zone Nord', 'De Pinte', 'Zone', 'PZ'])('%s is not', (name) => expect(namesZone(name, 'PZ Schelde-Leie')).toBe(false));
  it('the zone’s own name without a zone word (Gent in PZ Gent) is a district', () => {
    expect(namesZone('Gent', 'PZ Gent')).toBe(false);
    expect(namesZone('Zone Gent', 'PZ Gent')).toBe(true);
    expect(namesZone('De Panne', 'PZ De Panne')).toBe(false);
  });
});
