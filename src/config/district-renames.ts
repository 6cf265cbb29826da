// `districts:` renames of one file (the configuration or a mapping) checked against each other: two names that
// are one district to safety-scan (docs/methods.md section 18.3) must not be renamed two ways.
import { cleanName, districtKey } from '../districts.js';
import { ConfigError } from '../errors.js';
import { districtNameProblem } from '../ingest/kinds/columns.js';
import { holdsControlOrDirection, mixesScripts } from '../ingest/name-characters.js';
import { personalDistrict, WITHHELD } from '../ingest/privacy.js';
import { shownName } from '../shown-name.js';
import type { YamlFile } from './yaml.js';

/**
 * Every clash among a file's `districts:` renames, each naming both lines: two names with one key renamed to
 * different names (which one applies would depend on the order of the file), or two renames to spellings of
 * one district that differ (`Appels` and `APPELS`: write the district one way); and a rename to a name that a
 * district's cell may not hold: a control character, a word mixing alphabets (src/ingest/name-characters.ts),
 * personal data (`personalDistrict`: never shown, in the key either, as a district's cell is withheld), the
 * whole area's name or a total's (`districtNameProblem`). A rename's new name is stored as a district's when the
 * population figures do not know it, and every rename is stored with the import's settings.
 */
export function districtRenameProblems(renames: Readonly<Record<string, string>> | undefined, yaml: YamlFile): ConfigError[] {
  const problems: ConfigError[] = [];
  const byName = new Map<string, [string, string]>();
  const byTarget = new Map<string, [string, string]>();
  for (const [from, to] of Object.entries(renames ?? {})) {
    const at = { location: { file: yaml.file, line: yaml.lineOf(['districts', from]) } };
    const key = `districts.${personalDistrict(from) ? WITHHELD : shownName(from)}`;
    const entry = (name: string) => ({ key, value: shownName(to), other: shownName(name) });
    // a rename's name is stored as a district's when the population figures do not know it: it is judged as a district's cell is
    if (personalDistrict(from) || personalDistrict(to)) {
      problems.push(new ConfigError('config.district_rename_personal', { key }, at));
      continue;
    }
    // a direction override would reorder the stored district's name wherever it is printed (adversarial run r31, C1)
    if (holdsControlOrDirection(to) || mixesScripts(to)) {
      problems.push(new ConfigError('config.district_name_characters', { key, value: shownName(to) }, at));
      continue;
    }
    const nameProblem = districtNameProblem(to);
    if (nameProblem !== null) {
      if (nameProblem === 'date_name' || nameProblem === 'placeholder_name') problems.push(new ConfigError('config.district_rename_not_a_name', { key }, at));
      else problems.push(new ConfigError(nameProblem === 'reserved_name' ? 'config.district_rename_whole_area' : 'config.district_rename_total', { key, value: shownName(to) }, at));
      continue;
    }
    const sameName = byName.get(districtKey(from));
    const sameTarget = byTarget.get(districtKey(to));
    if (sameName && cleanName(sameName[1]) !== cleanName(to)) {
      const [name, target] = sameName;
      problems.push(new ConfigError('config.district_renamed_twice', { ...entry(name), other_value: shownName(target), first_line: yaml.lineOf(['districts', name]) ?? '?' }, at));
    } else if (sameTarget && cleanName(sameTarget[1]) !== cleanName(to)) {
      const [name, target] = sameTarget;
      problems.push(new ConfigError('config.district_spelt_twice', { ...entry(name), other_value: shownName(target), first_line: yaml.lineOf(['districts', name]) ?? '?' }, at));
    }
    if (!sameName) byName.set(districtKey(from), [from, to]);
    if (!sameTarget) byTarget.set(districtKey(to), [from, to]);
  }
  return problems;
}
