// A small zone for tests of district names: population figures and a few respondents in every district, sex and
// age group (enough to weigh), imported into `--store s.db` of a work folder; names are quoted, so a name may
// hold the separator or a comma.
import { explain, type Workdir } from './cli.js';

const AGES: Array<[string, number]> = [['15-29', 20], ['30-44', 35], ['45-59', 50], ['60-74', 65], ['75+', 80]];

export async function importSmallZone(dir: Workdir, districts: readonly string[]): Promise<void> {
  const population = ['district;sex;age_group;population'];
  const survey = ['respondent_id;wave;district;sex;age;unsafe_freq'];
  let id = 0;
  for (const [d, district] of districts.entries()) {
    for (const sex of ['M', 'F']) {
      for (const [group, age] of AGES) {
        population.push(`"${district}";${sex};${group};${300 + 50 * d + age}`);
        for (let k = 0; k < 4; k++) survey.push(`R${++id};2026;"${district}";${sex};${age};${1 + ((id * 7) % 5)}`);
      }
    }
  }
  dir.write({ 'pop.csv': `${population.join('\n')}\n`, 'sv.csv': `${survey.join('\n')}\n` });
  for (const [kind, file] of [['population', 'pop.csv'], ['survey', 'sv.csv']]) {
    const imported = await dir.run(['--store', 's.db', 'import', '--kind', kind, file]);
    if (imported.code !== 0) throw new Error(explain(imported));
  }
}
