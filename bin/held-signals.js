// Imported first by bin/safety-scan.js: a stop signal (Ctrl-C, a scheduler's SIGTERM, a closed terminal's
// SIGHUP) that comes while the bundle loads, before main has set its own handlers, is held here rather than
// ending the process half-started; main takes the signals over (src/cli/interrupt.ts, superviseSignals) and ends
// the run with 128 + the first one's number before doing anything.
const STOPPING = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let first = null;
const hold = (signal) => {
  first ??= signal;
};
for (const signal of STOPPING) process.on(signal, hold);

export const heldSignals = {
  first: () => first,
  release() {
    for (const signal of STOPPING) process.removeListener(signal, hold);
  },
};
