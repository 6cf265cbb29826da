// What users type, resolved against what the store and the codebook hold: waves, districts, indicators.
// Every command resolves them here, so they are checked and named the same way everywhere.
import type { IndicatorDefinition } from '../config/codebook.js';
import type { Settings } from '../config/settings.js';
import { closestDistricts, givenDistrict, listedDistricts, matchDistrict } from '../districts.js';
import { UsageError } from '../errors.js';
import { closestPhrase } from '../i18n/index.js';
import type { WaveEstimates } from '../indicators/engine.js';
import type { Context } from './context.js';
import { closestNames } from '../ingest/values.js';
import { PLAUSIBLE_YEARS } from '../ingest/kinds/columns.js';

/** A wave as typed: a four-digit year. */
export function waveOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const wave = value.trim();
  // a year a survey can be about, as the files' waves and dates are judged (0000 and 0026 are typing mistakes)
  if (!/^\d{4}$/.test(wave) || Number(wave) < PLAUSIBLE_YEARS.from || Number(wave) > PLAUSIBLE_YEARS.to) throw new UsageError('usage.bad_wave', { value: wave });
  return wave;
}

/** Where resolveDistricts says that a value read as one district could have been a list. */
export type DistrictNotes = Pick<Context, 'log' | 't'>;

/**
 * The districts named on the command line, as the store spells them. Each value is one district when the whole
 * of it names one (`Gent, Noord`), else a comma-separated list (`Gent,Noord`); a whole name whose parts are all
 * districts as well is said on stderr, with how to ask for the parts (README, district selection).
 */
export function resolveDistricts(known: readonly string[], wanted: readonly string[], notes: DistrictNotes): string[] {
  return wanted.flatMap((value) => {
    const parts = value.split(',').map((part) => part.trim()).filter(Boolean);
    const whole = matchDistrict(value, known);
    if (whole !== null) {
      const each = parts.map((part) => matchDistrict(part, known));
      if (parts.length > 1 && each.every((found) => found !== null)) {
        notes.log.warn(notes.t('resolve.district_whole', { value: givenDistrict(value), district: whole, parts: each.map((found) => `\`${found}\``).join(', ') }));
      }
      return [whole];
    }
    return parts.map((name) => {
      const found = matchDistrict(name, known);
      if (found !== null) return found;
      const params = { value: givenDistrict(name), closest: closestDistricts(name, known), districts: listedDistricts(known) };
      if (parts.length === 1) throw new UsageError('usage.unknown_district', params);
      const read = parts.map((part) => `\`${givenDistrict(part)}\``).join(', ');
      throw new UsageError('usage.unknown_district', params, { hint: { key: 'hint.district_list', params: { value: givenDistrict(value), parts: read } } });
    });
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
export function onlyDistricts(result: WaveEstimates, wanted: readonly string[] | undefined, notes: DistrictNotes): WaveEstimates {
  if (!wanted || wanted.length === 0) return result;
  return keepDistricts(result, resolveDistricts(result.districts, wanted, notes));
}

/** Only the rows of districts already resolved (and the whole area); null: every row. */
export function keepDistricts(result: WaveEstimates, names: readonly string[] | null): WaveEstimates {
  if (names === null) return result;
  return { ...result, rows: result.rows.filter((row) => row.district === null || names.includes(row.district)) };
}

/** A count typed on the command line (`--top 10`): a whole number of 1 or more. */
export function countOption(option: string, value: string): number {
  const count = /^[1-9]\d{0,8}$/.test(value.trim()) ? Number(value.trim()) : null;
  if (count === null) throw new UsageError('usage.bad_count', { option, value });
  return count;
}
