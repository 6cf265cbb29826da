#!/usr/bin/env node
// Entry point: runs the built CLI with the process's streams; main() handles a reader that closes early
// (`| head`): the run ends quietly with its own exit code.
import module from 'node:module';

// Node 22.1+ keeps the compiled bundle between runs (Node's default place: the OS temp folder, per Node version
// and user; NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE=1 turns it off); Node 20 has no such cache.
module.enableCompileCache?.();
// Imported only now, so that the bundle is compiled with the cache on.
const { main } = await import('../dist/bundle/safety-scan.js');

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, process.env, process.cwd());
process.exitCode = code;
