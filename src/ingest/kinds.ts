// The canonical layouts of every import kind, and the zod schemas rows are validated against.
// Survey item columns and their scales come from the codebook, so extra items need no code.
import { z } from 'zod';
import type { Codebook, CodebookItem } from '../config/codebook.js';
import { fold, normaliseName, parseAgeGroup, parseDate, parseNumber, parseSex, parseTrend } from './values.js';

export const KINDS = ['survey', 'keyfigures', 'monitor', 'population', 'signals'] as const;
export type Kind = (typeof KINDS)[number];

export function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}

export type ColumnType =
  | 'id'
  | 'wave'
  | 'district'
  | 'text'
  | 'note'
  | 'sex'
  | 'age'
  | 'age_group'
  | 'count'
  | 'weight'
  | 'item'
  | 'theme'
  | 'severity'
  | 'trend'
  | 'proportion'
  | 'indicator'
  | 'date';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** The column must be in the file (or given as a constant). */
  required: boolean;
  item?: CodebookItem;
  /** The allowed values, listed in messages when a row has another one. */
  choices?: readonly string[];
}

export interface KindSpec {
  kind: Kind;
  columns: ColumnSpec[];
  /** One zod schema per column: a cell's verdict depends on its own text only. */
  fields: Record<string, z.ZodType>;
  /** Checks across columns of one row (e.g. a monitor value inside its interval). */
  rowCheck?: z.ZodType;
  /** Identifies a row within its wave: a second row with the same key is a duplicate (null: no duplicates). */
  duplicateKey: ((row: Record<string, unknown>) => string) | null;
  /** Fills in what a valid row implies (a signal's wave from its date). */
  complete?: (row: Record<string, unknown>) => void;
}

export const WAVE_PATTERN = /^\d{4}$/;

/** Turns one trimmed, non-empty cell into the value the schema checks; NaN/strings pass through for zod to judge. */
export function convertCell(spec: ColumnSpec, text: string): unknown {
  switch (spec.type) {
    case 'age':
    case 'count':
    case 'weight':
    case 'severity':
    case 'proportion':
      return parseNumber(text);
    case 'item':
      return parseItem(spec.item!, text);
    case 'wave': {
      const number = parseNumber(text);
      return Number.isInteger(number) ? String(number) : text;
    }
    case 'district':
    case 'text':
      return normaliseName(text);
    case 'theme':
    case 'indicator':
      return normaliseName(text).toLowerCase().replace(/[\s-]+/g, '_');
    case 'sex':
      return parseSex(text);
    case 'trend':
      return parseTrend(text);
    case 'age_group':
      return parseAgeGroup(text) ?? text;
    case 'date':
      return parseDate(text) ?? text;
    case 'id':
    case 'note':
      return text;
  }
}

/** An answer: its code, or one of its labels in any language. */
function parseItem(item: CodebookItem, text: string): unknown {
  const number = parseNumber(text);
  if (!Number.isNaN(number)) return number;
  const folded = fold(text);
  for (const labels of Object.values(item.labels)) {
    const index = labels?.findIndex((label) => fold(label) === folded) ?? -1;
    if (index >= 0) return item.values[index];
  }
  const yesNo = item.values.length === 2 && item.values[0] === 0 && item.values[1] === 1;
  if (yesNo && /^(y|yes|j|ja|o|oui|true)$/.test(folded)) return 1;
  if (yesNo && /^(n|no|nee|non|false)$/.test(folded)) return 0;
  return text;
}

function contiguous(values: number[]): boolean {
  return values.every((value, index) => index === 0 || value === values[index - 1] + 1);
}

function itemSchema(item: CodebookItem) {
  const lo = item.values[0];
  const hi = item.values[item.values.length - 1];
  const base = z.number().int().min(lo).max(hi);
  const allowed = new Set(item.values);
  return (contiguous(item.values) ? base : base.refine((value) => allowed.has(value))).optional();
}

const waveSchema = z.string().regex(WAVE_PATTERN);
const district = z.string().min(1).max(200);
const proportion = z.number().min(0).max(1);

function col(name: string, type: ColumnType, required = true): ColumnSpec {
  return { name, type, required };
}

function surveySpec(codebook: Codebook): KindSpec {
  const items = codebook.items.map((item): ColumnSpec => ({ name: item.name, type: 'item', required: false, item }));
  const shape: Record<string, z.ZodType> = {
    respondent_id: z.string().min(1).max(200),
    wave: waveSchema,
    district,
    sex: z.enum(['M', 'F', 'X']).optional(),
    age: z.number().int().min(0).max(120).optional(),
    weight: z.number().positive().finite().optional(),
  };
  for (const item of codebook.items) shape[item.name] = itemSchema(item);
  return {
    kind: 'survey',
    columns: [
      col('respondent_id', 'id'),
      col('wave', 'wave'),
      col('district', 'district'),
      col('sex', 'sex'),
      col('age', 'age'),
      col('weight', 'weight', false),
      ...items,
    ],
    fields: shape,
    duplicateKey: (row) => String(row.respondent_id),
  };
}

function keyfiguresSpec(codebook: Codebook): KindSpec {
  return {
    kind: 'keyfigures',
    columns: [
      col('interview_id', 'id'),
      col('wave', 'wave'),
      col('district', 'district'),
      col('organisation_type', 'text'),
      { ...col('theme', 'theme'), choices: codebook.themes },
      col('severity', 'severity'),
      col('trend', 'trend', false),
      col('note', 'note', false),
    ],
    fields: {
      interview_id: z.string().min(1).max(200),
      wave: waveSchema,
      district,
      organisation_type: z.string().min(1).max(200),
      theme: z.enum(codebook.themes as [string, ...string[]]),
      severity: z.number().int().min(1).max(5),
      trend: z.enum(['better', 'same', 'worse']).optional(),
      note: z.string().max(10_000).optional(),
    },
    duplicateKey: (row) => `${row.interview_id}\u0000${row.district}\u0000${row.theme}`,
  };
}

function monitorSpec(codebook: Codebook): KindSpec {
  const indicators = codebook.indicators.map((indicator) => indicator.id) as [string, ...string[]];
  return {
    kind: 'monitor',
    columns: [
      col('wave', 'wave'),
      col('area', 'text'),
      { ...col('indicator', 'indicator'), choices: indicators },
      col('value', 'proportion'),
      col('ci_low', 'proportion', false),
      col('ci_high', 'proportion', false),
      col('n', 'count', false),
    ],
    fields: {
      wave: waveSchema,
      area: z.string().min(1).max(200),
      indicator: z.enum(indicators),
      value: proportion,
      ci_low: proportion.optional(),
      ci_high: proportion.optional(),
      n: z.number().int().min(0).optional(),
    },
    rowCheck: z
      .object({ value: z.number(), ci_low: z.number().optional(), ci_high: z.number().optional() })
      .superRefine((row, ctx) => {
        const low = row.ci_low ?? row.value;
        const high = row.ci_high ?? row.value;
        if ((row.ci_low === undefined) !== (row.ci_high === undefined)) {
          ctx.addIssue({ code: 'custom', path: [row.ci_low === undefined ? 'ci_low' : 'ci_high'], params: { code: 'interval_incomplete' } });
        } else if (!(low <= row.value && row.value <= high)) {
          ctx.addIssue({ code: 'custom', path: ['value'], params: { code: 'interval_order' } });
        }
      }),
    duplicateKey: (row) => `${row.area}\u0000${row.indicator}`,
  };
}

function populationSpec(): KindSpec {
  return {
    kind: 'population',
    columns: [col('district', 'district'), { ...col('sex', 'sex'), choices: ['M', 'F'] }, col('age_group', 'age_group'), col('population', 'count'), col('wave', 'wave', false)],
    fields: {
      wave: waveSchema.optional(),
      district,
      sex: z.enum(['M', 'F']),
      age_group: z.object({ label: z.string(), min: z.number(), max: z.number().nullable() }),
      population: z.number().min(0).finite(),
    },
    duplicateKey: (row) => `${row.district}\u0000${row.sex}\u0000${(row.age_group as { label: string }).label}`,
  };
}

function signalsSpec(codebook: Codebook): KindSpec {
  return {
    kind: 'signals',
    columns: [
      col('date', 'date'),
      col('district', 'district'),
      { ...col('theme', 'theme'), choices: codebook.themes },
      col('source', 'theme'),
      col('count', 'count'),
      col('wave', 'wave', false),
    ],
    fields: {
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      district,
      theme: z.enum(codebook.themes as [string, ...string[]]),
      source: z.string().regex(/^[a-z][a-z0-9_]*$/).max(100),
      count: z.number().int().min(1),
      wave: waveSchema.optional(),
    },
    duplicateKey: null,
    complete: (row) => {
      row.wave ??= String(row.date).slice(0, 4);
    },
  };
}

export function kindSpec(kind: Kind, codebook: Codebook): KindSpec {
  switch (kind) {
    case 'survey':
      return surveySpec(codebook);
    case 'keyfigures':
      return keyfiguresSpec(codebook);
    case 'monitor':
      return monitorSpec(codebook);
    case 'population':
      return populationSpec();
    case 'signals':
      return signalsSpec(codebook);
  }
}

/** Columns that tell kinds apart, for "this looks like a keyfigures file, not a survey". */
export const SIGNATURES: Record<Kind, string[]> = {
  survey: ['respondent_id', 'sex', 'age', 'unsafe_freq'],
  keyfigures: ['interview_id', 'organisation_type', 'theme', 'severity'],
  monitor: ['area', 'indicator', 'value', 'ci_low', 'ci_high'],
  population: ['age_group', 'population', 'sex', 'district'],
  signals: ['date', 'district', 'theme', 'source', 'count'],
};
