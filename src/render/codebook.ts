// `safety-scan codebook` in every format: the indicators with how each is computed, the survey items with
// their answer codes and labels, and the themes, all in the reader's language.
import { indicatorLabel, themeLabel, type Codebook, type CodebookItem, type IndicatorDefinition } from '../config/codebook.js';
import type { Lang, Translate } from '../i18n/index.js';
import type { CodebookFormat, Renderer, RenderView } from './formats.js';
import { stableJson } from './json.js';
import { joinList } from './list.js';
import { escapeMarkdown, markdownTable } from './markdown.js';
import { givenNumberText } from './numbers.js';
import { renderTable } from './table.js';

function labelsOf(item: CodebookItem | undefined, lang: Lang): readonly string[] {
  return item?.labels[lang] ?? item?.labels.en ?? [];
}

/** An answer's label in the reader's language, else its code. */
function answerLabel(item: CodebookItem | undefined, value: number, lang: Lang): string {
  const index = item?.values.indexOf(value) ?? -1;
  return labelsOf(item, lang)[index] ?? String(value);
}

/** Where the answers go in the catalogue's sentence until the sentence is formatted (a private-use character). */
const ANSWERS_SLOT = '\uE000';

/**
 * How an indicator is computed from the answers, in words. `prose` formats the catalogue's sentence (its code
 * spans kept for Markdown, dropped for a terminal); the configured answer labels, each formatted by `label`, are
 * set in only after that, so that a backtick or bar in a label is never read as the sentence's own markup
 * (adversarial run r36, C1: one backtick in a label switched Markdown's escaping off for the rest of the cell).
 */
export function computedAs(definition: IndicatorDefinition, codebook: Codebook, t: Translate, prose = (text: string) => text, label = (text: string) => text): string {
  if (definition.type === 'share') {
    const item = codebook.items.find((candidate) => candidate.name === definition.item);
    const answers = joinList(t, definition.values.map((value) => `${label(answerLabel(item, value, t.lang))} (${value})`), 'text.or');
    return prose(t('codebook.share', { answers: ANSWERS_SLOT, item: definition.item })).replace(ANSWERS_SLOT, () => answers);
  }
  if (definition.type === 'mean') return prose(t('codebook.mean', { item: definition.item }));
  const items = joinList(t, definition.items.map((name) => `\`${name}\``));
  if (definition.itemWeights === undefined) return prose(t('codebook.score', { items, min: definition.minItems }));
  return prose(t('codebook.score_weighted', { items, weights: definition.itemWeights.map((weight) => givenNumberText(weight, t.lang)).join(', '), min: definition.minItems }));
}

function answersOf(item: CodebookItem, lang: Lang): string {
  return item.values.map((value) => `${value}\u00a0=\u00a0${answerLabel(item, value, lang)}`).join(', ');
}

function questionOf(item: CodebookItem, lang: Lang): string {
  return item.question[lang] ?? item.question.en ?? '';
}

/** Code spans are for Markdown; a terminal shows the name itself. */
const plain = (text: string) => text.replace(/`([^`]*)`/g, '$1');

function codebookTable(codebook: Codebook, view: RenderView): string {
  const { t, colors, width } = view;
  const lang = t.lang;
  const section = (title: string, table: string) => `${colors.bold(title)}\n${table}\n`;
  return [
    `${colors.bold(t('codebook.heading'))}\n\n`,
    section(
      t('codebook.indicators'),
      renderTable(
        [t('codebook.col_id'), t('codebook.col_label'), t('codebook.col_how')],
        codebook.indicators.map((definition) => [definition.id, indicatorLabel(definition, lang), computedAs(definition, codebook, t, plain)]),
        { width, t },
      ),
    ),
    section(
      t('codebook.items'),
      renderTable(
        [t('codebook.col_item'), t('codebook.col_question'), t('codebook.col_answers')],
        codebook.items.map((item) => [item.name, questionOf(item, lang), answersOf(item, lang)]),
        { width, t },
      ),
    ),
    section(
      t('codebook.themes'),
      renderTable(
        [t('codebook.col_code'), t('codebook.col_theme')],
        codebook.themes.map((theme) => [theme, themeLabel(theme, lang)]),
        { width, t },
      ),
    ),
  ].join('');
}

function codebookMarkdown(codebook: Codebook, view: RenderView): string {
  const { t } = view;
  const lang = t.lang;
  // A code span is kept as code; everything else from the configuration is escaped.
  const text = (value: string) => value.split(/(`[^`]*`)/).map((part, index) => (index % 2 === 1 ? part : escapeMarkdown(part))).join('');
  const code = (value: string) => `\`${value}\``;
  return [
    `# ${t('codebook.heading')}\n`,
    `## ${t('codebook.indicators')}\n`,
    markdownTable(
      [t('codebook.col_id'), t('codebook.col_label'), t('codebook.col_how')],
      codebook.indicators.map((definition) => [code(definition.id), escapeMarkdown(indicatorLabel(definition, lang)), computedAs(definition, codebook, t, text, escapeMarkdown)]),
    ),
    `## ${t('codebook.items')}\n`,
    markdownTable(
      [t('codebook.col_item'), t('codebook.col_question'), t('codebook.col_answers')],
      codebook.items.map((item) => [code(item.name), escapeMarkdown(questionOf(item, lang)), escapeMarkdown(answersOf(item, lang))]),
    ),
    `## ${t('codebook.themes')}\n`,
    markdownTable(
      [t('codebook.col_code'), t('codebook.col_theme')],
      codebook.themes.map((theme) => [code(theme), escapeMarkdown(themeLabel(theme, lang))]),
    ),
  ].join('\n');
}

/** For scripts: the definitions themselves, with the labels in the chosen language. */
function codebookJson(codebook: Codebook, view: RenderView): string {
  const lang = view.t.lang;
  return stableJson({
    schema_version: 1,
    lang,
    indicators: codebook.indicators.map((definition) => ({
      id: definition.id,
      type: definition.type,
      label: indicatorLabel(definition, lang),
      item: definition.type === 'score' ? null : definition.item,
      items: definition.type === 'score' ? definition.items : null,
      values: definition.type === 'share' ? definition.values : null,
      min_items: definition.type === 'score' ? definition.minItems : null,
    })),
    items: codebook.items.map((item) => ({ name: item.name, question: questionOf(item, lang), values: item.values, labels: labelsOf(item, lang) })),
    themes: codebook.themes.map((theme) => ({ code: theme, label: themeLabel(theme, lang) })),
  });
}

export const CODEBOOK_RENDERERS: Record<CodebookFormat, Renderer<Codebook>> = { table: codebookTable, json: codebookJson, md: codebookMarkdown };
