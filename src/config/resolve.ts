// Finding the settings of a run. Without a configuration file nothing of zod or yaml is loaded, which keeps
// every command quick to start.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultSettings, type Settings } from './settings.js';

export const DEFAULT_CONFIG_FILE = 'safety-scan.yaml';

/** The file named by --config or SAFETY_SCAN_CONFIG, else ./safety-scan.yaml when present, else the defaults. */
export async function resolveSettings(explicit: string | undefined, cwd: string): Promise<Settings> {
  const path = configFileOf(explicit, cwd);
  if (path === null) return defaultSettings();
  const { loadSettings } = await import('./config.js');
  return loadSettings(path);
}

/** The configuration file a run uses: the one named, else ./safety-scan.yaml when present, else none. */
export function configFileOf(explicit: string | undefined, cwd: string): string | null {
  if (explicit) return resolve(cwd, explicit);
  const path = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(path) ? path : null;
}
