// What users type, resolved against what the store and the codebook hold: waves, districts, indicators.
// Every command resolves them here, so they are checked and named the same way everywhere.
import type { IndicatorDefinition } from '../config/codebook.js';
import type { Settings } from '../config/settings.js';
import { givenDistrict, matchDistrict } from '../districts.js';
import { UsageError } from '../errors.js';
import { closestPhrase } from '../i18n/index.js';
import type { WaveEstimates } from '../indicators/engine.js';
import { closestNames } from '../ingest/values.js';

/** A wave as typed: a four-digit year. */
export function waveOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const wave = value.trim();
  if (!/^\d{4}$/.test(wave)) throw new UsageError('usage.bad_wave', { value: wave });
  return wave;
}

/** The districts named on the command line, as the store spells them. */
export function resolveDistricts(known: readonly string[], wanted: readonly string[]): string[] {
  return wanted.map((name) => {
    const found = matchDistrict(name, known);
    if (found === null) {
      throw new UsageError('usage.unknown_district', { value: givenDistrict(name), closest: closestPhrase(closestNames(name, known)), districts: known.join(', ') });
    }
    return found;
  });
}

/** The indicators asked for (all by default), checked against the codebook. */
export function resolveIndicators(settings: Settings, ids: readonly string[] | undefined): IndicatorDefinition[] {
  const all = settings.codebook.indicators;
  if (!ids || ids.length === 0) return all;
  return ids.map((id) => {
    const found = all.find((definition) => definition.id === id);
    if (!found) {
      const closest = closestPhrase(closestNames(id, all.map((definition) => definition.id)));
      throw new UsageError('usage.unknown_indicator', { value: id, closest, indicators: all.map((d) => d.id).join(', ') });
    }
    return found;
  });
}

/** Only the rows of the districts asked for (and the whole area, as the reference). */
export function onlyDistricts(result: WaveEstimates, wanted: readonly string[] | undefined): WaveEstimates {
  if (!wanted || wanted.length === 0) return result;
  const names = resolveDistricts(result.districts, wanted);
  return { ...result, rows: result.rows.filter((row) => row.district === null || names.includes(row.district)) };
}

/** A count typed on the command line (`--top 10`): a whole number of 1 or more. */
export function countOption(option: string, value: string): number {
  const count = /^[1-9]\d{0,8}$/.test(value.trim()) ? Number(value.trim()) : null;
  if (count === null) throw new UsageError('usage.bad_count', { option, value });
  return count;
}
