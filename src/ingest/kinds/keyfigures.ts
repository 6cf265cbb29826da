// Key-figure interviews: one row per interview, district and theme; the interview id is kept only as a pseudonym,
// and the free-text note never at all.
import { z } from 'zod';
import type { Codebook } from '../../config/codebook.js';
import { compareNames } from '../../districts.js';
import { present } from '../../invariant.js';
import { pseudonymText } from '../privacy.js';
import { column, districtSchema, idSchema, waveSchema } from './columns.js';
import type { KindHandler, Pseudonym } from './handler.js';
import { codeList, ORGANISATION_TYPES } from './partner-codes.js';

/** A category code (school, youth_work), never free text: names and addresses do not fit it. The store's read check uses it too. */
export const organisationTypeSchema = z.string().regex(/^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_]*$/u).max(60);

function keyFigureSchema(themes: readonly string[]) {
  return z.object({
    interview_id: idSchema,
    wave: waveSchema,
    district: districtSchema,
    organisation_type: organisationTypeSchema,
    theme: z.enum(themes as [string, ...string[]]),
    severity: z.number().int().min(1).max(5),
    trend: z.enum(['better', 'same', 'worse']).optional(),
  });
}

export type KeyFigureRow = z.output<ReturnType<typeof keyFigureSchema>>;

declare module './handler.js' {
  interface Rows {
    keyfigures: KeyFigureRow;
  }
}

// Every key figure has a pseudonym: interview_id is the kind's identity.
const interview = (pseudonym: Pseudonym | null) => {
  const key = present(pseudonym, 'the pseudonym of a key-figure interview');
  return pseudonymText(key.hi, key.lo);
};

export const keyfiguresHandler: KindHandler<'keyfigures'> = {
  kind: 'keyfigures',
  layout(codebook: Codebook) {
    const row = keyFigureSchema(codebook.themes);
    return {
      kind: 'keyfigures',
      columns: [
        column('interview_id', 'id'),
        column('wave', 'wave'),
        column('district', 'district'),
        {
          ...column('organisation_type', 'theme'),
          example: 'youth_work',
          codes: { byKey: codeList(ORGANISATION_TYPES, codebook.organisationTypes), builtIn: Object.keys(ORGANISATION_TYPES), declaredIn: 'organisation_types' },
        },
        column('theme', 'theme', true, codebook.themes),
        column('severity', 'severity'),
        column('trend', 'trend', false),
        // free text: recognised (the layout lists it), left out of the import like every free-text column
        column('note', 'note', false),
      ],
      row,
    };
  },
  signature: ['interview_id', 'organisation_type', 'theme', 'severity'],
  identity: { column: 'interview_id', id: (row) => row.interview_id },
  duplicates: {
    by: 'columns',
    column: 'interview_id',
    key: (row, pseudonym) => `${interview(pseudonym)}\u0000${row.district}\u0000${row.theme}`,
    storedCopies: (stored) => (row, pseudonym) => stored.keyfigureAt(row, interview(pseudonym)),
  },
  checkedDistrict: (row) => row.district,
  presets: {},
  // A batch's rows are stored in pseudonym order (then district, theme), never the file's: with sequential interview
  // ids, the file's order would give each pseudonym's id and link each stored row to its line (README, Privacy).
  sink(target, batch) {
    const rows: Array<{ row: KeyFigureRow; interview: string }> = [];
    return {
      add: (row, _line, pseudonym) => void rows.push({ row, interview: interview(pseudonym) }),
      finish: () => {
        rows.sort((a, b) => compareNames(a.interview, b.interview) || compareNames(a.row.district, b.row.district) || compareNames(a.row.theme, b.row.theme));
        for (const { row, interview } of rows) target.keyfigure(batch, row, interview);
      },
    };
  },
};
