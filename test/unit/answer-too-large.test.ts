// An answer past what one string can hold (adversarial run r18, F1: `indicators --json` on 100,000 districts)
// is too large, exit 3 with a message in the reader's language, never "internal error" (exit 70).
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor, OutputError } from '../../src/errors.js';
import { typedFailure } from '../../src/cli/main.js';
import { translator } from '../../src/i18n/index.js';

describe('an answer too large to build', () => {
  it.each(['Invalid string length', 'Array buffer allocation failed'])('(%s) is exit 3, saying how to narrow it', (words) => {
    const failure = typedFailure(new RangeError(words), 'safety-scan.db');
    expect(failure).toBeInstanceOf(OutputError);
    expect(exitCodeFor(failure)).toBe(EXIT.input);
    expect(translator('nl').message((failure as OutputError).detail)).toContain('`--district` of `--indicator`');
  });

  it('leaves any other RangeError a bug', () => {
    const other = new RangeError('Maximum call stack size exceeded');
    expect(typedFailure(other, 'safety-scan.db')).toBe(other);
    expect(exitCodeFor(other)).toBe(EXIT.internal);
  });
});
