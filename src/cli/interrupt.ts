// A run asked to stop (Ctrl-C, a scheduler's SIGTERM, a closed terminal's SIGHUP) stops in order: the import's
// rows stop at the next batch, its transaction is rolled back, a store the command made and left empty is
// removed with its folders and key file, and the run ends with 128 + the signal's number. A second signal ends
// the process at once, as it would without this.
import { Interrupted } from '../errors.js';
import type { Pause } from '../pace.js';

const STOPPING: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Signals held from the process's first line until main takes them over (bin/held-signals.js). */
export interface HeldSignals {
  first(): NodeJS.Signals | null;
  release(): void;
}

/** Interruptible work listening now: while there is some, it stops the run in order; else main's handlers end it. */
let listening = 0;
/** The run's work is done (workDone): a signal after that no longer changes its outcome. */
let done = false;

/**
 * Says that the run's work is done: the store committed, the output in place or printed. A stop signal after
 * this leaves the run to end with its own code, which moments later it does (adversarial run r18, F4: an import
 * whose every file was stored ended with 130 and no word when Ctrl-C came as it printed its summary).
 */
export function workDone(): void {
  done = true;
}

/**
 * Main's handlers for the whole run, in place of the signals held while the bundle loaded: `held` is the exit
 * code of a signal that came before (the run then does nothing), else null. A signal while no interruptible work
 * listens ends the process with 128 + its number (`exit`), as Node's default would, but with that code; once the
 * work is done (workDone), it is left to end with its own.
 */
export function superviseSignals(signals: HeldSignals, exit: (code: number) => void = (code) => process.exit(code)): Supervision {
  /** signals taken since the run ended (settle); null while it runs */
  let afterEnd: number | null = null;
  const handle = (signal: NodeJS.Signals) => {
    if (afterEnd !== null) {
      // the run has ended with its code, which the first signal leaves to stand; a second ends the process at once
      if (++afterEnd > 1) exit(new Interrupted(signal).exitCode);
      return;
    }
    if (listening === 0 && !done) exit(new Interrupted(signal).exitCode);
  };
  const handlers = STOPPING.map((signal) => [signal, () => handle(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  signals.release();
  const first = signals.first();
  return {
    held: first === null ? null : new Interrupted(first).exitCode,
    settle() {
      afterEnd = 0;
    },
    remove() {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    },
  };
}

export interface Supervision {
  /** the exit code of a signal held before main took over (the run then does nothing), else null */
  held: number | null;
  /**
   * The run has ended and its exit code is set: the handlers stay until the process exits, moments later, so a
   * stop signal then no longer kills it with Node's default (128 + its number after, say, "batch 3 removed": r19b),
   * but leaves its code; a second signal ends it at once.
   */
  settle(): void;
  remove(): void;
}

/** Runs `work` with those signals turned into an abort of the signal it is given; the handlers go when it ends. */
export async function interruptible<T>(work: (interrupted: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    remove();
    controller.abort(new Interrupted(signal));
  };
  const handlers = STOPPING.map((signal) => [signal, () => stop(signal)] as const);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    // after every handler of this signal has run: main's, whatever their order, still see this work listening
    queueMicrotask(() => listening--);
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
  listening++;
  for (const [signal, handler] of handlers) process.on(signal, handler);
  try {
    return await work(controller.signal);
  } finally {
    remove();
  }
}

/** Two turns of the event loop: a whole poll phase runs, so a signal the process took meanwhile reaches its handlers. */
export async function loopTurns(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resume) => setImmediate(resume));
}

/**
 * A Pause (src/pace.ts) for work done under `interrupted`: one turn of the event loop, then the stop signal taken
 * meanwhile, if any, ends the work (Interrupted, 128 + its number) with the words for what it stopped. So a long
 * report build answers Ctrl-C within moments, not only when it is built.
 */
export function pauseUnless(interrupted: AbortSignal, during: 'output' | 'answer' = 'output'): Pause {
  return async () => {
    await new Promise((resume) => setImmediate(resume));
    const reason: unknown = interrupted.reason;
    if (reason instanceof Interrupted) throw new Interrupted(reason.signal, during);
  };
}

/**
 * Before an output is put in place: a stop signal the process took while the run did synchronous work (building
 * a report, a CSV) waits in the event loop, unseen, until it turns. The loop turns here with interruptible's
 * handlers listening, so such a signal ends the run (Interrupted, 128 + its number) before anything new is put
 * in place: after Ctrl-C no new report or table appears, and an earlier one stays as it was. `before` an answer
 * printed on stdout the same holds: nothing is printed.
 */
export async function unlessStopped(before: 'output' | 'answer' = 'output'): Promise<void> {
  await interruptible(async (interrupted) => {
    await loopTurns();
    await pauseUnless(interrupted, before)();
  });
}
