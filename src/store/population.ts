// Population margins as stored: wave-specific figures where they exist, else those that serve every wave.
import type { Store } from './db.js';

export interface PopulationRow {
  district: string;
  sex: string;
  ageGroup: string;
  ageMin: number;
  ageMax: number | null;
  population: number;
}

const FOR_WAVE = `wave = ? OR (wave IS NULL AND NOT EXISTS (SELECT 1 FROM population WHERE wave = ?))`;

export function populationDistricts(store: Store, waves: string[]): string[] {
  const districts = new Set<string>();
  const select = store.db.prepare(`SELECT DISTINCT district FROM population WHERE ${FOR_WAVE}`);
  for (const wave of waves.length > 0 ? waves : ['']) {
    for (const district of select.pluck().all(wave, wave) as string[]) districts.add(district);
  }
  return [...districts].sort();
}

/** The figures that hold for one wave. */
export function populationFor(store: Store, wave: string): PopulationRow[] {
  return store.db
    .prepare(
      `SELECT district, sex, age_group AS ageGroup, age_min AS ageMin, age_max AS ageMax, population
       FROM population WHERE ${FOR_WAVE} ORDER BY district, sex, age_min`,
    )
    .all(wave, wave) as PopulationRow[];
}
