// Folders that cannot be made where the file system refuses them while saying "no such file" (/proc, /proc/self)
// or "operation not permitted" (/sys): every place the tool makes folders (a new store's folder, the key folder,
// an output folder, the demo folder) ends with one line in the user's language and the place's exit code, never
// a loop at full speed (Node's recursive mkdir retried forever there: issue 17, adversarial run r10 F4 and F8).
// Real processes with a time limit: a hang is what is under test, and a loop in this process could not be stopped.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';

const linux = process.platform === 'linux';

describe.skipIf(!linux)('folders the file system will not make', () => {
  const dir = new Workdir();
  dir.write({ 'a.csv': 'respondent_id;wave;district;sex;age;unsafe_freq\nR1;2026;Oudegem;F;44;2\nR2;2026;Oudegem;M;40;3\n' });
  const run = (args: string[], env = {}) => dir.spawn(args, { env, timeout: 30_000 });
  beforeAll(() => expect(run(['--store', 'a.db', 'import', '--kind', 'survey', 'a.csv']).code).toBe(0));
  afterAll(() => dir.remove());

  it.each([
    ['/proc', ['--store', '/proc/safety-scan-test/s.db'], 'error: the store /proc/safety-scan-test/s.db could not be used: files cannot be written there'],
    ['/proc/self', ['--lang', 'fr', '--store', '/proc/self/safety-scan-test/s.db'], 'erreur\u202f: la base /proc/self/safety-scan-test/s.db n’a pas pu être utilisée\u202f: on ne peut pas y écrire de fichiers'],
    ['/sys', ['--lang', 'nl', '--store', '/sys/safety-scan-test/s.db'], 'fout: de databank /sys/safety-scan-test/s.db kon niet gebruikt worden: geen toestemming'],
  ])('a new store in %s is exit 5 in one line', (_where, store, said) => {
    const result = run([...store, 'import', '--kind', 'survey', 'a.csv']);
    expect(result.code, explain(result)).toBe(5);
    expect(result.stderr.trim()).toBe(said);
  });

  it.each([
    ['HOME=/proc', { HOME: '/proc' }, '/proc/.config/safety-scan/keys/'],
    ['XDG_CONFIG_HOME=/proc/self', { XDG_CONFIG_HOME: '/proc/self' }, '/proc/self/safety-scan/keys/'],
  ])('a key folder under %s is exit 5, and the new store is removed', (_what, env, folder) => {
    const result = run(['--store', 'new.db', 'import', '--kind', 'survey', 'a.csv'], env);
    expect(result.code, explain(result)).toBe(5);
    expect(result.stderr).toMatch(new RegExp(`^error: cannot write the pseudonymisation key ${folder}[0-9a-f]{32}\\.key \\(files cannot be written there\\); nothing was imported\\.\\n$`));
    expect(readdirSync(dir.dir).filter((name) => name.startsWith('new.db'))).toEqual([]);
  });

  it.each([
    ['indicators --out', ['--store', 'a.db', 'indicators', '--format', 'csv', '--out', '/proc/safety-scan-test/i.csv'], '/proc/safety-scan-test'],
    ['report --out', ['--store', 'a.db', 'report', '--out', '/proc/safety-scan-test/report'], '/proc/safety-scan-test/report'],
    ['demo', ['demo', '/proc/safety-scan-test'], '/proc/safety-scan-test'],
  ])('%s into /proc is exit 2 naming the place', (_what, args, place) => {
    const result = run(args);
    expect(result.code, explain(result)).toBe(2);
    expect(result.stderr).toContain(`error: ${place}: cannot write here: files cannot be written there.\n`);
  });
});
