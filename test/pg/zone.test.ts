// Working as one zone: a zone's connection string is that zone (naming another is refused); the owner names the
// zone and acts as it, seeing that zone's rows only; the zone's pseudonymisation key lives outside the store,
// in a key file of its own (or SAFETY_SCAN_KEY), with only its fingerprint in the zone's `zone_meta` row.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SafetyScanError } from '../../src/errors.js';
import { keyCheck, keyFile } from '../../src/store/key.js';
import { openPgStore } from '../../src/store/pg/connect.js';
import { openZone, zoneKey, zoneKeyId, zoneKeyWhere, type ZoneStore } from '../../src/store/pg/zone.js';
import { addZone } from '../../src/store/pg/zones.js';
import { describePostgres, useCluster } from '../support/postgres.js';
import { scratchFolder } from '../helpers/scratch.js';

const BATCH = `INSERT INTO batches (kind, file_name, sha256, options_digest, waves, rows_read, rows_stored, rows_rejected, tool_version, imported_at, details)
               VALUES ('survey', 'survey.csv', 'sha', 'opt', '["2026"]', 1, 1, 0, 'test', '2026-12-03T18:00:00Z', '{}')`;

async function failure(work: Promise<unknown>): Promise<{ key: string; params: Record<string, unknown> }> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SafetyScanError)) throw new Error(`expected a SafetyScanError, got ${String(error)}`);
  return { key: error.detail.key, params: error.detail.params };
}

async function closing<T>(zone: ZoneStore, work: (zone: ZoneStore) => Promise<T>): Promise<T> {
  try {
    return await work(zone);
  } finally {
    await zone.store.close();
  }
}

describePostgres('working as one zone of a shared store', () => {
  const cluster = useCluster();
  let owner: string;
  let gent: string;
  let config: string;

  beforeAll(async () => {
    owner = await cluster().createStore('zones_at_work');
    const store = await openPgStore(owner);
    try {
      gent = (await addZone(store, 'Gent', false)).connection;
      await addZone(store, 'Brugge', false);
      await addZone(store, 'Kortrijk', false);
    } finally {
      await store.close();
    }
    config = scratchFolder('zone-keys-');
  });
  afterAll(() => rmSync(config, { recursive: true, force: true }));

  it("is the login's own zone, and refuses a zone's login naming another zone", async () => {
    await closing(await openZone(gent, undefined), async (zone) => expect(zone.zone).toBe('Gent'));
    await closing(await openZone(gent, ' Gent '), async (zone) => expect(zone.zone).toBe('Gent'));
    const other = await failure(openZone(gent, 'Brugge'));
    expect(other.key).toBe('zone.not_this_login');
    expect(other.params).toMatchObject({ zone: 'Brugge', login: 'Gent' });
    expect(String(other.params.store)).not.toContain(decodeURIComponent(new URL(gent).password));
  });

  it('lets the owner act as a zone it names, seeing and writing that zone only', async () => {
    const unnamed = await failure(openZone(owner, undefined));
    expect(unnamed.key).toBe('zone.not_named');
    const unknown = await failure(openZone(owner, 'Oostende'));
    expect(unknown).toMatchObject({ key: 'zone.unknown', params: { zone: 'Oostende', zones: 'Brugge, Gent, Kortrijk' } });
    await closing(await openZone(owner, 'Brugge'), async (zone) => {
      expect(zone.zone).toBe('Brugge');
      await zone.store.client.query(BATCH);
    });
    const seen = await closing(await openZone(gent, undefined), async (zone) => (await zone.store.client.query('SELECT zone FROM batches')).rows);
    expect(seen).toEqual([]);
    const brugge = await closing(await openZone(owner, 'Brugge'), async (zone) => (await zone.store.client.query('SELECT zone FROM batches')).rows);
    expect(brugge).toEqual([{ zone: 'Brugge' }]);
  });

  it("keeps the zone's key in a key file of its own, 0600, and only its fingerprint in the store", async () => {
    const env = { XDG_CONFIG_HOME: config };
    const key = await closing(await openZone(gent, undefined), async (zone) => {
      const made = await zoneKey(zone, { env });
      const file = keyFile({ env }, zoneKeyId(zone), 'test');
      expect(readFileSync(file, 'utf8').trim()).toBe(made.toString('hex'));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(await zoneKey(zone, { env })).toEqual(made);
      const stored = (await zone.store.client.query("SELECT value FROM zone_meta WHERE key = 'key_check'")).rows;
      expect(stored).toEqual([{ value: keyCheck(made) }]);
      return made;
    });
    // Brugge has a key of its own, and cannot see Gent's fingerprint.
    await closing(await openZone(owner, 'Brugge'), async (zone) => {
      expect((await zone.store.client.query('SELECT * FROM zone_meta')).rows).toEqual([]);
      expect(await zoneKey(zone, { env })).not.toEqual(key);
    });
    const wrong = { env: { ...env, SAFETY_SCAN_KEY: '8778c12252ecc3aeb4d8794ba56006183c308f39f78d7720a9560cb894673f64' } };
    expect((await failure(closing(await openZone(gent, undefined), (zone) => zoneKey(zone, wrong)))).key).toBe('key.env_wrong');
    const right = { env: { XDG_CONFIG_HOME: join(config, 'elsewhere'), SAFETY_SCAN_KEY: key.toString('hex') } };
    expect(await closing(await openZone(gent, undefined), (zone) => zoneKey(zone, right))).toEqual(key);
    // a zone holding nothing made with its key (here: nothing at all) gets a new key when its key file is gone,
    // with a note, as a SQLite store does (r16, F4); status says where that key will be, not that it is missing
    const lost = { env: { XDG_CONFIG_HOME: join(config, 'elsewhere') } };
    expect(await closing(await openZone(gent, undefined), (zone) => zoneKeyWhere(zone, lost))).toMatchObject({ source: 'file', state: 'not_made' });
    const notices: string[] = [];
    const renewed = await closing(await openZone(gent, undefined), (zone) => zoneKey(zone, lost, true, (notice) => notices.push(notice.key)));
    expect(renewed).not.toEqual(key);
    expect(notices).toEqual(['key.new_for_unused']);
    expect(await closing(await openZone(gent, undefined), (zone) => zoneKey(zone, lost))).toEqual(renewed);
    // once the zone holds a pseudonym, a key whose file is gone is missing
    await closing(await openZone(gent, undefined), async (zone) => {
      const { rows } = await zone.store.client.query<{ id: number }>(`${BATCH} RETURNING id`);
      await zone.store.client.query("INSERT INTO keyfigures (batch_id, wave, interview, district, organisation_type, theme, severity) VALUES ($1, '2026', 'p', 'Oudegem', 'school', 'drugs', 3)", [rows[0]?.id]);
    });
    const gone = { env: { XDG_CONFIG_HOME: join(config, 'gone') } };
    expect(await closing(await openZone(gent, undefined), (zone) => zoneKeyWhere(zone, gone))).toMatchObject({ source: 'file', state: 'missing' });
    expect((await failure(closing(await openZone(gent, undefined), (zone) => zoneKey(zone, gone)))).key).toBe('key.missing');
  });

  // a dry run into a zone without a key made a key file and recorded its fingerprint (r7); as a SQLite dry run,
  // it now reads a key where there is one and makes none
  it('a dry run makes no key for a zone that has none, and reads the one it has', async () => {
    const env = { XDG_CONFIG_HOME: join(config, 'dry') };
    await closing(await openZone(owner, 'Kortrijk'), async (zone) => {
      const file = keyFile({ env }, zoneKeyId(zone), 'test');
      const throwaway = await zoneKey(zone, { env }, false);
      expect(await zoneKey(zone, { env }, false)).not.toEqual(throwaway);
      expect(existsSync(file)).toBe(false);
      expect((await zone.store.client.query('SELECT * FROM zone_meta')).rows).toEqual([]);
      const made = await zoneKey(zone, { env });
      expect(await zoneKey(zone, { env }, false)).toEqual(made);
      expect(existsSync(file)).toBe(true);
    });
  });
});
