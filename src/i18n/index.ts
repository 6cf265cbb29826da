// The message catalogue: every human-facing string of the tool, in English, Dutch and French.
import { en } from './en.js';
import { nl } from './nl.js';
import { fr } from './fr.js';

export const LANGS = ['en', 'nl', 'fr'] as const;
export type Lang = (typeof LANGS)[number];
export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number | null | undefined>;
export type Catalogue = Record<MessageKey, string>;

export const catalogues: Record<Lang, Catalogue> = { en, nl, fr };

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** Fills `{name}` placeholders; a placeholder without a value stays visible so a missing parameter is noticed. */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

export interface Translate {
  (key: MessageKey, params?: MessageParams): string;
  readonly lang: Lang;
}

export function translator(lang: Lang): Translate {
  const catalogue = catalogues[lang];
  const t = (key: MessageKey, params?: MessageParams) => interpolate(catalogue[key] ?? en[key] ?? key, params);
  return Object.assign(t, { lang });
}
