#!/usr/bin/env node
// Entry point: runs the built CLI with the process's streams; main() handles a reader that closes early
// (`| head`): the run ends quietly with its own exit code.
// First of all: stop signals are held until main's handlers are set (an early Ctrl-C exits 130, in order).
import { heldSignals } from './held-signals.js';
import module from 'node:module';

// Node 22.1+ keeps the compiled bundle between runs (Node's default place: the OS temp folder, per Node version
// and user; NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE=1 turns it off); Node 20 has no such cache.
module.enableCompileCache?.();
// Imported only now, so that the bundle is compiled with the cache on.
const { main } = await import('../dist/bundle/safety-scan.js');

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, process.env, process.cwd(), heldSignals);
// The run is over: end now, once stdout and stderr have taken what was written, rather than through Node's
// teardown, which puts the stop signals' default back before the process is gone, so that one coming then
// would end a finished run (a batch already forgotten, say) by the signal instead of its own code.
const flushed = (stream) => new Promise((done) => (stream.writable ? stream.write('', () => done()) : done()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
