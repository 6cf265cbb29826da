// The shared table of peer aggregates in a PostgreSQL store (README, `safety-scan benchmark`): every zone reads all of
// it, and row-level security lets a zone write only its own cells (src/store/pg/schema.ts, peer_indicators).
import type { PeerCell } from '../../peers/benchmark.js';
import type { ZoneStore } from './zone.js';

/**
 * Replaces the zone's published cells of one wave by `cells`, in one transaction: a cell that is suppressed now
 * (fewer answers after a `forget`) leaves the table instead of staying behind.
 */
export async function publishPeerCells(zone: ZoneStore, wave: string, cells: PeerCell[]): Promise<void> {
  await zone.store.transaction(async (client) => {
    await client.query('DELETE FROM peer_indicators WHERE zone = $1 AND wave = $2', [zone.zone, wave]);
    if (cells.length === 0) return;
    await client.query(
      `INSERT INTO peer_indicators (zone, district, wave, indicator, estimate, se, ci_low, ci_high, n, n_eff)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::int[], $10::float8[])`,
      [
        zone.zone,
        cells.map((cell) => cell.district),
        cells.map((cell) => cell.wave),
        cells.map((cell) => cell.indicator),
        cells.map((cell) => cell.estimate),
        cells.map((cell) => cell.se),
        cells.map((cell) => cell.ciLow),
        cells.map((cell) => cell.ciHigh),
        cells.map((cell) => cell.n),
        cells.map((cell) => cell.nEff),
      ],
    );
  });
}

interface PeerRow {
  zone: string;
  district: string | null;
  wave: string;
  indicator: string;
  estimate: number;
  se: number;
  ci_low: number;
  ci_high: number;
  n: number;
  n_eff: number;
}

/** Every zone's published cells of one wave (this zone's too), in a stable order. */
export async function peerCells(zone: ZoneStore, wave: string): Promise<PeerCell[]> {
  let rows: PeerRow[];
  try {
    ({ rows } = await zone.store.client.query<PeerRow>(
      `SELECT zone, district, wave, indicator, estimate, se, ci_low, ci_high, n, n_eff FROM peer_indicators
       WHERE wave = $1 ORDER BY zone, district NULLS FIRST, indicator`,
      [wave],
    ));
  } catch (error) {
    throw zone.store.failure(error);
  }
  return rows.map((row) => ({
    zone: row.zone,
    district: row.district,
    wave: row.wave,
    indicator: row.indicator,
    estimate: row.estimate,
    se: row.se,
    ciLow: row.ci_low,
    ciHigh: row.ci_high,
    n: row.n,
    nEff: row.n_eff,
  }));
}
