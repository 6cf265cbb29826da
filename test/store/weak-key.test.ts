// A key typed by hand is told from a random one (adversarial run r7, F13; docs/methods.md section 20): each
// test of madeByHand fails for random keys with a chance below 1e-11, so no drawn key is ever refused.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { madeByHand } from '../../src/store/key.js';

const hex = (text: string) => Buffer.from(text, 'hex');

describe('madeByHand', () => {
  it.each([
    ['zeros', '00'.repeat(32)],
    ['one byte repeated', 'ab'.repeat(32)],
    ['nine distinct digits, no pattern', [...createHash('sha256').update('nine').digest('hex')].map((c) => String(Number.parseInt(c, 16) % 9)).join('')],
    ['sixteen digits, four times', '0123456789abcdef'.repeat(4)],
    ['a 32-digit pattern twice', 'f00dfacecafebeef0123456789abcdef'.repeat(2)],
    ['ascending bytes', Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join('')],
    ['descending bytes, wrapping', Array.from({ length: 32 }, (_, i) => ((260 - 7 * i) % 256).toString(16).padStart(2, '0')).join('')],
    ['a phrase', Buffer.from('our zone key 2026, keep it safe!').toString('hex')],
    ['the SHA-256 of nothing (sha256sum < /dev/null)', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['the SHA-256 of a newline (echo | sha256sum)', createHash('sha256').update('\n').digest('hex')],
    ['the SHA3-256 of nothing', createHash('sha3-256').update('').digest('hex')],
  ])('refuses %s', (_, key) => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(madeByHand(hex(key))).toBe(true);
  });

  it('takes keys drawn at random, and keys derived by a hash', () => {
    for (let i = 0; i < 20_000; i++) expect(madeByHand(randomBytes(32))).toBe(false);
    for (let i = 0; i < 1_000; i++) expect(madeByHand(createHash('sha256').update(`seed ${i}`).digest())).toBe(false);
  });
});
