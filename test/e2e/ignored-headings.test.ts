// Columns `import` does not read are listed by heading on stderr and in --json `ignored_columns`; a heading that
// holds a person's name is withheld there as `map` withholds it, by the one rule (shownHeading). Adversarial run r14, F6.
import { describe, expect, it } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';

describe('the columns an import ignores', () => {
  it('show a heading that does not look like data when the first line does not either', async () => {
    const dir = new Workdir();
    try {
      dir.write({ 's.csv': 'respondent_id;wave;district;sex;age;unsafe_freq;Opmerking;jan peeters\nD1;2030;Oudegem;M;40;3;a;b\n' });
      const run = await dir.run(['import', '--kind', 'survey', '--json', 's.csv']);
      expect(run.code, explain(run)).toBe(0);
      expect(JSON.parse(run.stdout).files[0].ignored_columns).toEqual(['Opmerking', 'jan peeters']);
    } finally {
      dir.remove();
    }
  });

  it('are listed with a heading holding a name withheld, in the summary, --json and map alike', async () => {
    const dir = new Workdir();
    try {
      // one heading that looks like data makes the first line look like data: map then withholds every heading it
      // does not know (an export saved without its header row has a respondent for headings), and so does import
      const names = ['Contact[Marie Dubois]', 'Q5 [Jan Peeters]', 'jan peeters', 'JAN PEETERS', 'Bevraagd door Peeters'];
      const body = `respondent_id;wave;district;sex;age;unsafe_freq;${names.join(';')};Opmerking\nD1;2030;Oudegem;M;40;3;a;b;c;d;e;f\n`;
      dir.write({ 's.csv': body, 't.csv': body.replace('D1;2030', 'D2;2030') });
      const json = await dir.run(['import', '--kind', 'survey', '--json', 's.csv']);
      expect(json.code, explain(json)).toBe(0);
      const summary = JSON.parse(json.stdout) as { files: Array<{ ignored_columns: string[] }> };
      expect(summary.files[0]?.ignored_columns).toEqual(['***', '***', '***', '***', '***', '***']);
      const text = await dir.run(['import', '--kind', 'survey', '--verbose', 't.csv']);
      const map = await dir.run(['map', 's.csv']);
      for (const run of [json, text, map]) for (const name of ['Marie', 'Dubois', 'PEETERS', 'Peeters', 'peeters']) expect(run.stdout + run.stderr).not.toContain(name);
      expect(text.stderr).toContain('columns ignored: ***, ***, ***, ***, ***, ***');
    } finally {
      dir.remove();
    }
  });
});
