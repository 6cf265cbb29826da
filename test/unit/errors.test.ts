// Exit codes come from typed errors in one place, and errors read as one clear line.
import { describe, expect, it } from 'vitest';
import { localiseHelp } from '../../src/cli/main.js';
import { renderError } from '../../src/cli/render-error.js';
import { ConfigError, EXIT, FailedCheck, InputError, StoreError, UsageError, exitCodeFor, type Location } from '../../src/errors.js';
import { message, translator } from '../../src/i18n/index.js';

const en = translator('en');

describe('exit codes', () => {
  it('follow the contract’s table', () => {
    expect(exitCodeFor(new FailedCheck('import.strict_failed', { rejected: 3 }))).toBe(1);
    expect(exitCodeFor(new UsageError('usage.bad_wave', { value: '26' }))).toBe(2);
    expect(exitCodeFor(new InputError('input.empty'))).toBe(3);
    expect(exitCodeFor(new ConfigError('config.missing'))).toBe(4);
    expect(exitCodeFor(new StoreError('store.locked', { store: 'x.db' }))).toBe(5);
    expect(exitCodeFor(new TypeError('boom'))).toBe(70);
    expect(EXIT).toEqual({ ok: 0, failed: 1, usage: 2, input: 3, config: 4, store: 5, internal: 70 });
  });
});

describe('error messages', () => {
  it('render a typed error in the language, with its hint', () => {
    const error = new InputError('input.undecodable', { byte: '0xc9' }, { location: { file: 'a.csv', line: 3 }, hint: message('hint.try_encoding') });
    expect(renderError(error, en, false)).toBe(
      'error: a.csv:3: byte 0xc9 is not valid UTF-8.\nhint: the file was probably saved as Windows-1252 (Excel on a Belgian or Dutch PC): try --encoding windows-1252.\n',
    );
    expect(renderError(error, translator('nl'), false)).toMatch(/^fout: a\.csv:3: byte 0xc9 is geen geldige UTF-8\./);
  });

  it('show where: file, line and column as far as they are known', () => {
    const at = (location: Location) => renderError(new InputError('input.no_rows', { location }), en, false).split('\n')[0];
    expect(at({})).toBe('error: the file has a header but no data rows.');
    expect(at({ file: 'a.csv' })).toBe('error: a.csv: the file has a header but no data rows.');
    expect(at({ file: 'a.csv', line: 2 })).toBe('error: a.csv:2: the file has a header but no data rows.');
    expect(at({ file: 'a.csv', line: 2, column: 5 })).toBe('error: a.csv:2:5: the file has a header but no data rows.');
  });

  it('keep their cause, shown with --verbose', () => {
    const cause = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const error = new InputError('input.unreadable', { reason: 'EACCES' }, { location: { file: 'a.csv' }, cause });
    expect(error.cause).toBe(cause);
    expect(renderError(error, en, false)).toBe('error: a.csv: cannot read the file: EACCES.\n');
    expect(renderError(error, en, true)).toMatch(/^error: a\.csv: cannot read the file: EACCES\.\nError: EACCES: permission denied\n\s+at /);
  });

  it('carry messages whose parameters the compiler checks against the English template', () => {
    expect(en('usage.bad_wave', { value: '26' })).toBe('wave `26` is not a year; give a year such as 2026.');
    // @ts-expect-error a misspelled parameter is a type error
    expect(en('usage.bad_wave', { valeu: '26' })).toBe('wave `{value}` is not a year; give a year such as 2026.');
    // @ts-expect-error a missing parameter is a type error
    expect(en('usage.bad_wave')).toBe('wave `{value}` is not a year; give a year such as 2026.');
    // @ts-expect-error a message without placeholders takes no parameters
    expect(en('usage.excess_arguments', { value: 1 })).toBe('too many arguments for this command.');
    // @ts-expect-error errors check their message's parameters too
    expect(new UsageError('usage.bad_wave', { wave: '26' }).detail.key).toBe('usage.bad_wave');
  });

  it('give a bug a short message, and the stack only with --verbose', () => {
    const bug = new TypeError('cannot read x');
    expect(renderError(bug, en, false)).toBe('error: internal error (a bug in safety-scan): cannot read x\nRun the command again with --verbose to see the stack trace, and please report the bug.\n');
    expect(renderError(bug, en, true)).toMatch(/TypeError: cannot read x\n\s+at /);
  });
});

describe('help', () => {
  it('has its headings in the language', () => {
    const help = 'Usage: safety-scan [options]\n\nOptions:\n  --x  y (default: "z")\n';
    expect(localiseHelp(help, translator('fr'))).toBe('Utilisation\u202f: safety-scan [options]\n\nOptions\u202f:\n  --x  y (par défaut\u202f: "z")\n');
    expect(localiseHelp(help, en)).toBe(help);
  });
});
