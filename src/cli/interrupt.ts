// A run asked to stop (Ctrl-C, a scheduler's SIGTERM, a closed terminal's SIGHUP) stops in order: the import's
// rows stop at the next batch, its transaction is rolled back, a store the command made and left empty is
// removed with its folders and key file, and the run ends with 128 + the signal's number. A second signal ends
// the process at once, as it would without this.
import { Interrupted } from '../errors.js';

const STOPPING: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs `work` with those signals turned into an abort of the signal it is given; the handlers go when it ends. */
export async function interruptible<T>(work: (interrupted: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    remove();
    controller.abort(new Interrupted(signal));
  };
  const handlers = STOPPING.map((signal) => [signal, () => stop(signal)] as const);
  const remove = () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
  for (const [signal, handler] of handlers) process.on(signal, handler);
  try {
    return await work(controller.signal);
  } finally {
    remove();
  }
}
