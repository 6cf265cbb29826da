// The work behind `safety-scan indicators`, loaded only when the command runs.
import { UsageError } from '../errors.js';
import { checkWave, estimateWave, selectIndicators, type WaveEstimates } from '../indicators/engine.js';
import { closestNames } from '../ingest/values.js';
import { normaliseName } from '../ingest/values.js';
import { indicatorsCsv } from '../render/indicators/csv.js';
import { indicatorsJson } from '../render/indicators/json.js';
import { indicatorsMarkdown } from '../render/indicators/markdown.js';
import { indicatorsTable } from '../render/indicators/table.js';
import { Store } from '../store/db.js';
import { chosenFormat, type Format } from './command.js';
import type { Context } from './context.js';

/** The districts named on the command line, as the store spells them (exact, then case-insensitive). */
export function resolveDistricts(known: string[], wanted: string[]): string[] {
  return wanted.map((name) => {
    const normalised = normaliseName(name);
    const found = known.find((district) => district === normalised) ?? known.find((district) => district.toLowerCase() === normalised.toLowerCase());
    if (!found) {
      throw new UsageError('usage.unknown_district', { value: name, suggestion: closestNames(name, known).join(', ') || '-', districts: known.join(', ') });
    }
    return found;
  });
}

/** Only the rows of the districts asked for (and the whole area, as the reference). */
export function onlyDistricts(result: WaveEstimates, wanted: string[] | undefined): WaveEstimates {
  if (!wanted || wanted.length === 0) return result;
  const names = resolveDistricts(result.districts, wanted);
  return { ...result, rows: result.rows.filter((row) => row.district === null || names.includes(row.district)) };
}

export function renderIndicators(result: WaveEstimates, format: Format, context: Context): string {
  switch (format) {
    case 'json':
      return indicatorsJson(result);
    case 'csv':
      return indicatorsCsv(result);
    case 'md':
      return indicatorsMarkdown(result, context.t);
    case 'table':
      return indicatorsTable(result, context.t, context.colors);
  }
}

export function computeIndicators(context: Context, options: { wave?: string; indicator?: string[]; district?: string[] }): WaveEstimates {
  return Store.reading(context.store, (store) => {
    const wave = checkWave(store, options.wave);
    const definitions = selectIndicators(context.settings, options.indicator);
    return onlyDistricts(estimateWave(store, context.settings, wave, { definitions }), options.district);
  });
}

export async function runIndicators(context: Context, options: Record<string, unknown>): Promise<number> {
  const result = computeIndicators(context, options as { wave?: string; indicator?: string[]; district?: string[] });
  context.out(renderIndicators(result, chosenFormat(options) as Format, context));
  return 0;
}
