// Bundles the compiled CLI into a few files: a bundle starts in well under half the time of hundreds
// of small modules (the @stdlib distributions alone are over a hundred). better-sqlite3 stays external
// (a native addon); the pseudonym worker is its own entry, found next to the bundle at run time.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: {
    'safety-scan': 'dist/cli/main.js',
    'pseudonym-worker': 'dist/ingest/pseudonym-worker.js',
  },
  platform: 'node',
  external: ['better-sqlite3'],
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    sourcemap: true,
  },
});
