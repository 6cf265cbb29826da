// The zones of a PostgreSQL store: each one a LOGIN role in the zones' group role, whose rows row-level
// security keeps to that zone (src/store/pg/schema.ts). Adding one, or giving it a new password.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { UsageError } from '../../errors.js';
import { freeTextHoldsPersonalData } from '../../ingest/privacy.js';
import { SCHEMA_LOCK } from './migrate.js';
import { scramVerifier } from './scram.js';
import type { PgStore } from './store.js';
import { withLogin } from './url.js';

export const ZONE_NAME_MAX = 60;

/**
 * A zone's name as its analysts write it: letters (any script), digits, spaces, hyphens, dots, apostrophes; never
 * what reads as personal data (a titled name, an address, a phone number, an IBAN), which the configuration's
 * `zone:` refuses too: the name is stored, becomes a server-wide role's name and is shown to every other zone
 * by `benchmark` (adversarial run r36, B3). Such a name is withheld from the message as well.
 */
export function zoneName(value: string): string {
  const name = value.trim();
  if (freeTextHoldsPersonalData(name)) throw new UsageError('admin.zone_personal', {});
  if (name.length > ZONE_NAME_MAX || !/^[\p{L}\p{N}][\p{L}\p{N}\p{M} .'’-]*$/u.test(name)) {
    throw new UsageError('admin.bad_zone_name', { value, max: ZONE_NAME_MAX });
  }
  return name;
}

/** Characters of a zone's name kept in its role's name. */
const ROLE_SLUG_MAX = 30;

/**
 * The zone's login role: its name in lower-case ASCII, and the store's id (roles are shared by the server's
 * databases). A name cut short, or holding letters no ASCII letter stands for (`Брюссель`), also gets six hex
 * digits of a digest of the whole name: two zones whose names began alike for 30 characters, or two Cyrillic
 * names, got one role, so that adding the second was refused and rotating its password rotated the first's
 * (adversarial run r36, A2). Names that differ only in case, accents or punctuation still share a role: one zone.
 */
export function zoneRoleName(zone: string, storeId: string): string {
  const key = zone.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const whole = key.replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  const slug = whole.slice(0, ROLE_SLUG_MAX).replace(/_$/, '');
  const lossy = whole.length > ROLE_SLUG_MAX || /[^\p{ASCII}]/u.test(key);
  const digest = lossy ? `_${createHash('sha256').update(key).digest('hex').slice(0, 6)}` : '';
  return `zone_${slug || 'x'}${digest}_${storeId.slice(0, 8)}`;
}

export interface ZoneLogin {
  zone: string;
  role: string;
  /** How the zone's analysts connect: the store's URL with the zone's role and new password. */
  connection: string;
  rotated: boolean;
}

/**
 * Adds a zone with a new LOGIN role and a generated password, or (`rotate`) gives an existing zone's role a new
 * password. The password is sent as its SCRAM verifier, and returned only inside the connection string.
 */
export async function addZone(store: PgStore, value: string, rotate: boolean): Promise<ZoneLogin> {
  const zone = zoneName(value);
  return store.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    const role = zoneRoleName(zone, await store.meta('store_id'));
    const { rows } = await client.query<{ name: string; role: string }>('SELECT name, role FROM zones WHERE name = $1 OR role = $2', [zone, role]);
    const existing = rows[0];
    if (existing && !rotate) throw new UsageError('admin.zone_exists', { zone: existing.name, role: existing.role });
    if (!existing && rotate) {
      const zones = await client.query<{ name: string }>('SELECT name FROM zones ORDER BY name');
      throw new UsageError('admin.unknown_zone', { zone, zones: zones.rows.map((row) => row.name).join(', ') || '-' });
    }
    const password = randomBytes(24).toString('base64url');
    const secret = pg.escapeLiteral(scramVerifier(password));
    if (existing) {
      await client.query(`ALTER ROLE ${pg.escapeIdentifier(existing.role)} PASSWORD ${secret}`);
      return { zone: existing.name, role: existing.role, connection: withLogin(store.url, existing.role, password), rotated: true };
    }
    const taken = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (taken.rowCount) throw new UsageError('admin.role_taken', { zone, role });
    const group = await store.meta('zone_group');
    await client.query(`CREATE ROLE ${pg.escapeIdentifier(role)} LOGIN PASSWORD ${secret} IN ROLE ${pg.escapeIdentifier(group)}`);
    await client.query('INSERT INTO zones (name, role) VALUES ($1, $2)', [zone, role]);
    return { zone, role, connection: withLogin(store.url, role, password), rotated: false };
  });
}
