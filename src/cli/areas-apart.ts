// The whole area's figures of two waves that rest on different districts, said where a command compares them.
import { listedDistricts } from '../districts.js';
import type { Context } from './context.js';

/**
 * Said on stderr for every format (compare, check, report): the whole area's figures of two waves rest on different
 * districts, so its change compares two different areas (adversarial run r34, F1).
 */
export function warnAreasApart(context: Context, apart: { from: string; to: string; onlyFrom: readonly string[]; onlyTo: readonly string[] }): void {
  const { from, to } = apart;
  const parts = [
    ...(apart.onlyFrom.length > 0 ? [context.t('compare.area_only_in', { wave: from, districts: listedDistricts(apart.onlyFrom) })] : []),
    ...(apart.onlyTo.length > 0 ? [context.t('compare.area_only_in', { wave: to, districts: listedDistricts(apart.onlyTo) })] : []),
  ];
  context.log.warn(context.t('compare.whole_area_apart', { from, to, districts: parts.join(context.t('text.separator')) }));
}
