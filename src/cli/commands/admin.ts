// `safety-scan admin add-zone <name> --store postgres://...`: run by a shared PostgreSQL store's owner, adds a
// zone with its own login role (or gives it a new password) and prints the connection string for its analysts.
// `safety-scan admin migrate --from FILE.db --to postgres://... --zone NAME`: copies a zone's SQLite store into
// that zone of the shared store (src/store/pg/migrate-from-sqlite.ts).
import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../errors.js';
import { isPostgresUrl, shownStore, urlScheme } from '../../store/engine.js';
import { redactUrl } from '../../store/pg/url.js';
import type { Translate } from '../../i18n/index.js';
import { fitText } from '../../render/table.js';
import { chosenFormat, examples, formatOption, HELP_WIDTH, nonEmpty, type CommandModule, type OptionsOf } from '../command.js';
import { formatCount } from '../../render/numbers.js';
import type { Context } from '../context.js';

const ADMIN_FORMATS = ['text', 'json'] as const;
const ACTIONS = ['add-zone', 'migrate'];
const EXAMPLE_STORE = 'postgres://owner@db.example.be/safety';

function define(t: Translate) {
  return new Command('admin')
    .description(t('help.admin'))
    .argument('<action>', t('help.admin_action'), nonEmpty)
    .argument('[name]', t('help.admin_zone'), nonEmpty)
    .option('--rotate-password', t('help.opt_rotate_password'))
    .option('--from <file>', t('help.opt_migrate_from'))
    .option('--to <url>', t('help.opt_migrate_to'))
    .addOption(formatOption(t, ADMIN_FORMATS))
    .option('--json', t('help.opt_json'))
    .addHelpText(
      'after',
      examples(t, [
        [`safety-scan admin add-zone Gent --store ${EXAMPLE_STORE}`, t('help.ex_admin_add_zone')],
        [`SAFETY_SCAN_STORE=${EXAMPLE_STORE} safety-scan admin add-zone Gent --rotate-password`, t('help.ex_admin_rotate')],
        [`safety-scan admin add-zone Gent --store ${EXAMPLE_STORE} --json`, t('help.ex_admin_json')],
        [`safety-scan admin migrate --from safety-scan.db --to ${EXAMPLE_STORE} --zone Gent`, t('help.ex_admin_migrate')],
      ]) + `\n${fitText(t('help.admin_after'), HELP_WIDTH)}\n`,
    );
}

export type AdminOptions = OptionsOf<typeof define>;

/** Options that belong to one action: given with another, they are refused rather than ignored. */
const OPTION_ACTIONS: Array<[keyof AdminOptions, string, string]> = [
  ['rotatePassword', '--rotate-password', 'add-zone'],
  ['from', '--from', 'migrate'],
  ['to', '--to', 'migrate'],
];

export async function runAdmin(context: Context, [action, name]: [string, string | undefined], options: AdminOptions): Promise<number> {
  if (!ACTIONS.includes(action)) throw new UsageError('admin.unknown_action', { value: action, actions: ACTIONS.join(', ') });
  for (const [key, option, owner] of OPTION_ACTIONS) {
    if (options[key] !== undefined && owner !== action) throw new UsageError('admin.option_not_for', { option, action: owner });
  }
  if (action === 'migrate') return runMigrate(context, name, options);
  if (name === undefined) throw new UsageError('admin.zone_name_missing');
  const location = context.location;
  if (location.engine !== 'postgres') throw new UsageError('admin.needs_postgres', { store: location.path });
  const { openPgStore } = await import('../../store/pg/connect.js');
  const { addZone } = await import('../../store/pg/zones.js');
  const store = await openPgStore(location.url);
  try {
    const login = await addZone(store, name, options.rotatePassword === true);
    context.log.info(context.t(login.rotated ? 'admin.password_rotated' : 'admin.zone_added', { zone: login.zone, role: login.role }));
    const json = { schema_version: 1, zone: login.zone, role: login.role, connection_string: login.connection, password_rotated: login.rotated };
    context.out(chosenFormat(options) === 'json' ? `${JSON.stringify(json, null, 2)}\n` : `${login.connection}\n`);
  } finally {
    await store.close();
  }
  return 0;
}

/**
 * `admin migrate`: the SQLite file of --from into the shared store of --to (else the run's store: --store,
 * SAFETY_SCAN_STORE or `store:`), as the zone of --zone or `zone:` (or of the login's own connection string).
 */
async function runMigrate(context: Context, name: string | undefined, options: AdminOptions): Promise<number> {
  // an unquoted connection string's words arrive as a name: shown without a password (adversarial run r32)
  if (name !== undefined) throw new UsageError('admin.migrate_no_name', { value: redactUrl(name) });
  if (options.from === undefined) throw new UsageError('admin.migrate_no_from');
  const location = context.location;
  const to = options.to ?? (location.engine === 'postgres' ? location.url : location.path);
  if (!isPostgresUrl(to)) throw new UsageError('admin.migrate_to_postgres', { store: shownStore(to, context.cwd) });
  // a URL given as the file to read from is no file: its login is never shown as a path (adversarial run r31, B2)
  const scheme = urlScheme(options.from);
  if (scheme !== null) throw new UsageError('admin.migrate_from_url', { scheme });
  const { migrateFromSqlite } = await import('../../store/pg/migrate-from-sqlite.js');
  const from = context.path(options.from);
  const summary = await migrateFromSqlite(from, to.trim(), context.zone, { env: context.env });
  const { rows } = summary;
  context.log.info(
    context.t('admin.migrated', {
      file: from,
      zone: summary.zone,
      store: summary.store,
      batches: formatCount(summary.batches, context.t),
      survey: formatCount(rows.survey, context.t),
      population: formatCount(rows.population, context.t),
      keyfigures: formatCount(rows.keyfigures, context.t),
      monitor: formatCount(rows.monitor, context.t),
      signals: formatCount(rows.signals, context.t),
    }),
  );
  if (summary.keyFile !== null) context.log.info(context.t('admin.migrated_key_file', { file: summary.keyFile, zone: summary.zone }));
  if (chosenFormat(options) === 'json') {
    const json = { schema_version: 1, from, store: summary.store, zone: summary.zone, batches: summary.batches, rows, key_file: summary.keyFile };
    context.out(`${JSON.stringify(json, null, 2)}\n`);
  }
  return 0;
}

export const adminCommand: CommandModule = {
  name: 'admin',
  settings: 'file',
  build(t) {
    const command = define(t);
    return { command, run: (context) => runAdmin(context, command.processedArgs, command.opts()) };
  },
};
