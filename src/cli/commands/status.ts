// `safety-scan status`: what the store holds, batch by batch.
import { Command } from '@commander-js/extra-typings';
import type { Translate } from '../../i18n/index.js';
import { STATUS_FORMATS } from '../../render/formats.js';
import { chosenFormat, defineCommand, examples, formatOption, type OptionsOf } from '../command.js';
import { renderView, withEvidence, type Context } from '../context.js';

function define(t: Translate) {
  return new Command('status')
    .description(t('help.status'))
    .addOption(formatOption(t, STATUS_FORMATS))
    .option('--json', t('help.opt_json'))
    .addHelpText(
      'after',
      examples(t, [
        ['safety-scan status', t('help.ex_status')],
        ['safety-scan status --json | jq .rows', t('help.ex_status_json')],
      ]),
    );
}

export type StatusOptions = OptionsOf<typeof define>;

export async function runStatus(context: Context, options: StatusOptions): Promise<number> {
  const { STATUS_RENDERERS } = await import('../../render/status.js');
  const status = await withEvidence(context, async (evidence, named) => ({ store: named.store, zone: named.zone, batches: await evidence.batches(), rows: await evidence.rowCounts(), key: await named.key() }));
  context.out(STATUS_RENDERERS[chosenFormat(options)](status, renderView(context)));
  return 0;
}

export const statusCommand = defineCommand({ name: 'status', define, run: (context, _args, options) => runStatus(context, options) });
