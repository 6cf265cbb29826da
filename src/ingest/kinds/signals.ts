// Residents' signals (police café, neighbourhood officers, complaints): counts per date, district and theme.
import { z } from 'zod';
import type { Codebook } from '../../config/codebook.js';
import { column, districtSchema, isoDateSchema, waveSchema } from './columns.js';
import type { KindHandler } from './handler.js';
import { codeList, SIGNAL_SOURCES } from './partner-codes.js';
import { signalKey } from '../../store/tables.js';

/** The largest count a signal row may hold: PostgreSQL's INTEGER, and what a store check accepts (src/store/sources.ts). */
export const SIGNAL_COUNT_LIMIT = 2_147_483_647;

/** A signal's source as a code (police_cafe, complaint); the store's read check uses it too. */
export const sourceSchema = z.string().regex(/^[a-z][a-z0-9_]*$/).max(100);

function signalSchema(themes: readonly string[]) {
  return z.object({
    date: isoDateSchema,
    district: districtSchema,
    theme: z.enum(themes as [string, ...string[]]),
    source: sourceSchema,
    count: z.number().int().min(1).max(SIGNAL_COUNT_LIMIT),
    wave: waveSchema.optional(),
  });
}

export type SignalRow = z.output<ReturnType<typeof signalSchema>>;

declare module './handler.js' {
  interface Rows {
    signals: SignalRow;
  }
}

/** A signal counts for the year it happened in, unless the file says otherwise. */
function waveOf(row: SignalRow): string {
  return row.wave ?? row.date.slice(0, 4);
}

export const signalsHandler: KindHandler<'signals'> = {
  kind: 'signals',
  layout(codebook: Codebook) {
    const row = signalSchema(codebook.themes);
    return {
      kind: 'signals',
      columns: [
        column('date', 'date'),
        column('district', 'district'),
        column('theme', 'theme', true, codebook.themes),
        { ...column('source', 'theme'), codes: { byKey: codeList(SIGNAL_SOURCES, codebook.signalSources), builtIn: Object.keys(SIGNAL_SOURCES), declaredIn: 'signal_sources' } },
        { ...column('count', 'count'), min: 1, max: SIGNAL_COUNT_LIMIT },
        column('wave', 'wave', false),
      ],
      row,
    };
  },
  signature: ['date', 'district', 'theme', 'source', 'count'],
  identity: null,
  duplicates: { by: 'overlap', key: signalKey, storedCopies: (stored, wave) => stored.signalsOf(wave) },
  complete(row) {
    row.wave = waveOf(row);
  },
  checkedDistrict: (row) => row.district,
  presets: {},
  sink(target, batch) {
    return { add: (row, line) => target.signal(batch, line, waveOf(row), row), finish: () => undefined };
  },
};
