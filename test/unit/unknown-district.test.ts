// How messages show a district name the population figures do not know (adversary r7, A4): a district column
// may hold addresses or names, so only a short code or a misspelt known district is shown.
import { describe, expect, it } from 'vitest';
import { givenDistrict, unknownDistrict } from '../../src/districts.js';

describe('an unknown district in a message', () => {
  it.each([
    ['x9', []],
    ['5', []],
    ['oudgem', []],
    ['Oudgem', ['Oudegem']],
    ['St-Amandsberg', ['Sint-Amandsberg']],
    ['WIJK 0001 NORD', ['Wijk 0001 Noord']],
  ] as const)('%s is shown', (name, suggestions) => expect(unknownDistrict(name, suggestions)).toBe(name));

  it.each([
    ['Kerkstraat 12', ['Kerkskenvelde']],
    ['Jan Peeters', []],
    ['Atlantis', []],
    ['jan.peeters', []],
    ['jan@example.be', ['Oudegem']],
    ['Oudegem Kerkstraat 12', ['Oudegem']],
    // one edit from a district a store kept from before round 8: personal data is never shown as a misspelling (r7, F5)
    ['0470123456', ['0470123457']],
    ['192.168.77.77', ['192.168.77.78']],
  ] as const)('%s is withheld', (name, suggestions) => expect(unknownDistrict(name, suggestions)).toBe('***'));

  it('a name the user wrote (command line, goals file, feedback file) is shown as written, on one line and shortened', () => {
    expect(givenDistrict('Oudgem')).toBe('Oudgem');
    expect(givenDistrict('a\nb')).toBe('a\\u000ab');
    expect(givenDistrict('x'.repeat(100))).toBe(`${'x'.repeat(60)}…`);
  });
});
