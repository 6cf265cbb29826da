// Exit codes come from typed errors in one place, and errors read as one clear line.
import { describe, expect, it } from 'vitest';
import { localiseHelp } from '../../src/cli/main.js';
import { renderError } from '../../src/cli/render-error.js';
import { ConfigError, EXIT, FailedCheck, InputError, StoreError, UsageError, exitCodeFor } from '../../src/errors.js';
import { translator } from '../../src/i18n/index.js';

const en = translator('en');

describe('exit codes', () => {
  it('follow the contract’s table', () => {
    expect(exitCodeFor(new FailedCheck('import.strict_failed'))).toBe(1);
    expect(exitCodeFor(new UsageError('usage.bad_wave'))).toBe(2);
    expect(exitCodeFor(new InputError('input.empty'))).toBe(3);
    expect(exitCodeFor(new ConfigError('config.missing'))).toBe(4);
    expect(exitCodeFor(new StoreError('store.locked'))).toBe(5);
    expect(exitCodeFor(new TypeError('boom'))).toBe(70);
    expect(EXIT).toEqual({ ok: 0, failed: 1, usage: 2, input: 3, config: 4, store: 5, internal: 70 });
  });
});

describe('error messages', () => {
  it('render a typed error in the language, with its hint', () => {
    const error = new InputError('input.undecodable', { file: 'a.csv', line: 3, byte: '0xc9' }, {}, { key: 'hint.try_encoding' });
    expect(renderError(error, en, false)).toBe(
      'error: a.csv line 3: byte 0xc9 is not valid UTF-8.\nhint: the file was probably saved as Windows-1252 (Excel on a Belgian or Dutch PC): try --encoding windows-1252.\n',
    );
    expect(renderError(error, translator('nl'), false)).toMatch(/^fout: a\.csv/);
  });

  it('give a bug a short message, and the stack only with --verbose', () => {
    const bug = new TypeError('cannot read x');
    expect(renderError(bug, en, false)).toBe('error: internal error (a bug in safety-scan): cannot read x\nRun again with --verbose for the stack trace, and please report it.\n');
    expect(renderError(bug, en, true)).toMatch(/TypeError: cannot read x\n\s+at /);
  });
});

describe('help', () => {
  it('has its headings in the language', () => {
    const help = 'Usage: safety-scan [options]\n\nOptions:\n  --x  y (default: "z")\n';
    expect(localiseHelp(help, translator('fr'))).toBe('Utilisation : safety-scan [options]\n\nOptions :\n  --x  y (par défaut: "z")\n');
    expect(localiseHelp(help, en)).toBe(help);
  });
});
