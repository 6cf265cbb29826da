// The codebook: survey items with their answer scales, and the indicators built on them.
// A local questionnaire with extra items is a configuration change, not a code change.
import type { Lang } from '../i18n/index.js';

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
}

const FREQUENCY: ItemScale = {
  values: [1, 2, 3, 4, 5],
  labels: {
    en: ['never', 'rarely', 'sometimes', 'often', 'always'],
    nl: ['nooit', 'zelden', 'soms', 'vaak', 'altijd'],
    fr: ['jamais', 'rarement', 'parfois', 'souvent', 'toujours'],
  },
};

const YES_NO: ItemScale = {
  values: [0, 1],
  labels: { en: ['no', 'yes'], nl: ['nee', 'ja'], fr: ['non', 'oui'] },
};

const PROBLEM: ItemScale = {
  values: [1, 2, 3, 4],
  labels: {
    en: ['not at all', 'rather not', 'rather yes', 'certainly a problem'],
    nl: ['helemaal niet', 'eerder niet', 'eerder wel', 'zeker een probleem'],
    fr: ['pas du tout', 'plutôt pas', 'plutôt oui', 'certainement un problème'],
  },
};

const SATISFACTION: ItemScale = {
  values: [1, 2, 3, 4, 5],
  labels: {
    en: ['very dissatisfied', 'dissatisfied', 'neither', 'satisfied', 'very satisfied'],
    nl: ['zeer ontevreden', 'ontevreden', 'noch tevreden noch ontevreden', 'tevreden', 'zeer tevreden'],
    fr: ['très insatisfait', 'insatisfait', 'ni satisfait ni insatisfait', 'satisfait', 'très satisfait'],
  },
};

export const PROBLEMS: Record<string, Record<Lang, string>> = {
  burglary: { en: 'burglary', nl: 'woninginbraak', fr: 'cambriolage' },
  vehicle_crime: { en: 'theft from or damage to cars', nl: 'diefstal uit of schade aan auto’s', fr: 'vol dans ou dégâts aux voitures' },
  speeding: { en: 'speeding', nl: 'te snel rijden', fr: 'vitesse excessive' },
  aggressive_traffic: { en: 'aggressive driving', nl: 'agressief verkeersgedrag', fr: 'conduite agressive' },
  parking: { en: 'nuisance parking', nl: 'hinderlijk parkeren', fr: 'stationnement gênant' },
  dumping: { en: 'illegal dumping and litter', nl: 'sluikstorten en zwerfvuil', fr: 'dépôts clandestins et déchets' },
  vandalism: { en: 'vandalism', nl: 'vandalisme', fr: 'vandalisme' },
  noise: { en: 'noise nuisance', nl: 'geluidsoverlast', fr: 'nuisances sonores' },
  drugs: { en: 'drugs', nl: 'drugs', fr: 'drogues' },
  youth_nuisance: { en: 'loitering youth', nl: 'rondhangende jongeren', fr: 'jeunes qui traînent' },
};

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

function item(name: string, scale: ItemScale, question: Record<Lang, string>): CodebookItem {
  return { name, ...scale, question };
}

export const BUILT_IN_ITEMS: CodebookItem[] = [
  item('unsafe_freq', FREQUENCY, {
    en: 'Does it happen that you feel unsafe?',
    nl: 'Gebeurt het dat u zich onveilig voelt?',
    fr: 'Vous arrive-t-il de vous sentir en insécurité ?',
  }),
  item('unsafe_neighbourhood', FREQUENCY, {
    en: 'Does it happen that you feel unsafe in your neighbourhood?',
    nl: 'Gebeurt het dat u zich onveilig voelt in uw buurt?',
    fr: 'Vous arrive-t-il de vous sentir en insécurité dans votre quartier ?',
  }),
  item('unsafe_dark', FREQUENCY, {
    en: 'Does it happen that you feel unsafe alone in your neighbourhood after dark?',
    nl: 'Gebeurt het dat u zich ’s avonds alleen onveilig voelt in uw buurt?',
    fr: 'Vous arrive-t-il de vous sentir en insécurité seul(e) dans votre quartier le soir ?',
  }),
  item('avoid_places', YES_NO, {
    en: 'Do you avoid certain places?',
    nl: 'Vermijdt u bepaalde plaatsen?',
    fr: 'Évitez-vous certains endroits ?',
  }),
  ...Object.entries(PROBLEMS).map(([code, name]) =>
    item(problemIndicator(code), PROBLEM, {
      en: `Is ${name.en} a problem in your neighbourhood?`,
      nl: `Is ${name.nl} een probleem in uw buurt?`,
      fr: `${name.fr} : est-ce un problème dans votre quartier ?`,
    }),
  ),
  item('victim_any', YES_NO, {
    en: 'Were you the victim of a crime in the last 12 months?',
    nl: 'Was u de voorbije 12 maanden slachtoffer van een misdrijf?',
    fr: 'Avez-vous été victime d’un délit au cours des 12 derniers mois ?',
  }),
  item('police_satisfaction', SATISFACTION, {
    en: 'How satisfied are you with the local police?',
    nl: 'Hoe tevreden bent u over de lokale politie?',
    fr: 'Êtes-vous satisfait(e) de la police locale ?',
  }),
];

export const BUILT_IN_INDICATORS: IndicatorDefinition[] = [
  {
    id: 'unsafe_general',
    type: 'share',
    item: 'unsafe_freq',
    values: [3, 4, 5],
    label: { en: 'feels unsafe (sometimes or more)', nl: 'voelt zich onveilig (soms of vaker)', fr: 'se sent en insécurité (parfois ou plus)' },
  },
  {
    id: 'unsafe_often',
    type: 'share',
    item: 'unsafe_freq',
    values: [4, 5],
    label: { en: 'feels unsafe often or always', nl: 'voelt zich vaak of altijd onveilig', fr: 'se sent souvent ou toujours en insécurité' },
  },
  {
    id: 'unsafe_neighbourhood',
    type: 'share',
    item: 'unsafe_neighbourhood',
    values: [3, 4, 5],
    label: {
      en: 'feels unsafe in the neighbourhood',
      nl: 'voelt zich onveilig in de buurt',
      fr: 'se sent en insécurité dans le quartier',
    },
  },
  {
    id: 'avoidance',
    type: 'share',
    item: 'avoid_places',
    values: [1],
    label: { en: 'avoids certain places', nl: 'vermijdt bepaalde plaatsen', fr: 'évite certains endroits' },
  },
  {
    id: 'victimisation',
    type: 'share',
    item: 'victim_any',
    values: [1],
    label: { en: 'victim in the last 12 months', nl: 'slachtoffer in de voorbije 12 maanden', fr: 'victime au cours des 12 derniers mois' },
  },
  {
    id: 'police_satisfied',
    type: 'share',
    item: 'police_satisfaction',
    values: [4, 5],
    label: { en: 'satisfied with the local police', nl: 'tevreden over de lokale politie', fr: 'satisfait(e) de la police locale' },
  },
  ...Object.entries(PROBLEMS).map(
    ([code, name]): IndicatorDefinition => ({
      id: problemIndicator(code),
      type: 'share',
      item: problemIndicator(code),
      values: [3, 4],
      label: {
        en: `sees ${name.en} as a problem`,
        nl: `ziet ${name.nl} als probleem`,
        fr: `voit ${name.fr} comme un problème`,
      },
    }),
  ),
  {
    id: 'insecurity_index',
    type: 'score',
    items: ['unsafe_freq', 'unsafe_neighbourhood', 'unsafe_dark'],
    minItems: 2,
    label: { en: 'insecurity index (0-10)', nl: 'onveiligheidsindex (0-10)', fr: 'indice d’insécurité (0-10)' },
  },
];

export function builtInCodebook(): Codebook {
  return {
    items: BUILT_IN_ITEMS.map((entry) => ({ ...entry })),
    indicators: [...BUILT_IN_INDICATORS],
    themes: Object.keys(PROBLEMS),
  };
}

/** The codebook's indicators by id, as the renderers look them up. */
export function indicatorsById(codebook: Codebook): Map<string, IndicatorDefinition> {
  return new Map(codebook.indicators.map((definition) => [definition.id, definition]));
}

export function indicatorLabel(definition: IndicatorDefinition, lang: Lang): string {
  return definition.label[lang] ?? definition.label.en ?? definition.id;
}

export function themeLabel(theme: string, lang: Lang): string {
  return PROBLEMS[theme]?.[lang] ?? theme.replace(/_/g, ' ');
}
