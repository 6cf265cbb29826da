// The starter mapping `safety-scan map` prints: valid YAML that imports the export as it stands, with
// comments (in the reader's language) on what was recognised and `TODO` lines for what was not.
import type { Translate } from '../i18n/index.js';
import type { Suggestion } from '../ingest/mapping-suggest.js';
import { WITHHELD } from '../ingest/privacy.js';
import { oneLine } from './terminal.js';

/** A YAML key or value: plain when that reads the same, else double-quoted (JSON strings are YAML). */
function scalar(text: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_ .'’()[\]/-]*$/u.test(text) && !/[ .]$/.test(text) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

/** One comment line per item of a long list, so a line stays readable. */
function commentList(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`# ${title}`, ...items.map((item) => `#   ${item}`)];
}

export interface MappingView {
  file: string;
  kind: string;
  wave?: string;
  t: Translate;
}

export function renderStarterMapping(suggestion: Suggestion, view: MappingView): string {
  const { t } = view;
  const preset = suggestion.limesurvey ? ' --preset limesurvey' : '';
  const wave = view.wave ? ` --wave ${view.wave}` : '';
  const lines = [
    `# ${t('map.title', { file: view.file })}`,
    `# ${t('map.use')}`,
    `#   safety-scan import --kind ${view.kind}${preset} --mapping mapping.yaml${wave} ${view.file}`,
  ];
  if (suggestion.limesurvey) lines.push(`# ${t('map.limesurvey')}`);
  lines.push(...commentList(t('map.metadata'), suggestion.metadata));
  lines.push(...commentList(t('map.dropped'), suggestion.dropped));
  for (const column of suggestion.missingColumns) lines.push(`# TODO ${t('map.todo_missing', { column })}`);
  lines.push('');
  if (suggestion.lss) lines.push(`lss: ${scalar(suggestion.lss)}    # ${t('map.lss')}`);
  // An empty `columns:` would be null, which a mapping refuses: an empty table says the same and imports.
  // "nothing to rename" only when nothing is left to do: not beside columns not found, not placed or withheld
  const settled = suggestion.missingColumns.length === 0 && suggestion.unplaced.length === 0 && suggestion.withheld.length === 0;
  lines.push(suggestion.renames.length > 0 ? 'columns:' : settled ? `columns: {}    # ${t('map.no_renames')}` : 'columns: {}');
  // a question's text that holds personal data is not shown: the note says so instead
  const question = (text: string) => (text === WITHHELD ? t('map.question_withheld') : text);
  for (const rename of suggestion.renames) {
    const note = rename.text && rename.text !== rename.from ? `    # ${question(rename.text)}` : '';
    lines.push(`  ${scalar(rename.from)}: ${rename.to}${note}`);
  }
  for (const column of suggestion.unplaced) {
    lines.push(`  # TODO ${t('map.todo_column', { column: column.heading })}${column.text ? `: ${question(column.text)}` : ''}`);
  }
  const withheld = suggestion.withheld;
  if (withheld.length > 0) lines.push(`  # TODO ${t('map.todo_withheld', { count: withheld.length, numbers: withheld.join(', ') })}`);
  if (suggestion.districtRenames.length > 0) {
    lines.push(`districts:    # ${t('map.districts')}`);
    for (const { from, to } of suggestion.districtRenames) lines.push(`  ${scalar(from)}: ${scalar(to)}`);
  }
  for (const name of suggestion.unknownDistricts) lines.push(`# TODO ${t('map.todo_district', { district: name })}`);
  if (suggestion.withheldDistricts > 0) lines.push(`# TODO ${t('map.todo_districts_withheld', { count: suggestion.withheldDistricts })}`);
  for (const { column, values } of suggestion.unrecognised) lines.push(`# TODO ${t('map.todo_values', { column, values: values.join(', ') })}`);
  // Each entry is one line: a line break that came with a name (a quoted CSV header may hold one) is shown
  // escaped, so a heading can never end its comment and start a mapping key of its own.
  return `${lines.map(oneLine).join('\n')}\n`;
}

