// Finding the configuration: --config > SAFETY_SCAN_CONFIG > ./safety-scan.yaml when present > built-in
// defaults. Without a file nothing of zod or yaml is loaded, which keeps every command quick to start.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Lang } from '../i18n/index.js';
import { builtInCodebook } from './codebook.js';
import type { Config } from './config.js';

export type { Config } from './config.js';

export const DEFAULT_CONFIG_FILE = 'safety-scan.yaml';

/** The built-in defaults; equal to the schema's defaults for an empty file (checked by a test). */
export function defaultConfig(): Config {
  return {
    path: null,
    weighting: { method: 'rake', collapse_empty_cells: false, max_weight_ratio: null },
    estimates: { level: 0.95, min_cell: 10, min_n_eff: 30, max_ci_width: 0.3, max_rel_width: 1.3 },
    profile: { min_interviews: 3, divergence: { top: 3, min_interviews: 3 } },
    compare: { fdr: 0.05 },
    check: { alpha: 0.05, gap_top: 3, gap_min_share: 0.4 },
    codebook: builtInCodebook(),
  };
}

export async function resolveConfig(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string, lang: Lang): Promise<Config> {
  const explicit = flag ?? env.SAFETY_SCAN_CONFIG;
  const path = explicit ? resolve(cwd, explicit) : resolve(cwd, DEFAULT_CONFIG_FILE);
  if (!explicit && !existsSync(path)) return defaultConfig();
  const { loadConfig } = await import('./config.js');
  return loadConfig(path, lang);
}
