// Statbel's "population by place of residence, nationality, marital status, age and sex"
// (TF_SOC_POP_STRUCT_<year>.txt), in the current layout (CD_REFNIS, 2019 onwards) and the older one
// (CD_MUNTY_REFNIS, up to 2018): docs/formats/published-tables.md section 1.1.
import type { MappingSpec } from '../mapping.js';

/**
 * One row per municipality x sex x single year of age (100 = 100 and older) x nationality x civil status:
 * the rows of a cell add up, ages are binned into the configured groups, and the district is the REFNIS
 * code (a `recode: district:` in a mapping names it; `keep:` selects the zone's municipalities).
 */
export const statbelPopulation: MappingSpec = {
  columns: {
    CD_REFNIS: 'district',
    CD_MUNTY_REFNIS: 'district',
    CD_SEX: 'sex',
    CD_AGE: 'age_group',
    MS_POPULATION: 'population',
    CD_YEAR: 'wave',
  },
  // the reference date is 1 January of the year in the file's name
  wave_from_file_name: true,
};
