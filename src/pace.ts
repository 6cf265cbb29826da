// Long synchronous work (a report on thousands of districts) done in steps, with a pause now and then in which
// the event loop turns: a stop signal the process took meanwhile reaches its handler, and the pause ends the
// work there.

/** Lets the event loop turn; throws when the work is to stop. */
export type Pause = () => Promise<void>;

/** For work no one stops half-way (tests, callers without signals). */
export const NO_PAUSE: Pause = async () => {};

/** How many steps go between two pauses: a district section takes well under a millisecond to build. */
const STEPS_BETWEEN_PAUSES = 50;

/** `items` one at a time, with a pause before every STEPS_BETWEEN_PAUSES-th. */
export async function* paced<T>(items: Iterable<T>, pause: Pause): AsyncGenerator<T> {
  let step = 0;
  for (const item of items) {
    step++;
    if (step % STEPS_BETWEEN_PAUSES === 0) await pause();
    yield item;
  }
}
