// Reading a small file whole: the size the file system states is where reading starts, never where it ends.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBounded } from '../../src/bounded-file.js';

// files of /proc state a size of 0 and hold text (adversary r11, finding 17)
describe.runIf(process.platform === 'linux')('readBounded on a file that states no size', () => {
  it('reads /proc/self/status whole, not as an empty file', () => {
    const found = readBounded('/proc/self/status', 1_000_000);
    expect(found.read).toBe('ok');
    const text = found.read === 'ok' ? found.bytes.toString('utf8') : '';
    expect(text).toMatch(/^Name:/);
    expect(text).toMatch(/\nPid:\s+\d+/);
  });

  it('still refuses such a file beyond the limit', () => {
    expect(readBounded('/proc/self/status', 10)).toEqual({ read: 'too_large', size: 11 });
  });
});

describe('readBounded on a regular file', () => {
  it('reads it whole, or refuses it one byte past the limit', () => {
    const file = new URL('../../package.json', import.meta.url).pathname;
    const whole = readFileSync(file);
    const found = readBounded(file, whole.length);
    expect(found.read === 'ok' && found.bytes.equals(whole)).toBe(true);
    expect(readBounded(file, whole.length - 1)).toEqual({ read: 'too_large', size: whole.length });
  });
});
