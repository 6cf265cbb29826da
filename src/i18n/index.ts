// The message catalogue: every human-facing string of the tool, in English, Dutch and French. A message's
// parameters are read from its English template at compile time, so a missing or misspelled `{param}` is a
// type error at the call site.
import { en } from './en.js';
import { nl } from './nl.js';
import { fr } from './fr.js';
import { formatNumber } from './number-format.js';
import { oneLine } from '../render/terminal.js';

export const LANGS = ['en', 'nl', 'fr'] as const;
export type Lang = (typeof LANGS)[number];
export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

export const catalogues: Record<Lang, Catalogue> = { en, nl, fr };

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

/** Text whose words depend on the reader's language, rendered only when the message is (a nested message, a zod issue). */
export interface Phrase {
  render(t: Translate): string;
}

export type Param = string | number | Phrase;

/** The `{name}` placeholders of a template, as a union of names (a plural form `{name:one|other}` names its count). */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? CountOf<Name> | Placeholders<Rest> : never;
type CountOf<Name extends string> = Name extends `${infer Count}:${string}` ? Count : Name;

/** The parameters of a message: exactly the placeholders of its English template. */
export type ParamsOf<K extends MessageKey> = { readonly [Name in Placeholders<(typeof en)[K]>]: Param };

/** No argument for a message without placeholders, one object with every placeholder otherwise. */
export type ParamArgs<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never] ? [] : [params: ParamsOf<K>];

/** A message as data: rendered in the reader's language only when it is shown. */
export interface Message {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, Param>>;
}

export function message<K extends MessageKey>(key: K, ...params: ParamArgs<K>): Message {
  return { key, params: params[0] ?? {} };
}

/** A message used as a parameter of another one. */
export function phrase<K extends MessageKey>(key: K, ...params: ParamArgs<K>): Phrase {
  const inner = message(key, ...params);
  return { render: (t) => t.message(inner) };
}

/**
 * Fills `{name}` placeholders; a placeholder without a value stays visible so a missing parameter is noticed.
 * `{name:row|rows}` is the word that goes with the count `name`, singular or plural by the language's rule
 * (French counts 0 as singular, Dutch and English do not). A text put in (a path, a file or district name) is
 * put in on one line (oneLine: a line break in it shown as `\u000a`): only the template's own line breaks end a
 * line, so a name cannot start a line that passes for the tool's (`--out "x<LF>error: ..."`).
 */
export function interpolate(template: string, params: Readonly<Record<string, Param | null | undefined>>, t?: Translate): string {
  const counts = countNames(template);
  return template.replace(/\{(\w+)(?::([^|{}]*)\|([^|{}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    if (one !== undefined && other !== undefined) return typeof value === 'object' ? whole : pluralRules(t?.lang ?? 'en').select(countOf(value)) === 'one' ? one : other;
    if (typeof value === 'object') return t ? value.render(t) : whole;
    // A whole number the template counts with (`{rows} {rows:row|rows}`) is written with the language's digit
    // grouping ("300.000 rijen"), whatever the caller passed; years, lines and batch numbers are never counted so.
    if (t && typeof value === 'number' && Number.isInteger(value) && counts.includes(name)) return formatNumber(value, t.lang, 0);
    return typeof value === 'string' ? oneLine(value) : String(value);
  });
}

/** The parameters a template takes plural forms for: its counts. */
function countNames(template: string): string[] {
  if (!template.includes('|')) return [];
  return [...template.matchAll(/\{(\w+):[^|{}]*\|[^|{}]*\}/g)].map((match) => match[1] ?? '');
}

const PLURAL_RULES = new Map<Lang, Intl.PluralRules>();

function pluralRules(lang: Lang): Intl.PluralRules {
  const known = PLURAL_RULES.get(lang);
  if (known) return known;
  const rules = new Intl.PluralRules(lang);
  PLURAL_RULES.set(lang, rules);
  return rules;
}

/** A count as a message received it: a number, or already written out with the language's digit grouping ("1.476", "1 476"). */
function countOf(value: string | number): number {
  return typeof value === 'number' ? value : Number(value.replace(/[\s\u00a0\u202f.,']/g, ''));
}

export interface Translate {
  <K extends MessageKey>(key: K, ...params: ParamArgs<K>): string;
  /** A message carried as data (an error's, a finding's). */
  message(message: Message): string;
  readonly lang: Lang;
}

export function translator(lang: Lang): Translate {
  const catalogue = catalogues[lang];
  const render = (key: MessageKey, params: Readonly<Record<string, Param>>): string => interpolate(catalogue[key] ?? en[key] ?? key, params, t);
  const t = Object.assign(<K extends MessageKey>(key: K, ...params: ParamArgs<K>) => render(key, params[0] ?? {}), {
    message: (m: Message) => render(m.key, m.params),
    lang,
  });
  return t;
}

/** " (closest: a, b)" after a name that is not known, or nothing when no known name is close. */
export function closestPhrase(names: readonly string[]): Phrase {
  return names.length === 0 ? { render: () => '' } : phrase('text.closest', { names: names.join(', ') });
}
