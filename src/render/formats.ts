// The output formats of every command, in one place: commands declare them as choices, renderers are typed
// maps over them (a format without a renderer is a compile error).
import type { ChalkInstance } from 'chalk';
import type { IndicatorDefinition } from '../config/codebook.js';
import type { Translate } from '../i18n/index.js';

export const INDICATOR_FORMATS = ['table', 'json', 'csv', 'md'] as const;
export type IndicatorFormat = (typeof INDICATOR_FORMATS)[number];

export const COMPARE_FORMATS = INDICATOR_FORMATS;
export type CompareFormat = IndicatorFormat;

export const BENCHMARK_FORMATS = INDICATOR_FORMATS;
export type BenchmarkFormat = IndicatorFormat;

export const PROFILE_FORMATS = ['table', 'json', 'md'] as const;
export type ProfileFormat = (typeof PROFILE_FORMATS)[number];

export const CHECK_FORMATS = PROFILE_FORMATS;
export type CheckFormat = ProfileFormat;

export const PLAN_FORMATS = INDICATOR_FORMATS;
export type PlanFormat = IndicatorFormat;

export const CODEBOOK_FORMATS = PROFILE_FORMATS;
export type CodebookFormat = ProfileFormat;

export const STATUS_FORMATS = ['table', 'json'] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

export const VALIDATE_FORMATS = STATUS_FORMATS;
export type ValidateFormat = StatusFormat;

export const REPORT_FORMATS = ['html', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What every renderer is given beside its result: the reader's language, colours and width for a terminal, and the indicators' definitions. */
export interface RenderView {
  t: Translate;
  colors: ChalkInstance;
  /** The width terminal tables fit, in columns. */
  width: number;
  definitions: ReadonlyMap<string, IndicatorDefinition>;
  /** CSV for Excel on a Belgian or Dutch PC (`--excel`): semicolons, decimal commas, rounded as shown */
  excel?: boolean;
}

export type Renderer<T> = (result: T, view: RenderView) => string;
