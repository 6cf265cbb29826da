// The project's settings as every command uses them: one camelCase object, built from safety-scan.yaml
// (src/config/config.ts) or, when there is no file, from the defaults below. Defaults are written once,
// here; the file's schema and `init`'s template take them from here.
import type { Lang } from '../i18n/index.js';
import { builtInCodebook, type Codebook } from './codebook.js';

export type WeightingMethod = 'rake' | 'poststratify' | 'none';

/** One covariate of the small-area model besides the intercept (docs/methods.md section 10.4); `line`: where the configuration gives it. */
export type CovariateSpec = (
  | { kind: 'age_group'; groups: string[] | 'oldest' }
  | { kind: 'sex'; sex: 'M' | 'F' }
  | { kind: 'previous_wave' }
  | { kind: 'key_figures'; theme: string }
) & { line?: number };

/** Small-area (Fay-Herriot) estimates: where they are made and from what (docs/methods.md section 10). */
export interface SmallAreaSettings {
  /** the configuration has a `small_areas:` section: `indicators` then fits the model without `--model fh` */
  configured: boolean;
  /** the indicators modelled; null: every indicator */
  indicators: string[] | null;
  covariates: CovariateSpec[];
  /** `goals: { use_model: true }`: `check` may judge a goal on the model where the direct estimate is thin */
  forGoals: boolean;
}

export interface Settings {
  /** The file the settings came from, or null for the built-in defaults. */
  path: string | null;
  lang?: Lang;
  store?: string;
  zone?: string;
  /** The goals file, resolved against the configuration's folder. */
  goals?: string;
  weighting: { method: WeightingMethod; collapseEmptyCells: boolean; maxWeightRatio: number | null };
  estimates: { level: number; minCell: number; minNEff: number; maxCiWidth: number; maxRelWidth: number };
  profile: { minInterviews: number; divergence: { top: number; minInterviews: number } };
  compare: { fdr: number };
  check: { alpha: number; gapTop: number; gapMinShare: number };
  smallAreas: SmallAreaSettings;
  /** `districts:` renames: a source file's spelling of a district -> the population figures' spelling. */
  districts?: Readonly<Record<string, string>>;
  /** The built-in codebook with the file's items, themes and indicators merged in. */
  codebook: Codebook;
}

export type Tunables = Pick<Settings, 'weighting' | 'estimates' | 'profile' | 'compare' | 'check' | 'smallAreas'>;

/** Every default, once (docs/methods.md sections 2, 5, 6, 8, 9, 10 and 14 explain them). */
export const DEFAULTS: Tunables = {
  weighting: { method: 'rake', collapseEmptyCells: false, maxWeightRatio: null },
  estimates: { level: 0.95, minCell: 10, minNEff: 30, maxCiWidth: 0.3, maxRelWidth: 1.3 },
  profile: { minInterviews: 3, divergence: { top: 3, minInterviews: 3 } },
  compare: { fdr: 0.05 },
  check: { alpha: 0.05, gapTop: 3, gapMinShare: 0.4 },
  smallAreas: { configured: false, indicators: null, covariates: [{ kind: 'age_group', groups: 'oldest' }], forGoals: false },
};

/**
 * The bounds of a significance level and a confidence level, wherever one is given (the configuration's
 * `check.alpha` and `estimates.level`, `plan --alpha`). Inside them every quantile the statistics take is
 * finite, and `check.alpha` stays below the 80% power the minimum detectable change is sized for
 * (docs/methods.md 9.3 and 11.3): an alpha of 0.8 or a level that rounds to 1 made `check` fail inside.
 */
export const ALPHA_RANGE = { min: 0.001, max: 0.5 } as const;
export const LEVEL_RANGE = { min: 0.5, max: 0.999 } as const;

export function defaultSettings(): Settings {
  return { path: null, ...structuredClone(DEFAULTS), codebook: builtInCodebook() };
}
