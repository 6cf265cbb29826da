// Canonical columns: what each column of a layout holds, and the cell schemas several kinds share.
import { z } from 'zod';
import type { CodebookItem } from '../../config/codebook.js';

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
  /** The largest plausible value of a count, named in messages when a row has more. */
  max?: number;
  /** The canonical column whose `units:` entry also applies here (a wide table's share columns follow `value`). */
  unitsOf?: string;
}

export function column(name: string, type: ColumnType, required = true, choices?: readonly string[]): ColumnSpec {
  return choices ? { name, type, required, choices } : { name, type, required };
}

function contiguous(values: number[]): boolean {
  return values.every((value, index) => index === 0 || value === values[index - 1] + 1);
}

/** An answer column's cell: one of its item's codes, or empty. */
export function answerSchema(item: CodebookItem) {
  const lo = item.values[0];
  const hi = item.values[item.values.length - 1];
  const base = z.number().int().min(lo).max(hi);
  const allowed = new Set(item.values);
  return (contiguous(item.values) ? base : base.refine((value) => allowed.has(value))).optional();
}

export const WAVE_PATTERN = /^\d{4}$/;
export const waveSchema = z.string().regex(WAVE_PATTERN);
export const districtSchema = z.string().min(1).max(200);
export const proportionSchema = z.number().min(0).max(1);
/** A supplied design weight: outside these bounds it is a data error, not a weight (docs/methods.md, section 18.4). */
export const WEIGHT_BOUNDS = { min: 1e-6, max: 1e7 } as const;
export const weightSchema = z.number().min(WEIGHT_BOUNDS.min).max(WEIGHT_BOUNDS.max).optional();
/** Free text naming something (an organisation type, an area). */
export const nameSchema = z.string().min(1).max(200);
