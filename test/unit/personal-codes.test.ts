// The rule README documents for code columns (keyfigures.organisation_type, signals.source) and for districts
// (adversarial run r7, F5 and F8): what reads as personal data, judged on the cell as written.
import { describe, expect, it } from 'vitest';
import { personalCode, personalDistrict } from '../../src/ingest/privacy.js';

describe('a code that looks like personal data', () => {
  it.each(['Jan Peeters', 'JAN PEETERS', 'Marie Dubois', 'Police Café', 'Jan Peeters Kerkstraat 12', 'Kerkstraat 12', 'kerkstraat 12A', '12 rue Haute', 'zone 3', 'BE68539007547034', 'jan@example.be', '+32 470 12 34 56', '192.168.77.77', '85.07.30-033.61', 'kerkstraat12', 'Kerkstraat_12', 'dorp_3a'])(
    '%s is refused',
    (code) => expect(personalCode(code)).toBe(true),
  );

  it.each(['police_cafe', 'Police café', 'Police cafe', 'Youth work', 'youth-work', 'school', 'neighbourhood_officer', 'Wijkagent', 'zone_3', 'complaint', 'CAW', 'r2', 'monitoring2026', 'park', 'ring_1234'])('%s passes', (code) => expect(personalCode(code)).toBe(false));
});

describe('a district that looks like personal data', () => {
  it.each(['jan.peeters@example.be', 'BE68539007547034', '+32 470 12 34 56', '0470123456', '192.168.77.77', '2001:db8::77', '85.07.30-033.61', 'LCNPyrty5w2hJQG', 'tok3nCANARYtok3nX', 'https://x.example/r?id=jan', '1-ABC-123'])('%s is refused', (name) => expect(personalDistrict(name)).toBe(true));

  it.each(['Sint Amandsberg', 'Sint-Denijs-Westrem', 'Oudegem', 'Wijk 0001 Noord', 'WK036300', 'BU03630000', '44021A00-', '9000', 'Belgium', 'Whole area'])('%s passes', (name) => expect(personalDistrict(name)).toBe(false));
});
