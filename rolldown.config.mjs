// Bundles the compiled CLI into a few files: a bundle starts in well under half the time of hundreds
// of small modules. better-sqlite3 (a native addon) and cephes (loaded through require, see
// src/stats/intervals.ts) stay outside; the pseudonym worker is its own entry, found next to the bundle
// at run time.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: {
    'safety-scan': 'dist/cli/main.js',
    'pseudonym-worker': 'dist/ingest/pseudonym-worker.js',
  },
  platform: 'node',
  external: ['better-sqlite3'],
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
