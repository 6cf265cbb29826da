// The codebook: survey items with their answer scales, and the indicators built on them.
// A local questionnaire with extra items is a configuration change, not a code change.
import { codebookEn, type CodebookWords } from '../i18n/codebook/en.js';
import { codebookFr } from '../i18n/codebook/fr.js';
import { codebookNl } from '../i18n/codebook/nl.js';
import type { Lang } from '../i18n/index.js';
import { parseAgeGroup, type AgeGroup } from '../ingest/values.js';
import { present } from '../invariant.js';

export interface ItemScale {
  /** Allowed answer codes, ascending. */
  values: number[];
  /** Answer labels per language, one per value (recoded to the value on import). */
  labels: Partial<Record<Lang, string[]>>;
}

export interface CodebookItem extends ItemScale {
  name: string;
  question: Partial<Record<Lang, string>>;
}

export type IndicatorDefinition =
  | { id: string; type: 'share'; item: string; values: number[]; label: Partial<Record<Lang, string>> }
  | { id: string; type: 'mean'; item: string; label: Partial<Record<Lang, string>> }
  | {
      id: string;
      type: 'score';
      items: string[];
      itemWeights?: number[];
      minItems: number;
      label: Partial<Record<Lang, string>>;
    };

export interface Codebook {
  items: CodebookItem[];
  indicators: IndicatorDefinition[];
  /** Key-figure and signal themes: the problem codes plus any the config declares. */
  themes: string[];
  /** Key figures' organisation types and signals' sources the config declares beside the built-in ones (src/ingest/kinds/partner-codes.ts). */
  organisationTypes: string[];
  signalSources: string[];
  /** The age groups residents are counted in, youngest first and contiguous: population files are binned into them. */
  ageGroups: AgeGroup[];
}

/** The safety monitor's groups of residents aged 15 and over (docs/methods.md section 2). */
export const DEFAULT_AGE_GROUPS = ['15-29', '30-44', '45-59', '60-74', '75+'];

/** Age-group labels as the configuration gives them; null unless they run youngest first, without gaps or overlaps, only the oldest open. */
export function ageGroupsFrom(labels: readonly string[]): AgeGroup[] | null {
  const groups: AgeGroup[] = [];
  for (const label of labels) {
    const group = parseAgeGroup(label);
    const previous = groups[groups.length - 1];
    if (!group || (previous && (previous.max === null || group.min !== previous.max + 1))) return null;
    groups.push(group);
  }
  return groups.length > 0 ? groups : null;
}

/** Every language's words for the built-in codebook (src/i18n/codebook/): the one place they are written. */
const WORDS: Record<Lang, CodebookWords> = { en: codebookEn, nl: codebookNl, fr: codebookFr };

type ScaleName = keyof CodebookWords['scales'];
type ThemeCode = keyof CodebookWords['themes'];
type QuestionItem = keyof CodebookWords['questions'];
type IndicatorId = keyof CodebookWords['indicators'];

function perLanguage<T>(pick: (words: CodebookWords) => T): Record<Lang, T> {
  return { en: pick(WORDS.en), nl: pick(WORDS.nl), fr: pick(WORDS.fr) };
}

const SCALE_VALUES: Record<ScaleName, number[]> = { frequency: [1, 2, 3, 4, 5], yesNo: [0, 1], problem: [1, 2, 3, 4], satisfaction: [1, 2, 3, 4, 5] };

function scale(name: ScaleName): ItemScale {
  return { values: SCALE_VALUES[name], labels: perLanguage((words) => [...words.scales[name]]) };
}

/** The built-in themes (key figures, signals, residents' problems), in the order lists show them. */
export const PROBLEM_THEMES = Object.keys(codebookEn.themes) as ThemeCode[];

/** Residents' view of a theme is the item and share indicator `problem_<theme>`: the one place that says so. */
const PROBLEM_PREFIX = 'problem_';

export function problemIndicator(theme: string): string {
  return `${PROBLEM_PREFIX}${theme}`;
}

export function isProblemIndicator(id: string): boolean {
  return id.startsWith(PROBLEM_PREFIX);
}

/** The theme a problem indicator measures, or null for any other indicator. */
export function themeOfIndicator(id: string): string | null {
  return isProblemIndicator(id) ? id.slice(PROBLEM_PREFIX.length) : null;
}

function item(name: QuestionItem, scaleName: ScaleName): CodebookItem {
  return { name, ...scale(scaleName), question: perLanguage((words) => words.questions[name]) };
}

const label = (id: IndicatorId) => perLanguage((words) => words.indicators[id]);

export const BUILT_IN_ITEMS: CodebookItem[] = [
  item('unsafe_freq', 'frequency'),
  item('unsafe_neighbourhood', 'frequency'),
  item('unsafe_dark', 'frequency'),
  item('avoid_places', 'yesNo'),
  ...PROBLEM_THEMES.map((code) => item(`problem_${code}`, 'problem')),
  item('victim_any', 'yesNo'),
  item('police_satisfaction', 'satisfaction'),
];

export const BUILT_IN_INDICATORS: IndicatorDefinition[] = [
  { id: 'unsafe_general', type: 'share', item: 'unsafe_freq', values: [3, 4, 5], label: label('unsafe_general') },
  { id: 'unsafe_often', type: 'share', item: 'unsafe_freq', values: [4, 5], label: label('unsafe_often') },
  { id: 'unsafe_neighbourhood', type: 'share', item: 'unsafe_neighbourhood', values: [3, 4, 5], label: label('unsafe_neighbourhood') },
  { id: 'avoidance', type: 'share', item: 'avoid_places', values: [1], label: label('avoidance') },
  { id: 'victimisation', type: 'share', item: 'victim_any', values: [1], label: label('victimisation') },
  { id: 'police_satisfied', type: 'share', item: 'police_satisfaction', values: [4, 5], label: label('police_satisfied') },
  ...PROBLEM_THEMES.map((code): IndicatorDefinition => ({ id: `problem_${code}`, type: 'share', item: `problem_${code}`, values: [3, 4], label: label(`problem_${code}`) })),
  {
    id: 'insecurity_index',
    type: 'score',
    items: ['unsafe_freq', 'unsafe_neighbourhood', 'unsafe_dark'],
    minItems: 2,
    label: label('insecurity_index'),
  },
];

export function builtInCodebook(): Codebook {
  return {
    items: BUILT_IN_ITEMS.map((entry) => ({ ...entry })),
    indicators: [...BUILT_IN_INDICATORS],
    themes: [...PROBLEM_THEMES],
    organisationTypes: [],
    signalSources: [],
    ageGroups: present(ageGroupsFrom(DEFAULT_AGE_GROUPS), 'the default age groups'),
  };
}

/** The codebook's indicators by id, as the renderers look them up. */
export function indicatorsById(codebook: Codebook): Map<string, IndicatorDefinition> {
  return new Map(codebook.indicators.map((definition) => [definition.id, definition]));
}

/** The values an indicator can take: [0, 1] for a share, [0, 10] for a score, a mean its item's scale; null for an unknown item. */
export function indicatorRange(definition: IndicatorDefinition, codebook: Codebook): readonly [number, number] | null {
  if (definition.type === 'share') return [0, 1];
  if (definition.type === 'score') return [0, 10];
  const values = codebook.items.find((item) => item.name === definition.item)?.values ?? [];
  return values.length > 0 ? [Math.min(...values), Math.max(...values)] : null;
}

export function indicatorLabel(definition: IndicatorDefinition, lang: Lang): string {
  return definition.label[lang] ?? definition.label.en ?? definition.id;
}

export function themeLabel(theme: string, lang: Lang): string {
  const themes: Readonly<Record<string, string>> = WORDS[lang].themes;
  return Object.hasOwn(themes, theme) ? themes[theme] : theme.replace(/_/g, ' ');
}
