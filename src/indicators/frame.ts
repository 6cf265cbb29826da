// From stored rows to the statistics core's inputs: districts in a stable order, age groups from the
// population's labels, the survey frame and the population margins.
import { InputError } from '../errors.js';
import { present } from '../invariant.js';
import { compareNames } from '../districts.js';
import type { PopulationMargins, SurveyFrame } from '../stats/index.js';
import { cellIndex } from '../stats/index.js';
import type { PopulationRow } from '../store/population.js';
import type { SurveyWave } from '../store/survey.js';

export interface AgeGroupSpec {
  label: string;
  min: number;
  max: number | null;
}

/** The population's age groups, youngest first; overlapping groups cannot be weighted. */
export function ageGroupsOf(rows: PopulationRow[]): AgeGroupSpec[] {
  const byLabel = new Map<string, AgeGroupSpec>();
  for (const row of rows) byLabel.set(row.ageGroup, { label: row.ageGroup, min: row.ageMin, max: row.ageMax });
  const groups = [...byLabel.values()].sort((a, b) => a.min - b.min);
  for (let k = 1; k < groups.length; k++) {
    const previous = groups[k - 1];
    if (previous.max === null || previous.max >= groups[k].min) {
      throw new InputError('input.age_groups_overlap', { first: previous.label, second: groups[k].label });
    }
  }
  return groups;
}

export function ageGroupIndex(groups: AgeGroupSpec[], age: number): number {
  if (age < 0) return -1;
  for (let k = 0; k < groups.length; k++) {
    const group = groups[k];
    if (age >= group.min && (group.max === null || age <= group.max)) return k;
  }
  return -1;
}

export interface Frame {
  districts: string[];
  ageGroups: AgeGroupSpec[];
  frame: SurveyFrame;
  margins: PopulationMargins | null;
}

/** Districts of the survey and of the population figures, each respondent placed in its district, sex and age group. */
export function buildFrame(wave: SurveyWave, population: PopulationRow[], fromMargins: readonly string[] = []): Frame {
  const districts = [...new Set([...wave.districts, ...population.map((row) => row.district)])].sort(compareNames);
  const position = new Map(districts.map((name, index) => [name, index]));
  const placeOf = (name: string) => present(position.get(name), 'the place of a district in the sorted list');
  const remap = wave.districts.map(placeOf);
  const ageGroups = population.length > 0 ? ageGroupsOf(population) : [];
  const n = wave.n;
  const district = new Int32Array(n);
  const sex = new Int32Array(n);
  const ageGroup = new Int32Array(n);
  const groupOfAge = new Int32Array(121).map((_, age) => ageGroupIndex(ageGroups, age));
  for (let i = 0; i < n; i++) {
    district[i] = remap[wave.district[i]];
    const code = wave.sex[i];
    sex[i] = code === 0 || code === 1 ? code : -1;
    const age = wave.age[i];
    ageGroup[i] = age >= 0 && age <= 120 ? groupOfAge[age] : -1;
  }
  const frame: SurveyFrame = { n, district, districtCount: districts.length, sex, ageGroup, ...(wave.weight ? { weight: wave.weight } : {}) };
  if (population.length === 0) return { districts, ageGroups, frame, margins: null };
  const groupIndex = new Map(ageGroups.map((group, index) => [group.label, index]));
  const cells = new Float64Array(districts.length * 2 * ageGroups.length).fill(NaN);
  for (const row of population) {
    const s = row.sex === 'M' ? 0 : 1;
    cells[cellIndex(placeOf(row.district), s, present(groupIndex.get(row.ageGroup), 'the index of an age group'), ageGroups.length)] = row.population;
  }
  const derived = new Set(fromMargins);
  const givenCells = Uint8Array.from(districts, (name) => (derived.has(name) ? 0 : 1));
  return { districts, ageGroups, frame, margins: { districtCount: districts.length, sexCount: 2, ageGroupCount: ageGroups.length, cells, givenCells } };
}
