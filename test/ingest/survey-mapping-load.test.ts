// The mapping an import is given: preset, mapping file and structure file together.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importMapping } from '../../src/ingest/mapping-load.js';
import { mappingLayers } from '../../src/ingest/mapping.js';
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
