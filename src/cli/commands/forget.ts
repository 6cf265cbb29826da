// `safety-scan forget <batch>`: removes one imported batch and its rows.
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CommandModule } from '../command.js';
import { examples } from '../command.js';

export const forgetCommand: CommandModule = {
  name: 'forget',
  define(command: Command, t) {
    command
      .description(t('help.forget'))
      .argument('<batch>', t('help.forget_batch'))
      .addHelpText('after', examples(t, [['safety-scan forget 3', t('help.ex_forget')]]));
  },
  async run(context, [batch]) {
    const id = Number(batch);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('usage.bad_batch', { value: batch });
    const { Store } = await import('../../store/db.js');
    const { Batches } = await import('../../store/batches.js');
    const { busyTimeout } = await import('../import-run.js');
    const store = Store.open(context.store, { mode: 'read', busyTimeoutMs: busyTimeout(context.env) });
    try {
      const batches = new Batches(store);
      const record = batches.list().find((entry) => entry.id === id);
      if (!record) throw new UsageError('usage.unknown_batch', { value: batch, batches: batches.list().map((b) => b.id).join(', ') || '-' });
      await store.transaction(async () => {
        batches.forget(id);
      });
      context.log.info(context.t('forget.done', { batch: id, file: record.file, kind: record.kind, rows: record.rowsNow }));
    } finally {
      store.close();
    }
  },
};
