// Peer benchmarks (docs/methods.md section 21): what a zone publishes into a shared PostgreSQL store's
// table of aggregates, and its comparison with the other zones' figures. Pure: the store side is
// src/store/pg/peers.ts, the run src/cli/peers.ts (for `benchmark` and `report`).
import type { Settings } from '../config/settings.js';
import { compareNames } from '../districts.js';
import type { IndicatorKind, WaveEstimates } from '../indicators/engine.js';
import { adjustFamily, type TestedDifference } from '../compare/waves.js';
import { compareIndependent } from '../stats/index.js';

/**
 * The smallest number of answers behind a published cell, whatever a zone's own `estimates.min_cell` says: the
 * table is read by every other zone, so one zone's lower threshold must not lower it for all.
 */
export const PEER_MIN_CELL = 10;

/** The interval level of every published cell, so that all zones' intervals read alike. */
export const PEER_LEVEL = 0.95;

/** One published figure: a zone's whole area (district null) or one of its districts, in one wave. */
export interface PeerCell {
  zone: string;
  district: string | null;
  wave: string;
  indicator: string;
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  n: number;
  nEff: number;
}

/**
 * The settings a zone's figures are estimated with for publication: its own weighting and codebook, the shared
 * table's interval level, and suppression at PEER_MIN_CELL at least (with the secondary suppression that goes with it,
 * so no published district can be recovered from the zone's published whole area by subtraction).
 */
export function peerSettings(settings: Settings): Settings {
  const minCell = Math.max(settings.estimates.minCell, PEER_MIN_CELL);
  if (minCell === settings.estimates.minCell && settings.estimates.level === PEER_LEVEL) return settings;
  return { ...settings, estimates: { ...settings.estimates, minCell, level: PEER_LEVEL } };
}

/**
 * The cells of a wave's estimates a zone may publish: every estimate shown (neither suppressed nor withheld as not
 * finite) with at least PEER_MIN_CELL answers. Never a respondent, never a suppressed cell.
 */
export function publishableCells(zone: string, estimates: WaveEstimates): PeerCell[] {
  const cells: PeerCell[] = [];
  for (const row of estimates.rows) {
    if (row.flag === 'suppressed' || row.notFinite === true || row.n < PEER_MIN_CELL) continue;
    const { estimate, se, ciLow, ciHigh, nEff } = row;
    if (estimate === null || se === null || ciLow === null || ciHigh === null || nEff === null) continue;
    if (![estimate, se, ciLow, ciHigh, nEff].every(Number.isFinite)) continue;
    cells.push({ zone, district: row.district, wave: estimates.wave, indicator: row.indicator, estimate, se, ciLow, ciHigh, n: row.n, nEff });
  }
  return cells;
}

/** A published figure as a comparison shows it. */
export type PeerFigure = Pick<PeerCell, 'estimate' | 'se' | 'ciLow' | 'ciHigh' | 'n'>;

export interface BenchmarkRow extends TestedDifference {
  indicator: string;
  kind: IndicatorKind;
  /** the other zone */
  peer: string;
  /** this zone's whole area; null when it has no published figure for the indicator */
  own: PeerFigure | null;
  other: PeerFigure;
}

export interface Benchmark {
  zone: string;
  wave: string;
  level: number;
  fdr: number;
  /** the cells this zone published for the wave (its whole area and its districts) */
  published: number;
  /** the other zones with published figures for the wave, by name */
  peers: string[];
  familySize: number;
  rows: BenchmarkRow[];
  /** Other zones' whole-area figures left out as impossible (not finite, outside the indicator's range), by zone. */
  leftOut: Array<{ zone: string; cells: number }>;
}

/** An indicator as a benchmark compares it: its kind, and the range its figures lie in (a share 0-1, a score 0-10, a mean its scale). */
export interface PeerIndicator {
  id: string;
  kind: IndicatorKind;
  range: readonly [number, number];
}

/**
 * Whether another zone's published figure could have been published: every number finite, the interval around the
 * estimate and inside the indicator's range, a standard error no wider than the range, at least PEER_MIN_CELL
 * answers and an effective sample size between 0 and n. A zone writes its own rows of the shared table, so its
 * rows are checked before they reach any other zone's comparison (docs/methods.md section 21).
 */
export function plausibleCell(cell: PeerCell, range: readonly [number, number]): boolean {
  const [lo, hi] = range;
  const numbers = [cell.estimate, cell.se, cell.ciLow, cell.ciHigh, cell.nEff];
  if (!numbers.every((value) => typeof value === 'number' && Number.isFinite(value))) return false;
  if (!(lo <= cell.ciLow && cell.ciLow <= cell.estimate && cell.estimate <= cell.ciHigh && cell.ciHigh <= hi)) return false;
  if (!(cell.se >= 0 && cell.se <= hi - lo)) return false;
  return Number.isInteger(cell.n) && cell.n >= PEER_MIN_CELL && cell.nEff > 0 && cell.nEff <= cell.n * 1.000001;
}

/**
 * A zone's whole-area figures beside each other zone's for the same wave: per indicator (in the order of
 * `indicators`), the peers by name, each with a two-sample z-test (independent samples) and q-values over all
 * rows (docs/methods.md sections 8 and 21). Indicators this zone does not define are left out.
 */
export function benchmarkZone(
  own: { zone: string; wave: string; cells: PeerCell[] },
  others: PeerCell[],
  indicators: ReadonlyArray<PeerIndicator>,
  fdr: number,
): Benchmark {
  const area = (cells: PeerCell[]) => new Map(cells.filter((cell) => cell.district === null).map((cell) => [cell.indicator, cell]));
  const mine = area(own.cells);
  const ranges = new Map(indicators.map((indicator) => [indicator.id, indicator.range]));
  const byZone = new Map<string, PeerCell[]>();
  const leftOut = new Map<string, number>();
  for (const cell of others) {
    if (cell.zone === own.zone || cell.wave !== own.wave) continue;
    const range = ranges.get(cell.indicator);
    if (cell.district === null && range && !plausibleCell(cell, range)) {
      leftOut.set(cell.zone, (leftOut.get(cell.zone) ?? 0) + 1);
      continue;
    }
    const cells = byZone.get(cell.zone) ?? [];
    cells.push(cell);
    byZone.set(cell.zone, cells);
  }
  const peers = [...byZone.keys()].sort(compareNames);
  const theirs = new Map(peers.map((peer) => [peer, area(byZone.get(peer) ?? [])]));
  const rows: BenchmarkRow[] = [];
  for (const { id, kind } of indicators) {
    const a = mine.get(id);
    for (const peer of peers) {
      const b = theirs.get(peer)?.get(id);
      if (!b) continue;
      // diff = own - other: compareIndependent gives its second argument minus its first
      const test = compareIndependent({ estimate: b.estimate, se: b.se }, { estimate: a?.estimate ?? null, se: a?.se ?? null });
      rows.push({ indicator: id, kind, peer, own: a ? figure(a) : null, other: figure(b), ...test, q: null, significant: null });
    }
  }
  const familySize = adjustFamily(rows, fdr);
  const skipped = [...leftOut].sort(([a], [b]) => compareNames(a, b)).map(([zone, cells]) => ({ zone, cells }));
  return { zone: own.zone, wave: own.wave, level: PEER_LEVEL, fdr, published: own.cells.length, peers, familySize, rows, leftOut: skipped };
}

function figure(cell: PeerCell): PeerFigure {
  return { estimate: cell.estimate, se: cell.se, ciLow: cell.ciLow, ciHigh: cell.ciHigh, n: cell.n };
}
