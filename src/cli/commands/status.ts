// `safety-scan status`: what the store holds, batch by batch.
import type { Command } from 'commander';
import { Option } from 'commander';
import type { CommandModule } from '../command.js';
import { chosenFormat, examples } from '../command.js';

export const statusCommand: CommandModule = {
  name: 'status',
  define(command: Command, t) {
    command
      .description(t('help.status'))
      .addOption(new Option('--format <format>', t('help.opt_format')).choices(['table', 'json']).default('table'))
      .option('--json', t('help.opt_json'))
      .addHelpText(
        'after',
        examples(t, [
          ['safety-scan status', t('help.ex_status')],
          ['safety-scan status --json | jq .rows', t('help.ex_status_json')],
        ]),
      );
  },
  async run(context, _args, options) {
    const { Store } = await import('../../store/db.js');
    const { Batches } = await import('../../store/batches.js');
    const { renderStatus, statusJson } = await import('../../render/status.js');
    const status = Store.reading(context.store, (store) => {
      const batches = new Batches(store);
      return { store: context.store, batches: batches.list(), rows: batches.counts() };
    });
    context.out(chosenFormat(options) === 'json' ? statusJson(status) : renderStatus(status, context.t));
  },
};
