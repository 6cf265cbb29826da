// Two export options change every text heading: "convert spaces to underscores" (`Datum_verzonden`) and
// "abbreviated question text" (`Datum laatste a.. `: each text part cut to N characters, 15 by default,
// followed by `.. `; docs/formats/limesurvey.md section 2). Words are looked up through both.
import { plainText } from '../lss.js';
import { fold } from '../values.js';

/** A heading text as a lookup key: tags and entities gone, folded, underscores read as the spaces they were. */
export function textKey(text: string): string {
  const spaced = /\s/.test(text.trim()) ? text : text.replace(/_/g, ' ');
  return fold(plainText(spaced));
}

/** The kept start of an abbreviated text key (`datum laatste a` of `datum laatste a..`), or null for a whole text. */
export function abbreviatedStart(key: string): string | null {
  if (!key.endsWith('..')) return null; // the test first: the expression backtracks over the whole key
  const match = /^(.*[^.\s])\s*\.\.$/s.exec(key);
  return match ? match[1] : null;
}

/** A key and a text it may stand for: the same, or an abbreviation of it. */
export function keyMatches(key: string, candidate: string): boolean {
  if (key === candidate) return true;
  const start = abbreviatedStart(key);
  return start !== null && candidate.length > start.length && candidate.startsWith(start);
}

/** The value of the one entry (or entries agreeing on one value) whose key the heading text is or abbreviates. */
export function lookUpText<T>(entries: Iterable<readonly [string, T]>, text: string): T | undefined {
  const key = textKey(text);
  const found = new Set<T>();
  for (const [candidate, value] of entries) {
    if (candidate === key) return value;
    if (keyMatches(key, candidate)) found.add(value);
  }
  return found.size === 1 ? [...found][0] : undefined;
}
