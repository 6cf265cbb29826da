// Citizen-survey respondents: one row per respondent, answer columns from the codebook, stored column-wise.
import { z } from 'zod';
import type { Codebook } from '../../config/codebook.js';
import { InputError } from '../../errors.js';
import { present } from '../../invariant.js';
import { SurveyWriter, storedSurveyKeys } from '../../store/survey.js';
import { RECODE_ALL_ITEMS, type MappingSpec } from '../mapping.js';
import type { ColumnPlan } from '../column-plan.js';
import { column, districtSchema, waveSchema, type ColumnSpec } from './columns.js';
import type { KindHandler } from './handler.js';

/** Every column beyond these is an answer, judged by its item's scale: only the codebook knows their names. */
const respondent = z
  .object({
    respondent_id: z.string().min(1).max(200),
    wave: waveSchema,
    district: districtSchema,
    sex: z.enum(['M', 'F', 'X']).optional(),
    age: z.number().int().min(0).max(120).optional(),
    weight: z.number().positive().finite().optional(),
  })
  .catchall(z.unknown());

export type SurveyRow = z.output<typeof respondent>;

declare module './handler.js' {
  interface Rows {
    survey: SurveyRow;
  }
}

const FIVE = Object.fromEntries([1, 2, 3, 4, 5].map((value) => [`A${value}`, value]));

/** LimeSurvey's response export with question codes as headings and answer codes (A1.., Y/N). */
const LIMESURVEY: MappingSpec = {
  columns: { id: 'respondent_id' },
  recode: { [RECODE_ALL_ITEMS]: { ...FIVE, Y: 1, N: 0 } },
  skip: [{ column: 'submitdate', empty: true }],
};

/** The item columns this file has, in codebook order: the columns the chunks store. */
function plannedItems(plan: ColumnPlan): string[] {
  return plan.columns.filter((planned) => planned.spec.type === 'item').map((planned) => planned.spec.name);
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
        column('age', 'age'),
        column('weight', 'weight', false),
        ...items,
      ],
      row: respondent,
      checkColumns(found, file) {
        if (items.some((item) => found.has(item.name))) return;
        const names = items.map((item) => item.name);
        throw new InputError('input.no_items', { items: `${names.slice(0, 6).join(', ')}, ...` }, { location: { file, line: 1 } });
      },
    };
  },
  signature: ['respondent_id', 'sex', 'age', 'unsafe_freq'],
  identity: { column: 'respondent_id', id: (row) => row.respondent_id },
  duplicates: { by: 'pseudonym', column: 'respondent_id', storedKeys: storedSurveyKeys },
  checkedDistrict: (row) => row.district,
  presets: { limesurvey: LIMESURVEY },
  sink(store, batch, plan) {
    const writer = new SurveyWriter(store, batch, plannedItems(plan));
    return {
      // Every respondent has a pseudonym: respondent_id is the kind's identity.
      add: (row, _line, pseudonym) => writer.add(row, present(pseudonym, 'the pseudonym of a respondent')),
      finish: () => writer.finish(),
    };
  },
};
