// The project's settings as every command uses them: one camelCase object, built from safety-scan.yaml
// (src/config/config.ts) or, when there is no file, from the defaults below. Defaults are written once,
// here; the file's schema and `init`'s template take them from here.
import type { Lang } from '../i18n/index.js';
import { builtInCodebook, type Codebook } from './codebook.js';

export type WeightingMethod = 'rake' | 'poststratify' | 'none';

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
  /** `districts:` renames: a source file's spelling of a district -> the population figures' spelling. */
  districts?: Readonly<Record<string, string>>;
  /** The built-in codebook with the file's items, themes and indicators merged in. */
  codebook: Codebook;
}

export type Tunables = Pick<Settings, 'weighting' | 'estimates' | 'profile' | 'compare' | 'check'>;

/** Every default, once (docs/methods.md sections 2, 5, 6, 8, 9 and 14 explain them). */
export const DEFAULTS: Tunables = {
  weighting: { method: 'rake', collapseEmptyCells: false, maxWeightRatio: null },
  estimates: { level: 0.95, minCell: 10, minNEff: 30, maxCiWidth: 0.3, maxRelWidth: 1.3 },
  profile: { minInterviews: 3, divergence: { top: 3, minInterviews: 3 } },
  compare: { fdr: 0.05 },
  check: { alpha: 0.05, gapTop: 3, gapMinShare: 0.4 },
};

export function defaultSettings(): Settings {
  return { path: null, ...structuredClone(DEFAULTS), codebook: builtInCodebook() };
}
