// The pseudonym queue: rows come out in file order with the keys of their own ids, whether a batch was
// hashed here or on the worker thread, refused rows in their place and without a key.
import { afterEach, describe, expect, it } from 'vitest';
import type { RowIssue } from '../../src/ingest/issues.js';
import { keyedIdText, Pseudonymiser, pseudonymText } from '../../src/ingest/privacy.js';
import { BATCH_ROWS, PseudonymQueue } from '../../src/ingest/pseudonym-queue.js';

interface Person {
  id: string;
}

const secret = Buffer.alloc(32, 7);
let pseudonyms = new Pseudonymiser(secret);
afterEach(async () => {
  await pseudonyms.close();
  pseudonyms = new Pseudonymiser(secret);
});

const issue = (line: number): RowIssue[] => [{ line, column: 'age', columnNumber: 5, code: 'not_a_number', value: 'x', spec: null }];

/** Queues `count` rows (every 7th refused), flushing as the importer does, and returns what came out. */
async function run(count: number, identified: boolean) {
  const out: string[] = [];
  const queue = new PseudonymQueue<Person>(pseudonyms, identified ? (row) => row.id : null, {
    refused: (fields, issues) => out.push(`refused ${fields[0]} line ${issues[0].line}`),
    valid: (row, line, _fields, pseudonym) => out.push(`${row.id} line ${line} ${pseudonym ? `${pseudonym.hi}:${pseudonym.lo}` : 'none'}`),
  });
  for (let i = 0; i < count; i++) {
    const id = `R${i}`;
    if (queue.add(i + 2, [id], i % 7 === 3 ? issue(i + 2) : { id })) await queue.flush();
  }
  await queue.end();
  return out;
}

function expected(count: number, identified: boolean): string[] {
  const ids = Array.from({ length: count }, (_, i) => `R${i}`).filter((_, i) => i % 7 !== 3);
  const keys = new Pseudonymiser(secret).keysNow(ids);
  let k = 0;
  return Array.from({ length: count }, (_, i) => {
    if (i % 7 === 3) return `refused R${i} line ${i + 2}`;
    const key = identified ? `${keys[2 * k]}:${keys[2 * k + 1]}` : 'none';
    k++;
    return `R${i} line ${i + 2} ${key}`;
  });
}

describe('the pseudonym queue', () => {
  it('hands on a short file’s rows in order with their keys, hashed here', async () => {
    expect(await run(10, true)).toEqual(expected(10, true));
  });

  it('hands on full batches hashed on the worker in order, across batch boundaries', async () => {
    const count = 3 * BATCH_ROWS + 17;
    expect(await run(count, true)).toEqual(expected(count, true));
  });

  it('hands on rows of kinds without identity unhashed', async () => {
    expect(await run(BATCH_ROWS + 5, false)).toEqual(expected(BATCH_ROWS + 5, false));
  });
});

// An id a rejects file wrote keyed (`~` and 16 hex digits: adversarial run r29, D1) is taken as its pseudonym,
// here and on the worker alike; the same id unkeyed gives that very pseudonym.
describe('an id written keyed', () => {
  it('is read back as the pseudonym it spells, here and on the worker', async () => {
    const [hi, lo] = pseudonyms.keysNow(['R31']);
    const keyed = keyedIdText('R31', pseudonyms);
    expect(keyed).toBe(`~${pseudonymText(hi, lo)}`);
    expect([...pseudonyms.keysNow([keyed])]).toEqual([hi, lo]);
    expect([...(await pseudonyms.keysLater([keyed, 'R31']))]).toEqual([hi, lo, hi, lo]);
    // keyed once only; an id in another form is an id like any other
    expect(keyedIdText(keyed, pseudonyms)).toBe(keyed);
    expect(keyedIdText('  ', pseudonyms)).toBe('');
    expect([...pseudonyms.keysNow([keyed.toUpperCase()])]).not.toEqual([hi, lo]);
  });
});
