// Population margins as stored: districts known for a wave (wave-specific figures, else those for every wave).
import type { Store } from './db.js';

export function populationDistricts(store: Store, waves: string[]): string[] {
  const districts = new Set<string>();
  const select = store.db.prepare(
    `SELECT DISTINCT district FROM population
     WHERE wave = ? OR (wave IS NULL AND NOT EXISTS (SELECT 1 FROM population WHERE wave = ?))`,
  );
  for (const wave of waves.length > 0 ? waves : ['']) {
    for (const district of select.pluck().all(wave, wave) as string[]) districts.add(district);
  }
  return [...districts].sort();
}
