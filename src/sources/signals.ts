// Residents' signals (police café, neighbourhood officers, complaints) counted per district and theme.
import type { SignalRow } from '../store/sources.js';

export interface SignalCount {
  /** null for all districts together */
  district: string | null;
  theme: string;
  count: number;
  /** per source, sources in code order */
  bySource: Record<string, number>;
}

/** Counts per district and theme (most signals first, then theme code), plus all districts together. */
export function countSignals(rows: SignalRow[]): Map<string | null, SignalCount[]> {
  const counts = new Map<string | null, Map<string, SignalCount>>();
  const add = (district: string | null, row: SignalRow) => {
    let themes = counts.get(district);
    if (!themes) {
      themes = new Map();
      counts.set(district, themes);
    }
    let entry = themes.get(row.theme);
    if (!entry) {
      entry = { district, theme: row.theme, count: 0, bySource: {} };
      themes.set(row.theme, entry);
    }
    entry.count += row.count;
    entry.bySource[row.source] = (entry.bySource[row.source] ?? 0) + row.count;
  };
  for (const row of rows) {
    add(row.district, row);
    add(null, row);
  }
  const result = new Map<string | null, SignalCount[]>();
  for (const [district, themes] of counts) {
    const list = [...themes.values()].map((entry) => ({
      ...entry,
      bySource: Object.fromEntries(Object.entries(entry.bySource).sort(([a], [b]) => (a < b ? -1 : 1))),
    }));
    result.set(district, list.sort((a, b) => b.count - a.count || (a.theme < b.theme ? -1 : 1)));
  }
  return result;
}
