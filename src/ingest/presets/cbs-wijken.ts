// CBS "Kerncijfers wijken en buurten" as CSV (one StatLine table per year: 85984NED for 2024, ...):
// docs/formats/published-tables.md section 2. Keys carry numeric suffixes (`AantalInwoners_5`); the
// preset names their stems, which match whatever the suffix.
import type { MappingSpec } from '../mapping.js';

const COUNTS = {
  AantalInwoners: 'residents_total',
  Mannen: 'residents_men',
  Vrouwen: 'residents_women',
  k_0Tot15Jaar: 'residents_aged_0_14',
  k_15Tot25Jaar: 'residents_aged_15_24',
  k_25Tot45Jaar: 'residents_aged_25_44',
  k_45Tot65Jaar: 'residents_aged_45_64',
  k_65JaarOfOuder: 'residents_aged_65plus',
};

/**
 * The wijk rows (district = the wijk code, e.g. WK168000) as margins for raking: men and women (scaled to
 * the ages the configured groups cover) and the residents per CBS age band; the gemeente and buurt rows
 * are skipped. CBS writes `.` for a suppressed figure.
 */
export const cbsWijken: MappingSpec = {
  columns: { WijkenEnBuurten: 'district', ...COUNTS },
  keep: { SoortRegio: ['Wijk'] },
  recode: Object.fromEntries(Object.values(COUNTS).map((column) => [column, { '.': '' }])),
};
