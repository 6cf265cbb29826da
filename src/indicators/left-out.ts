// Respondents a weighted wave leaves out for lack of population figures: of a district the figures do not cover, or
// count no resident in (or no resident of their sex or age group). `indicators` said so; every command whose figures
// rest on the same weighting says it too, and no reason says "no resident answered" of a district whose residents
// did (adversarial run r38, F4).
import type { Evidence } from '../evidence/evidence.js';
import type { WeightingSummary } from './engine.js';

type LeftOutLists = Pick<WeightingSummary, 'respondentsWithoutFigures' | 'respondentsWithoutResidents' | 'respondentsInEmptyMargins'>;

/** A wave whose weighting left respondents out, with its lists. */
export interface LeftOutWave {
  wave: string;
  weighting: LeftOutLists;
}

/** Whether the weighting left any respondent out for want of figures. */
export function leavesOut(weighting: LeftOutLists): boolean {
  return weighting.respondentsWithoutFigures.length > 0 || weighting.respondentsWithoutResidents.length > 0 || weighting.respondentsInEmptyMargins.length > 0;
}

/**
 * The respondents of a district left out whole: the figures have none for it, or count 0 residents in it (a sex or
 * age group without residents leaves the rest of the district in its figures, so it never empties them).
 */
export function leftOutOf(weighting: LeftOutLists, district: string): number {
  const of = (entries: ReadonlyArray<{ district: string; respondents: number }>) => entries.filter((entry) => entry.district === district).reduce((sum, entry) => sum + entry.respondents, 0);
  return of(weighting.respondentsWithoutFigures) + of(weighting.respondentsWithoutResidents);
}

/** The lists as the JSON of `indicators` gives them under `weighting`, and every other command's JSON beside its wave. */
export function leftOutJson(weighting: LeftOutLists) {
  return {
    respondents_without_figures: weighting.respondentsWithoutFigures,
    respondents_without_residents: weighting.respondentsWithoutResidents,
    respondents_in_empty_margins: weighting.respondentsInEmptyMargins.map((cell) => ({ district: cell.district, sex: cell.sex, age_group: cell.ageGroup, respondents: cell.respondents })),
  };
}

/** The waves' lists as the JSON of check, compare and plan gives them: `respondents_left_out`, one entry per wave. */
export function leftOutWavesJson(waves: readonly LeftOutWave[]) {
  return waves.map(({ wave, weighting }) => ({ wave, ...leftOutJson(weighting) }));
}

/** Those of the weighted waves given that left respondents out, as every output carries them. */
export function leftOutIn(waves: ReadonlyArray<{ wave: string; weighting: LeftOutLists }>): LeftOutWave[] {
  return waves.filter(({ weighting }) => leavesOut(weighting)).map(({ wave, weighting }) => ({ wave, weighting }));
}

/** The waves among those given whose weighting left respondents out, in the order given, each once. */
export async function leftOutWaves(evidence: Evidence, waves: ReadonlyArray<string | null>): Promise<LeftOutWave[]> {
  const found: LeftOutWave[] = [];
  for (const wave of new Set(waves)) {
    if (wave === null) continue;
    const { weighting } = await evidence.weightedWave(wave);
    if (leavesOut(weighting)) found.push({ wave, weighting });
  }
  return found;
}

/** The districts whose respondents are left out whole (leftOutOf) in any of the waves, in the order first met. */
export function districtsLeftOut(waves: readonly LeftOutWave[]): string[] {
  const names = waves.flatMap(({ weighting }) => [...weighting.respondentsWithoutFigures, ...weighting.respondentsWithoutResidents].map((entry) => entry.district));
  return [...new Set(names)];
}
