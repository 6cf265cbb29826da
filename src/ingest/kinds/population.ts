// Population figures: residents per district, sex and age group, the margins respondents are weighted to.
import { z } from 'zod';
import { populationInsert, populationLookup } from '../../store/tables.js';
import { column, districtSchema, waveSchema } from './columns.js';
import type { KindHandler } from './handler.js';

const figure = z.object({
  wave: waveSchema.optional(),
  district: districtSchema,
  sex: z.enum(['M', 'F']),
  age_group: z.object({ label: z.string(), min: z.number(), max: z.number().nullable() }),
  population: z.number().min(0).finite(),
});

export type PopulationRow = z.output<typeof figure>;

declare module './handler.js' {
  interface Rows {
    population: PopulationRow;
  }
}

export const populationHandler: KindHandler<'population'> = {
  kind: 'population',
  layout() {
    return {
      kind: 'population',
      columns: [
        column('district', 'district'),
        column('sex', 'sex', true, ['M', 'F']),
        column('age_group', 'age_group'),
        column('population', 'count'),
        column('wave', 'wave', false),
      ],
      row: figure,
    };
  },
  signature: ['age_group', 'population', 'sex', 'district'],
  identity: null,
  duplicates: {
    by: 'columns',
    column: 'district',
    key: (row) => `${row.district}\u0000${row.sex}\u0000${row.age_group.label}`,
    storedCopies: (store) => populationLookup(store),
  },
  checkedDistrict: null,
  presets: {},
  sink(store, batch) {
    const insert = populationInsert(store);
    return { add: (row, line) => insert(batch, line, row), finish: () => undefined };
  },
};
