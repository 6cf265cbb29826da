// unlessStopped, the check before an output is put in place (src/cli/interrupt.ts): it lets the event loop
// turn with stop handlers listening, and a signal taken meanwhile ends the run; without one it changes nothing.
import { describe, expect, it } from 'vitest';
import { Interrupted } from '../../src/errors.js';
import { unlessStopped } from '../../src/cli/interrupt.js';

const listeners = () => ['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => process.listenerCount(signal));

describe('unlessStopped', () => {
  it('resolves when no stop signal came, and leaves no handler behind', async () => {
    const before = listeners();
    await expect(unlessStopped()).resolves.toBeUndefined();
    expect(listeners()).toEqual(before);
  });

  it('a signal that reaches its handlers during the loop turns: Interrupted, 128 + its number, saying nothing was put in place', async () => {
    const before = listeners();
    const check = unlessStopped();
    process.emit('SIGTERM', 'SIGTERM');
    const error: unknown = await check.catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(Interrupted);
    expect(error).toMatchObject({ exitCode: 143, signal: 'SIGTERM', detail: { key: 'run.interrupted_output' } });
    expect(listeners()).toEqual(before);
  });
});
