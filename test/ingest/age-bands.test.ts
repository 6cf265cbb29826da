// Ages as population tables publish them, and where they fall among the configured age groups.
import { describe, expect, it } from 'vitest';
import { ageGroupsFrom, DEFAULT_AGE_GROUPS } from '../../src/config/codebook.js';
import { binBand, parseAgeBand } from '../../src/ingest/age-bands.js';

const groups = ageGroupsFrom(DEFAULT_AGE_GROUPS)!;
const closed = ageGroupsFrom(['15-24', '25-44', '45-64'])!;

describe('age bands', () => {
  it.each([
    ['17', { min: 17, max: 17 }],
    ['100', { min: 100, max: 100 }],
    ['25-29', { min: 25, max: 29 }],
    ['25 – 29', { min: 25, max: 29 }],
    ['85+', { min: 85, max: null }],
    ['85 +', { min: 85, max: null }],
    ['Minder dan 5 jaar', { min: 0, max: 4 }],
    ['Van 15 tot 19 jaar', { min: 15, max: 19 }],
    ['100 jaar en meer', { min: 100, max: null }],
    ['Moins de 5 ans', { min: 0, max: 4 }],
    ['De 15 à 19 ans', { min: 15, max: 19 }],
    ['100 ans et plus', { min: 100, max: null }],
    ['Under 5', { min: 0, max: 4 }],
    ['15 to 19 years', { min: 15, max: 19 }],
    ['100 years and over', { min: 100, max: null }],
    ['120', { min: 120, max: 120 }],
    ['110-130', { min: 110, max: 130 }],
  ])('read `%s` as the band it names', (text, band) => {
    expect(parseAgeBand(text)).toEqual(band);
  });

  // adversarial run r19, F4: registers write 999 for an unknown age; it was counted among the oldest group's residents
  it.each(['', '15-', '29-15', 'Minder dan 0 jaar', 'adults', '1000', '999', '150', '121+', '90-999', 'Van 121 tot 130 jaar'])('refuse `%s`, which names no band of ages a person can have', (text) => {
    expect(parseAgeBand(text)).toBeNull();
  });
});

describe('binning into the configured groups', () => {
  it('puts a single year or a band inside one group in that group, the open top band in the open group', () => {
    expect(binBand({ min: 17, max: 17 }, groups)).toEqual({ fits: { label: '15-29', min: 15, max: 29 } });
    expect(binBand({ min: 25, max: 29 }, groups)).toEqual({ fits: { label: '15-29', min: 15, max: 29 } });
    expect(binBand({ min: 30, max: 44 }, groups)).toEqual({ fits: { label: '30-44', min: 30, max: 44 } });
    expect(binBand({ min: 100, max: null }, groups)).toEqual({ fits: { label: '75+', min: 75, max: null } });
  });

  it('leaves out bands younger than the youngest group, and older than a closed oldest one', () => {
    expect(binBand({ min: 0, max: 14 }, groups)).toEqual({ outside: 'below' });
    expect(binBand({ min: 14, max: 14 }, groups)).toEqual({ outside: 'below' });
    expect(binBand({ min: 65, max: 69 }, closed)).toEqual({ outside: 'above' });
    expect(binBand({ min: 65, max: null }, closed)).toEqual({ outside: 'above' });
  });

  it('names the groups a band runs across, and the ages outside them', () => {
    expect(binBand({ min: 25, max: 34 }, groups)).toEqual({ straddles: ['15-29', '30-44'], under: null, over: null });
    expect(binBand({ min: 10, max: 19 }, groups)).toEqual({ straddles: ['15-29'], under: 15, over: null });
    expect(binBand({ min: 60, max: null }, closed)).toEqual({ straddles: ['45-64'], under: null, over: 64 });
  });
});

describe('configured age groups', () => {
  it('run youngest first without gaps or overlaps, and only the oldest may be open', () => {
    expect(ageGroupsFrom(['15-24', '25-44', '45-64', '65+'])?.map((group) => group.label)).toEqual(['15-24', '25-44', '45-64', '65+']);
    expect(ageGroupsFrom(['15-29', '31-44'])).toBeNull();
    expect(ageGroupsFrom(['15-29', '25-44'])).toBeNull();
    expect(ageGroupsFrom(['30-44', '15-29'])).toBeNull();
    expect(ageGroupsFrom(['15+', '30-44'])).toBeNull();
    expect(ageGroupsFrom(['adults'])).toBeNull();
    expect(ageGroupsFrom([])).toBeNull();
  });
});
