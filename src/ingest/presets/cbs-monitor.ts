// The CBS Veiligheidsmonitor as StatLine publishes it (85146NED "kerncijfers, regio", and 81877NED for
// 2012-2019): `ID;Marges;RegioS;Perioden;<one column per measure>`, docs/formats/published-tables.md section 3.
import type { MappingSpec } from '../mapping.js';

/**
 * Built-in indicators and the CBS measure that answers the same question, by key stem (the numeric suffix
 * differs between table versions). CBS's "weleens onveilig" is a yes/no question, not the Belgian "sometimes
 * or more often": benchmark Dutch figures against Dutch ones.
 */
export const CBS_MEASURES: Readonly<Record<string, string>> = {
  unsafe_general: 'VoeltZichWeleensOnveilig',
  unsafe_often: 'VoeltZichVaakOnveilig',
  unsafe_neighbourhood: 'VoeltZichWeleensOnveiligInBuurt',
  avoidance: 'RijdtOfLooptOm',
  problem_speeding: 'TeHardRijden',
  problem_aggressive_traffic: 'AgressiefGedragInVerkeer',
  problem_parking: 'Parkeerproblemen',
  problem_dumping: 'RommelOpStraat',
  problem_vandalism: 'StraatmeubilairDatVernieldIs',
  problem_drugs: 'Drugsgebruik',
  problem_youth_nuisance: 'RondhangendeJongeren',
  problem_noise: 'Geluidsoverlast',
  police_satisfied: 'TevredenheidFunctionerenInBuurt',
};

/**
 * Each region and period has three rows, `Marges` MW00000 (the value), MOG0095 and MBG0095 (the bounds of the
 * 95% interval): they are put back together into one result per measure. Region codes stay as CBS writes
 * them, trimmed (`GM0363`); `recode: area:` names them. Percentages become proportions; `.` is a missing figure.
 */
export const cbsMonitor: MappingSpec = {
  columns: { RegioS: 'area', Perioden: 'wave', Marges: 'bound' },
  recode: {
    bound: { MW00000: 'value', MOG0095: 'ci_low', MBG0095: 'ci_high' },
    ...Object.fromEntries(Object.keys(CBS_MEASURES).map((indicator) => [indicator, { '.': '' }])),
  },
  units: { value: 'percent', ci_low: 'percent', ci_high: 'percent' },
  measures: CBS_MEASURES,
};
