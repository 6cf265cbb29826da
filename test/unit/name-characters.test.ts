// The characters a district's or area's name may not hold (adversarial run r17, items 2 and 3).
import { describe, expect, it } from 'vitest';
import { asLatinLookalikes, holdsControlCharacter, mixesScripts } from '../../src/ingest/name-characters.js';

describe('a name whose word mixes alphabets', () => {
  it.each(['Wh\u043ele area', 'Whole ar\u0435a', 'G\u0435nt', 'Sint-\u0410mandsberg', '\u039fudegem', 'Ki\u0457v', '\u041a\u0438\u0457v'])('%s mixes', (name) => expect(mixesScripts(name)).toBe(true));
  it.each(['Київ', 'Αθήνα', 'Київ Gent', 'Αθήνα-Centrum', 'Écaussinnes', 'Braine-l’Alleud', 'Sint-Job-in-\'t-Goor', 'Zone 1', 'WK168001', 'Łódź'])('%s does not', (name) =>
    expect(mixesScripts(name)).toBe(false),
  );
  it('Cyrillic and Greek look-alikes read as their Latin letters', () => {
    expect(asLatinLookalikes('Wh\u043ele \u0430r\u0435\u0430')).toBe('Whole area');
    expect(asLatinLookalikes('Hele \u0396\u039f\u039d\u0395')).toBe('Hele ZONE');
    expect(asLatinLookalikes('Київ')).toBe('K\u0438\u0457\u0432');
  });
});

describe('a name holding a control character', () => {
  it.each(['Gent\u001b[2J', 'Gent\u007f', 'Gent\u009b', 'Gent\u0085', 'Gent\u{e0041}', 'Gent\u{e007f}', 'Gent\u0000', 'Gent\u000b', 'Noord\ufffe', 'Zuid\uffff', 'Gent\ufdd0', 'Gent\ufdef', 'Gent\u{1fffe}', 'Gent\u{10ffff}', 'Gent\ud800', 'Gent\udc00x'])('%j holds one', (name) =>
    expect(holdsControlCharacter(name)).toBe(true),
  );
  it.each(['Gent\tCentrum', 'Gent\r\nCentrum', 'Gent Centrum', 'Gent\u00a0Centrum', 'Écaussinnes', 'Gent\u{e0100}', 'Gent\ufdcf', 'Gent\ufdf0', 'Gent\ufffd', 'Gent\u{10fffd}', 'Gent \u{1f600}'])('%j does not', (name) => expect(holdsControlCharacter(name)).toBe(false));
});
