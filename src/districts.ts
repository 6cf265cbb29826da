// District names: the one order they are listed in and the one way a name given by a user (a goal, an
// option) is matched to the store's spelling.
import { fold, normaliseName } from './ingest/values.js';

/** A stable, machine-independent order: accents and case folded, then code points (no locale data involved). */
export function compareNames(a: string, b: string): number {
  const fa = fold(a);
  const fb = fold(b);
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Districts in that order, the whole area (null) after them. */
export function compareDistricts(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareNames(a, b);
}

/** The store's spelling of a district: exact after normalisation first, else the one case-insensitive match. */
export function matchDistrict(name: string, districts: readonly string[]): string | null {
  const wanted = normaliseName(name);
  const exact = districts.find((district) => normaliseName(district) === wanted);
  if (exact !== undefined) return exact;
  const lower = wanted.toLowerCase();
  const loose = districts.filter((district) => normaliseName(district).toLowerCase() === lower);
  return loose.length === 1 ? loose[0] : null;
}
