// Bundles the CLI straight from the TypeScript sources into one file (tsc only type-checks): a bundle
// starts in well under half the time of hundreds of small modules, and only the bundle is shipped.
// better-sqlite3 (a native addon) and cephes (loaded through require, see src/stats/intervals.ts) stay
// outside. The version is inlined from package.json.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, defineConfig } from 'rolldown';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const config = defineConfig({
  input: { 'safety-scan': 'src/cli/main.ts' },
  platform: 'node',
  external: ['better-sqlite3'],
  transform: { define: { __SAFETY_SCAN_VERSION__: JSON.stringify(version) } },
  resolve: {
    // chalk detects the terminal at load time (importing node:process, node:os and node:tty, ~7 ms); the CLI
    // always tells it the colour level (src/cli/context.ts), so it gets chalk's detection-free variant.
    alias: { '#supports-color': fileURLToPath(new URL('./node_modules/chalk/source/vendor/supports-color/browser.js', import.meta.url)) },
  },
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    sourcemap: true,
  },
});

export default config;

/** `node rolldown.config.mjs`: builds quietly (rolldown's own CLI lists every file it writes). */
export async function buildBundle() {
  rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });
  await build({ ...config, logLevel: 'warn' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBundle();
