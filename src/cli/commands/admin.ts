// `safety-scan admin add-zone <name> --store postgres://...`: run by a shared PostgreSQL store's owner, adds a
// zone with its own login role (or gives it a new password) and prints the connection string for its analysts.
import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../errors.js';
import type { Translate } from '../../i18n/index.js';
import { fitText } from '../../render/table.js';
import { chosenFormat, examples, formatOption, HELP_WIDTH, type CommandModule, type OptionsOf } from '../command.js';
import type { Context } from '../context.js';

const ADMIN_FORMATS = ['text', 'json'] as const;
const ACTIONS = ['add-zone'];
const EXAMPLE_STORE = 'postgres://owner@db.example.be/safety';

function define(t: Translate) {
  return new Command('admin')
    .description(t('help.admin'))
    .argument('<action>', t('help.admin_action'))
    .argument('<name>', t('help.admin_zone'))
    .option('--rotate-password', t('help.opt_rotate_password'))
    .addOption(formatOption(t, ADMIN_FORMATS))
    .option('--json', t('help.opt_json'))
    .addHelpText(
      'after',
      examples(t, [
        [`safety-scan admin add-zone Gent --store ${EXAMPLE_STORE}`, t('help.ex_admin_add_zone')],
        [`SAFETY_SCAN_STORE=${EXAMPLE_STORE} safety-scan admin add-zone Gent --rotate-password`, t('help.ex_admin_rotate')],
        [`safety-scan admin add-zone Gent --store ${EXAMPLE_STORE} --json`, t('help.ex_admin_json')],
      ]) + `\n${fitText(t('help.admin_after'), HELP_WIDTH)}\n`,
    );
}

export type AdminOptions = OptionsOf<typeof define>;

/**
 * The store as given (flag, then environment, then configuration): a URL must reach the driver as typed, while
 * the context holds every store as a file path resolved against the working folder.
 */
function givenStore(context: Context, flag: string | undefined): string {
  const fromEnv = context.env.SAFETY_SCAN_STORE?.trim();
  return flag ?? (fromEnv || context.store);
}

export async function runAdmin(context: Context, [action, name]: [string, string], options: AdminOptions, storeFlag: string | undefined): Promise<number> {
  if (!ACTIONS.includes(action)) throw new UsageError('admin.unknown_action', { value: action, actions: ACTIONS.join(', ') });
  const { storeLocation } = await import('../../store/engine.js');
  const { redactUrl } = await import('../../store/pg/url.js');
  const location = storeLocation(givenStore(context, storeFlag), context.cwd);
  if (location.engine !== 'postgres') throw new UsageError('admin.needs_postgres', { store: redactUrl(location.path) });
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

export const adminCommand: CommandModule = {
  name: 'admin',
  settings: 'file',
  build(t) {
    const command = define(t);
    // --store is the program's option: the run needs its value as typed, which only the program's options keep
    const storeFlag = () => {
      const store: unknown = command.parent?.opts().store;
      return typeof store === 'string' ? store : undefined;
    };
    return { command, run: (context) => runAdmin(context, command.processedArgs, command.opts(), storeFlag()) };
  },
};
