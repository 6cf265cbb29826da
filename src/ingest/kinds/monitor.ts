// Safety-monitor results: one aggregated value per area and indicator, with its interval when published.
import { z } from 'zod';
import type { Codebook } from '../../config/codebook.js';
import { monitorInsert, monitorLookup } from '../../store/tables.js';
import { column, nameSchema, proportionSchema, waveSchema } from './columns.js';
import type { KindHandler } from './handler.js';

function monitorSchema(indicators: readonly string[]) {
  return z.object({
    wave: waveSchema,
    area: nameSchema,
    indicator: z.enum(indicators as [string, ...string[]]),
    value: proportionSchema,
    ci_low: proportionSchema.optional(),
    ci_high: proportionSchema.optional(),
    n: z.number().int().min(0).optional(),
  });
}

export type MonitorRow = z.output<ReturnType<typeof monitorSchema>>;

declare module './handler.js' {
  interface Rows {
    monitor: MonitorRow;
  }
}

export const monitorHandler: KindHandler<'monitor'> = {
  kind: 'monitor',
  layout(codebook: Codebook) {
    const indicators = codebook.indicators.map((indicator) => indicator.id);
    const row = monitorSchema(indicators);
    return {
      kind: 'monitor',
      columns: [
        column('wave', 'wave'),
        column('area', 'text'),
        column('indicator', 'indicator', true, indicators),
        column('value', 'proportion'),
        column('ci_low', 'proportion', false),
        column('ci_high', 'proportion', false),
        column('n', 'count', false),
      ],
      row,
    };
  },
  signature: ['area', 'indicator', 'value', 'ci_low', 'ci_high'],
  identity: null,
  duplicates: {
    by: 'columns',
    column: 'indicator',
    key: (row) => `${row.area}\u0000${row.indicator}`,
    storedCopies: (store) => monitorLookup(store),
  },
  crossCheck(row) {
    if ((row.ci_low === undefined) !== (row.ci_high === undefined)) {
      return { column: row.ci_low === undefined ? 'ci_low' : 'ci_high', code: 'interval_incomplete' };
    }
    const low = row.ci_low ?? row.value;
    const high = row.ci_high ?? row.value;
    return low <= row.value && row.value <= high ? null : { column: 'value', code: 'interval_order' };
  },
  checkedDistrict: null,
  presets: {},
  sink(store, batch) {
    const insert = monitorInsert(store);
    return { add: (row, line) => insert(batch, line, row), finish: () => undefined };
  },
};
