#!/usr/bin/env node
// Entry point: runs the built CLI, exits quietly when stdout is closed early (e.g. `| head`).
import { main } from '../dist/bundle/safety-scan.js';

process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, process.env, process.cwd());
process.exitCode = code;
