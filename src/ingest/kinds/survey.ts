// Citizen-survey respondents: one row per respondent, answer columns from the codebook, stored column-wise.
import { z } from 'zod';
import type { Codebook } from '../../config/codebook.js';
import { InputError } from '../../errors.js';
import { present } from '../../invariant.js';
import { SurveyWriter } from '../../store/survey.js';
import type { ColumnPlan } from '../column-plan.js';
import { bandLabel, bandsOverlap, bandWithin, parseAgeBand, type Band } from '../derive.js';
import { LIMESURVEY } from '../presets/limesurvey.js';
import { column, type ColumnSpec, districtSchema, idSchema, waveSchema } from './columns.js';
import type { CrossIssue, FiguresReads, KindHandler } from './handler.js';
import { missingColumnError } from '../headings.js';

/** An age band as a survey gives it (`15-29`, `15 - 29 jaar`, `75 ans et plus`), as the population labels groups. */
const ageBand = z.preprocess(
  (value) => (typeof value === 'string' ? (parseAgeBand(value) ?? value) : value),
  z.object({ min: z.number().int().min(0).max(120), max: z.number().int().max(130).nullable() }).transform((band) => ({ ...band, label: bandLabel(band) })),
);

/** Every column beyond these is an answer, judged by its item's scale: only the codebook knows their names. */
const respondent = z
  .object({
    respondent_id: idSchema,
    wave: waveSchema,
    district: districtSchema,
    sex: z.enum(['M', 'F', 'X']).optional(),
    age: z.number().int().min(0).max(120).optional(),
    age_group: ageBand.optional(),
    birth_year: z.number().int().min(1880).max(2100).optional(),
    weight: z.number().positive().finite().optional(),
  })
  .catchall(z.unknown());

export type SurveyRow = z.output<typeof respondent>;

declare module './handler.js' {
  interface Rows {
    survey: SurveyRow;
  }
}

/** The columns a respondent's age can come from. */
const AGE_COLUMNS = ['age', 'age_group', 'birth_year'];

/** The item columns this file has, in codebook order: the columns the chunks store. */
function plannedItems(plan: ColumnPlan): string[] {
  return plan.columns.filter((planned) => planned.spec.type === 'item').map((planned) => planned.spec.name);
}

/**
 * Two age columns of one row that cannot both be true (age 25 in the band 65+, born in 1950 and 25 at a 2026
 * wave): the row is refused like any inconsistent row, never weighted by one of them unseen. A birth year
 * allows three ages: the birthday before or after the fieldwork, which may run into the next year.
 */
function ageConflict(row: SurveyRow): CrossIssue | null {
  const band = row.age_group;
  const inBand = (age: number) => band === undefined || (age >= band.min && (band.max === null || age <= band.max));
  const birthYear = row.birth_year;
  const born = birthYear === undefined ? null : Number(row.wave) - birthYear;
  // named at the age (the column weighted on), else the birth year; the other column by its canonical value
  const ageGroup = band === undefined ? null : { other: 'age_group', other_value: band.label };
  if (row.age !== undefined) {
    if (born !== null && Math.abs(row.age - born) > 1) return { column: 'age', code: 'age_conflict', detail: { other: 'birth_year', other_value: String(birthYear) } };
    if (ageGroup && !inBand(row.age)) return { column: 'age', code: 'age_conflict', detail: ageGroup };
  } else if (born !== null && ageGroup && ![born - 1, born, born + 1].some(inBand)) {
    return { column: 'birth_year', code: 'age_conflict', detail: ageGroup };
  }
  return null;
}

export const surveyHandler: KindHandler<'survey'> = {
  kind: 'survey',
  layout(codebook: Codebook) {
    const items = codebook.items.map((item): ColumnSpec => ({ name: item.name, type: 'item', required: false, item }));
    return {
      kind: 'survey',
      columns: [
        column('respondent_id', 'id'),
        column('wave', 'wave'),
        column('district', 'district'),
        column('sex', 'sex'),
        // An age, an age band or a birth year: checkColumns asks for one of them.
        column('age', 'age', false),
        column('age_group', 'age_group', false),
        column('birth_year', 'count', false, ['1880-2100']),
        // a file with weights gives every respondent one: a wave is weighted by supplied weights for all or none
        { ...column('weight', 'weight', false), filled: true },
        ...items,
      ],
      row: respondent,
      checkColumns(found, file, header) {
        if (!AGE_COLUMNS.some((name) => found.has(name))) {
          throw missingColumnError(AGE_COLUMNS.join(' / '), header, { location: { file, line: 1 } });
        }
        if (items.some((item) => found.has(item.name))) return;
        const names = items.map((item) => item.name);
        throw new InputError('input.no_items', { items: `${names.slice(0, 6).join(', ')}, ...` }, { location: { file, line: 1 } });
      },
    };
  },
  signature: ['respondent_id', 'sex', 'age', 'unsafe_freq'],
  crossCheck(row) {
    if (row.birth_year !== undefined && row.age === undefined) {
      const age = Number(row.wave) - row.birth_year;
      // the years that give an age from 0 to 120 at this wave, not the column's own 1880-2100
      if (!(age >= 0 && age <= 120)) return { column: 'birth_year', code: 'out_of_range', detail: { allowed: `${Number(row.wave) - 120}-${row.wave}` } };
    }
    return ageConflict(row);
  },
  // docs/methods.md section 19: an age from the birth year at the wave, or the youngest age of a band.
  complete(row) {
    if (row.age !== undefined) return;
    if (row.birth_year !== undefined) row.age = Number(row.wave) - row.birth_year;
    else if (row.age_group !== undefined) row.age = row.age_group.min;
  },
  ageOf: (row) => row.age,
  identity: { column: 'respondent_id', id: (row) => row.respondent_id },
  duplicates: { by: 'pseudonym', column: 'respondent_id', storedKeys: (stored, wave) => stored.surveyKeys(wave) },
  checkedDistrict: (row) => row.district,
  presets: { limesurvey: LIMESURVEY },
  sink(target, batch, plan) {
    const writer = new SurveyWriter(target, batch, plannedItems(plan));
    const bands = bandCheck(target, plan);
    return {
      // Every respondent has a pseudonym: respondent_id is the kind's identity.
      add: (row, line, pseudonym) => {
        bands?.check(row, line);
        writer.add(row, present(pseudonym, 'the pseudonym of a respondent'));
      },
      finish: () => writer.finish(),
    };
  },
  drySink(stored, plan) {
    const bands = bandCheck(stored, plan);
    return { add: (row, line) => bands?.check(row, line), finish: () => undefined };
  },
};

/** The age-band check of a file with an age band column, else null. */
function bandCheck(stored: FiguresReads, plan: ColumnPlan): BandCheck | null {
  return plan.columns.some((planned) => planned.spec.name === 'age_group') ? new BandCheck(stored, plan) : null;
}

/**
 * A respondent known only by an age band is weighted in the population's age group that holds the band: a
 * band across a group boundary (or with no population figures to tell) stops the import, naming band and
 * groups; a band outside every group is left out of the weighting, like any age outside them.
 */
class BandCheck {
  private readonly groups = new Map<string, Band[]>();
  private readonly checked = new Set<string>();

  constructor(
    private readonly stored: FiguresReads,
    private readonly plan: ColumnPlan,
  ) {}

  check(row: SurveyRow, line: number): void {
    const band = row.age_group;
    if (band === undefined || row.age !== band.min || this.checked.has(`${row.wave}\u0000${band.label}`)) return;
    let groups = this.groups.get(row.wave);
    if (!groups) {
      const labels = new Map(this.stored.populationFigures(row.wave).rows.map((figure) => [figure.ageGroup, { min: figure.ageMin, max: figure.ageMax }]));
      groups = [...labels.values()].sort((a, b) => a.min - b.min);
      this.groups.set(row.wave, groups);
    }
    const planned = this.plan.columns.find((candidate) => candidate.spec.name === 'age_group');
    const location = { file: this.plan.file, line, column: planned && planned.index >= 0 ? planned.index + 1 : undefined };
    if (groups.length === 0) throw new InputError('input.age_band_no_population', { band: band.label, wave: row.wave }, { location });
    const touched = groups.filter((group) => bandsOverlap(band, group));
    if (touched.length > 0 && !(touched.length === 1 && bandWithin(band, touched[0]))) {
      throw new InputError('input.age_band_straddles', { band: band.label, groups: groups.map(bandLabel).join(', ') }, { location });
    }
    this.checked.add(`${row.wave}\u0000${band.label}`);
  }
}
