// Raking on population margins alone (docs/methods.md 2.4): the CBS wijken imported as men, women and residents per
// age band give the weights and estimates of R survey's `rake` on those margins (test/golden/make-rake-margins-golden.R),
// and the same weights and estimates, to 1e-9, as raking on a full cross-table with the same margins.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ageGroupsFrom } from '../../src/config/codebook.js';
import { buildFrame } from '../../src/indicators/frame.js';
import { importFile } from '../../src/ingest/import.js';
import { presetMapping } from '../../src/ingest/kinds/index.js';
import { designValues } from '../../src/stats/design.js';
import { estimateDomains, type DomainEstimates, type IndicatorType } from '../../src/stats/estimate.js';
import { weight } from '../../src/stats/weighting.js';
import type { Store } from '../../src/store/db.js';
import { populationFigures } from '../../src/store/population.js';
import type { SurveyWave } from '../../src/store/survey.js';
import { codebook, Scratch } from '../ingest/helpers.js';

type Num = number | null;
interface GoldenDomain {
  n: number;
  estimate: number;
  se: number;
  ci_low: number;
  ci_high: number;
}
interface RakeMarginsGolden {
  generated_by: string;
  survey_version: string;
  districts: string[];
  age_groups: string[];
  sex_margins: number[][];
  age_margins: number[][];
  respondents: { district: number[]; sex: number[]; ageGroup: number[]; y: Record<string, Num[]> };
  weights: number[];
  indicators: Record<string, { type: IndicatorType; districts: GoldenDomain[]; total: GoldenDomain }>;
}

const golden: RakeMarginsGolden = JSON.parse(readFileSync(join(import.meta.dirname, '../golden/rake-margins-golden.json'), 'utf8'));
const CBS = join(import.meta.dirname, '../../fixtures/cbs');
const cbsGroups = { ...codebook, ageGroups: ageGroupsFrom(golden.age_groups) ?? [] };

const scratch = new Scratch();
afterAll(() => scratch.remove());

/** The golden respondents as a stored wave: ages at the start of their group, districts by name. */
function surveyWave(): SurveyWave {
  const r = golden.respondents;
  const lowest = golden.age_groups.map((label) => Number.parseInt(label, 10));
  return {
    wave: '2024',
    n: r.district.length,
    districts: golden.districts,
    district: Int32Array.from(r.district),
    sex: Int8Array.from(r.sex),
    age: Int16Array.from(r.ageGroup, (a) => lowest[a]),
    weight: null,
    items: new Map(),
  };
}

async function weighted(path: string, mapping: ReturnType<typeof presetMapping> | undefined) {
  const store: Store = scratch.store(`${path.replace(/\W/g, '-')}.db`);
  await importFile(store, scratch.request('population', path, { codebook: cbsGroups, ...(mapping ? { mapping } : {}) }));
  const figures = populationFigures(store, '2024');
  const { districts, ageGroups, frame, margins } = buildFrame(surveyWave(), figures.rows);
  const result = weight(frame, margins, { method: 'rake' });
  if (!result.ok) throw new Error(`${path} could not be weighted: ${JSON.stringify(result.problem)}`);
  const estimates = (indicator: string): DomainEstimates =>
    estimateDomains(result.design, designValues(result.design, Float64Array.from(golden.respondents.y[indicator], (v) => v ?? NaN)), golden.indicators[indicator].type, {
      thresholds: { minCell: 1 },
    });
  return { districts, ageGroups: ageGroups.map((group) => group.label), figures, design: result.design, estimates };
}

/** The cross-table with 25 young women and old men moved to young men and old women in every wijk: margins unchanged, cells far from independent. */
function shiftedCross(): string {
  const lines = readFileSync(join(CBS, 'kwb-2024-kruistabel.csv'), 'utf8').replace(/^\ufeff/, '').trim().split('\n');
  const shift: Record<string, number> = { 'M|15-24': 25, 'F|15-24': -25, 'M|65+': -25, 'F|65+': 25 };
  const moved = lines.slice(1).map((line) => {
    const [district, sex, group, residents] = line.split('|');
    return [district, sex, group, Number(residents) + (shift[`${sex}|${group}`] ?? 0)].join('|');
  });
  return scratch.file('kruistabel-verschoven.csv', [lines[0], ...moved]);
}

const fromMargins = await weighted(join(CBS, 'kwb-2024-aa-en-hunze.csv'), presetMapping('population', 'cbs-wijken'));
const crossTables = [await weighted(join(CBS, 'kwb-2024-kruistabel.csv'), undefined), await weighted(shiftedCross(), undefined)];

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('raking on the margins of the CBS wijken', () => {
  test('the golden values come from the committed R script, on the wijken and age groups of the fixture', () => {
    expect(golden.generated_by).toBe('test/golden/make-rake-margins-golden.R');
    expect(golden.survey_version).toMatch(/^4\.1/);
    expect(fromMargins.districts).toEqual(golden.districts);
    expect(fromMargins.ageGroups).toEqual(golden.age_groups);
    expect(fromMargins.figures.fromMargins).toEqual(golden.districts);
    for (const cross of crossTables) expect(cross.figures.fromMargins).toEqual([]);
  });

  test('weights equal R survey rake on the same margins', () => {
    const { weights, index } = fromMargins.design;
    expect(Array.from(index)).toEqual(golden.weights.map((_, i) => i));
    golden.weights.forEach((w, k) => {
      expect(relative(weights[k], w), `respondent ${k}: ${weights[k]} vs R ${w}`).toBeLessThanOrEqual(1e-8);
    });
  });

  test.each([0, 1])('weights equal those of raking on full cross-table %i with the same margins, to 1e-9', (table) => {
    const a = fromMargins.design.weights;
    const b = crossTables[table].design.weights;
    expect(a.length).toBe(b.length);
    for (let k = 0; k < a.length; k++) expect(relative(a[k], b[k]), `respondent ${k}`).toBeLessThanOrEqual(1e-9);
  });

  test.each(Object.keys(golden.indicators))('%s: estimates and SEs equal R per wijk and for the whole area, and the cross-table’s to 1e-9', (indicator) => {
    const margins = fromMargins.estimates(indicator);
    const expected = golden.indicators[indicator];
    const domains = crossTables.flatMap((table) => {
      const cross = table.estimates(indicator);
      return [
        ...margins.districts.map((estimate, h) => ({ estimate, cross: cross.districts[h], r: expected.districts[h], label: golden.districts[h] })),
        { estimate: margins.total, cross: cross.total, r: expected.total, label: 'whole area' },
      ];
    });
    for (const { estimate, cross: other, r, label } of domains) {
      expect(estimate.n, label).toBe(r.n);
      expect(Math.abs((estimate.estimate ?? NaN) - r.estimate), `${label} estimate`).toBeLessThanOrEqual(1e-9);
      expect(relative(estimate.se ?? NaN, r.se), `${label} se`).toBeLessThanOrEqual(1e-6);
      expect(Math.abs((estimate.ciLow ?? NaN) - r.ci_low), `${label} ci_low`).toBeLessThanOrEqual(1e-6);
      expect(Math.abs((estimate.estimate ?? NaN) - (other.estimate ?? NaN)), `${label} against the cross-table`).toBeLessThanOrEqual(1e-9);
      expect(relative(estimate.se ?? NaN, other.se ?? NaN), `${label} se against the cross-table`).toBeLessThanOrEqual(1e-9);
    }
  });
});
