// `forget`'s argument as its usage error quotes it: a batch number written otherwise is shown as written, personal
// data withheld as a --district value is (adversarial run r31, item 4).
import { describe, expect, it } from 'vitest';
import { batchNumber } from '../../src/cli/commands/forget.js';
import { UsageError } from '../../src/errors.js';
import { LANGS, translator } from '../../src/i18n/index.js';

/** The usage error's text for an argument, in every language. */
function said(value: string): string[] {
  try {
    batchNumber(value);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return LANGS.map((lang) => translator(lang).message((error as UsageError).detail));
  }
  throw new Error(`${value} was taken as a batch number`);
}

describe('forget <batch>', () => {
  it.each(['jan.peeters@example.be', '0470123456x', 'Dhr. J. Peeters', 'Kerkstraat 12'])('an argument that is personal data is quoted as ***: %j', (value) => {
    for (const text of said(value)) {
      expect(text).toContain('`***`');
      expect(text).not.toMatch(/peeters|0470|Kerkstraat/i);
    }
  });

  it.each(['0x3', '1e0', '2.0', '-1', 'Oudegem', 'drie'])('any other argument is quoted as written: %j', (value) => {
    for (const text of said(value)) expect(text).toContain(`\`${value}\``);
  });

  it('a batch number is read', () => {
    expect(batchNumber('12')).toBe(12);
  });
});
