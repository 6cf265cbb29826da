// The mapping an import is given: preset, mapping file and structure file together.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importMapping } from '../../src/ingest/mapping-load.js';
import { DistrictSpelling } from '../../src/districts.js';
import { combineMappings, districtRenames, mappingLayers, presetSource } from '../../src/ingest/mapping.js';
import { ROOT } from '../helpers/cli.js';

const LSS = join(ROOT, 'fixtures', 'limesurvey', 'survey-ls6.lss');

describe('importMapping', () => {
  it('puts the preset under the mapping file and the structure file on top, in the digest too', () => {
    expect(importMapping('survey', {})).toBeNull();
    const preset = importMapping('survey', { preset: 'limesurvey' });
    const withLss = importMapping('survey', { preset: 'limesurvey', lss: LSS });
    expect(mappingLayers(withLss).map((layer) => layer.source.file)).toEqual(['preset:limesurvey']);
    expect(withLss?.structure?.questions.map((question) => question.code)).toContain('Geboortejaar');
    expect(withLss?.digest).not.toBe(preset?.digest);
    expect(importMapping('survey', { lss: LSS })?.structure?.languages).toEqual(['nl', 'fr', 'en', 'de']);
  });
});

describe('districtRenames', () => {
  it('layers the configuration, a preset and the mapping file, the later winning for a name with the same key', () => {
    const preset = { spec: { districts: { 'Centrum-Noord': 'Noord', Oost: 'Oosterwijk' } }, source: { file: presetSource('test') }, digest: 'p' };
    const file = { spec: { districts: { 'centrum noord': 'Centrum', '5': 'Oost' } }, source: { file: 'm.yaml' }, digest: 'm' };
    const renames = districtRenames({ Oost: 'Zuid', Westrand: 'West' }, combineMappings(preset, file));
    const spelling = new DistrictSpelling(['Centrum', 'Oost', 'Oosterwijk', 'West', 'Noord', 'Zuid'], renames);
    expect(spelling.canonical('Centrum-Noord')).toBe('Centrum');
    expect(spelling.canonical('5')).toBe('Oost');
    expect(spelling.canonical('oost')).toBe('Oosterwijk');
    expect(spelling.canonical('Westrand')).toBe('West');
    expect(districtRenames(undefined, null)).toEqual({});
  });
});
