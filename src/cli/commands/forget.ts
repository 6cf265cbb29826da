// `safety-scan forget <batch>`: removes one imported batch and its rows.
import { Command } from '@commander-js/extra-typings';
import { givenDistrict } from '../../districts.js';
import { UsageError } from '../../errors.js';
import type { Message, Translate } from '../../i18n/index.js';
import { defineCommand, examples, nonEmpty } from '../command.js';
import { type Context, openZoneWriter } from '../context.js';
import { workDone } from '../interrupt.js';

function define(t: Translate) {
  return new Command('forget')
    .description(t('help.forget'))
    .argument('<batch>', t('help.forget_batch'), nonEmpty)
    .addHelpText('after', examples(t, [['safety-scan forget 3', t('help.ex_forget')]]));
}

/**
 * A batch number exactly as `status` prints it: digits only (no `0x3`, `1e0` or ` 2`). Anything else is quoted as a
 * district given on the command line is (`givenDistrict`): `forget jan.peeters@example.be` echoed the address
 * that `--district` withholds (adversarial run r31, item 4).
 */
export function batchNumber(value: string): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new UsageError('usage.bad_batch', { value: givenDistrict(value) });
  return Number(value);
}

export async function runForget(context: Context, batch: string): Promise<number> {
  const id = batchNumber(batch);
  const store = (await openZoneWriter(context)) ?? (await sqliteWriter(context));
  try {
    const unknown = async () => new UsageError('usage.unknown_batch', { value: batch, batches: (await store.batches()).map((b) => b.id).join(', ') || '-' });
    const record = (await store.batches()).find((entry) => entry.id === id);
    if (!record) throw await unknown();
    // another run (an import with --replace) may have removed it since: only the delete itself says
    if (!(await store.forget(id))) throw await unknown();
    workDone();
    context.log.info(context.t('forget.done', { batch: id, file: record.file, kind: record.kind, rows: record.rowsNow }));
    if (await store.removedStillLogged()) context.log.warn(context.t('store.removed_still_logged'));
  } finally {
    await store.close();
  }
  return 0;
}

/**
 * The SQLite store, opened to write as an import opens it (a read-only store is refused naming what is
 * read-only), but one that must exist: forget never makes one.
 */
async function sqliteWriter(context: Context) {
  const { Store } = await import('../../store/db.js');
  const { SqliteWriter } = await import('../../store/write-sqlite.js');
  const notice = (said: Message) => context.log.warn(context.t.message(said));
  return new SqliteWriter(Store.open(context.store, { mode: 'write', existing: true, busyTimeoutMs: context.busyTimeoutMs, keys: { env: context.env }, notice }));
}

export const forgetCommand = defineCommand({ name: 'forget', define, run: (context, [batch]) => runForget(context, batch) });
