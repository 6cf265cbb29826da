// A shared store with two zones for the tests of work across zones: the demo zone built in a folder of its own
// (its safety-scan.yaml names zone A), a folder for zone B with the configuration given, both zones added by
// the store's owner, and the demo's SQLite store migrated into the zones asked for.
import { join } from 'node:path';
import { explain, type Workdir } from '../helpers/cli.js';
import { runCli, type Run } from '../helpers/run-cli.js';
import type { Cluster } from './postgres.js';

export const ZONE_A = 'PZ Schelde-Leie';
export const ZONE_B = 'Vesdre';

export interface TwoZones {
  folderA: string;
  folderB: string;
  /** each zone's own connection string */
  zoneA: string;
  zoneB: string;
  /** runs the CLI in a folder against a store, with the tests' key */
  run(folder: string, args: string[], store: string): Promise<Run>;
}

export async function twoZones(cluster: Cluster, dir: Workdir, options: { database: string; key: string; configB: string; migrate: string[] }): Promise<TwoZones> {
  const env = () => dir.env({ SAFETY_SCAN_KEY: options.key });
  const demo = await dir.run(['demo', 'zone'], { env: { SAFETY_SCAN_KEY: options.key } });
  if (demo.code !== 0) throw new Error(explain(demo));
  const folderA = dir.path('zone');
  dir.write({ 'zone-b/safety-scan.yaml': options.configB });
  const owner = await cluster.createStore(options.database);
  const zoneA = (await dir.run(['admin', 'add-zone', ZONE_A, '--store', owner])).stdout.trim();
  const zoneB = (await dir.run(['admin', 'add-zone', ZONE_B, '--store', owner])).stdout.trim();
  for (const zone of options.migrate) {
    const migrated = await runCli(['admin', 'migrate', '--from', join(folderA, 'safety-scan.db'), '--to', owner, '--zone', zone], { cwd: folderA, env: env() });
    if (migrated.code !== 0) throw new Error(explain(migrated));
  }
  return {
    folderA,
    folderB: dir.path('zone-b'),
    zoneA,
    zoneB,
    run: (folder, args, store) => runCli([...args, '--store', store], { cwd: folder, env: env() }),
  };
}
