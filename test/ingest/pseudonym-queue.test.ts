// The pseudonym queue: rows come out in file order with the keys of their own ids, whether a batch was
// hashed here or on the worker thread, refused rows in their place and without a key.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { RowIssue } from '../../src/ingest/issues.js';
import { keyedIdText, Pseudonymiser, pseudonymText, unreadableId } from '../../src/ingest/privacy.js';
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

// An id a rejects file wrote keyed (adversarial run r29, D1) is taken as its pseudonym, here and on the worker
// alike. Sealed, so that the rejects file beside the store no longer spells a stored pseudonym beside its export line
// (adversarial run r36, D1); rejects files of earlier versions, with the pseudonym itself, are still read.
describe('an id written keyed', () => {
  it('is sealed, read back as its pseudonym here and on the worker, and differs each time it is written', async () => {
    const [hi, lo] = pseudonyms.keysNow(['R31']);
    const keyed = keyedIdText('R31', pseudonyms);
    expect(keyed).toMatch(/^~[0-9a-f]{32}$/);
    expect(keyed).not.toContain(pseudonymText(hi, lo));
    expect([...pseudonyms.keysNow([keyed])]).toEqual([hi, lo]);
    expect([...(await pseudonyms.keysLater([keyed, 'R31']))]).toEqual([hi, lo, hi, lo]);
    const again = keyedIdText('R31', pseudonyms);
    expect(again).not.toBe(keyed);
    expect([...pseudonyms.keysNow([again])]).toEqual([hi, lo]);
    // a keyed id rejected again is sealed afresh, still the same pseudonym
    const resealed = keyedIdText(keyed, pseudonyms);
    expect(resealed).not.toBe(keyed);
    expect([...pseudonyms.keysNow([resealed])]).toEqual([hi, lo]);
    expect(keyedIdText('  ', pseudonyms)).toBe('');
  });

  it('changed by hand, or of another store, is an id of its own (hashed as any id), never someone else’s pseudonym', async () => {
    const keyed = keyedIdText('R31', pseudonyms);
    const changed = `${keyed.slice(0, 10)}${keyed[10] === '0' ? '1' : '0'}${keyed.slice(11)}`;
    const other = new Pseudonymiser(Buffer.alloc(32, 9));
    try {
      for (const code of [changed, keyed.toUpperCase()]) {
        const digest = createHmac('sha256', secret).update(code).digest();
        expect([...pseudonyms.keysNow([code])]).toEqual([digest.readUInt32BE(0), digest.readUInt32BE(4)]);
      }
      expect([...other.keysNow([keyed])]).not.toEqual([...other.keysNow(['R31'])]);
      expect([...(await other.keysLater([keyed]))]).toEqual([...other.keysNow([keyed])]);
    } finally {
      await other.close();
    }
  });

  // adversarial run r38, F7: taken as an id of its own, such a code counted one respondent twice
  it('that this store cannot open, or `***`, names no respondent: unreadableId says why, and a rejects file writes it `***`', async () => {
    const keyed = keyedIdText('R31', pseudonyms);
    const changed = `${keyed.slice(0, 10)}${keyed[10] === '0' ? '1' : '0'}${keyed.slice(11)}`;
    const other = new Pseudonymiser(Buffer.alloc(32, 9));
    try {
      expect(unreadableId(keyed, pseudonyms)).toBeNull();
      expect(unreadableId('R31', pseudonyms)).toBeNull();
      expect(unreadableId(changed, pseudonyms)).toBe('foreign_id');
      expect(unreadableId(keyed, other)).toBe('foreign_id');
      expect(unreadableId(keyed, null)).toBe('foreign_id');
      expect(unreadableId('***', pseudonyms)).toBe('withheld_id');
      expect(unreadableId('***', null)).toBe('withheld_id');
      // the upper-case code is no code a rejects file writes: an id like any other
      expect(unreadableId(keyed.toUpperCase(), pseudonyms)).toBeNull();
      expect(keyedIdText(changed, pseudonyms)).toBe('***');
      expect(keyedIdText(keyed, other)).toBe('***');
      expect(keyedIdText('***', pseudonyms)).toBe('***');
    } finally {
      await other.close();
    }
  });

  it('as rejects files of earlier versions wrote it (the pseudonym itself) is still read as that pseudonym', async () => {
    const [hi, lo] = pseudonyms.keysNow(['R31']);
    const bare = `~${pseudonymText(hi, lo)}`;
    expect([...pseudonyms.keysNow([bare])]).toEqual([hi, lo]);
    expect([...(await pseudonyms.keysLater([bare]))]).toEqual([hi, lo]);
    expect(keyedIdText(bare, pseudonyms)).toMatch(/^~[0-9a-f]{32}$/);
  });
});
