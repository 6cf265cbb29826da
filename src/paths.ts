// Files shipped with the package (package.json, the demo zone), found from wherever the code runs:
// the compiled modules in dist/ or the bundle in dist/bundle/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'safety-scan') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('safety-scan: cannot find its package.json');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const DEMO_FIXTURES = join(PACKAGE_ROOT, 'fixtures', 'demo');
