// A zod issue of a configuration, goals or mapping file put into words in the reader's language.
import { z } from 'zod';
import { isMessageKey, phrase, type Lang, type Phrase } from '../i18n/index.js';
import { joinList } from '../render/list.js';

const LOCALES: Record<Lang, () => { localeError: z.core.$ZodErrorMap }> = { en: z.locales.en, nl: z.locales.nl, fr: z.locales.fr };

/**
 * A zod issue in the reader's language: our own schemas' messages are catalogue keys, the common issues (a
 * wrong kind of value, a number or text out of bounds, a value not among the allowed ones) our own words, the
 * rest zod's locale (whose Dutch leaves type names in English).
 */
export function issuePhrase(issue: z.core.$ZodIssue): Phrase {
  const own = ownIssuePhrase(issue);
  if (own) return own;
  return {
    render(t) {
      if (isMessageKey(issue.message)) return t.message({ key: issue.message, params: {} });
      // Parsed with reportInput, a finalised issue carries all a raw one has; zod types the two apart.
      const text = LOCALES[t.lang]().localeError(issue as z.core.$ZodRawIssue);
      return typeof text === 'string' ? text : (text?.message ?? issue.message);
    },
  };
}

/**
 * The issues a union's failure stands for. Where the value is of the kind one alternative takes (a list where
 * a list or a map is allowed), the problems are that alternative's, inside the value, each at its own key; where
 * it is of no alternative's kind, the union issue stays and is worded as "expected X or Y, found Z".
 */
export function unfoldIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const ofKind = issue.errors.filter((branch) => !branch.every(isWrongKind));
  if (ofKind.length === 0) return [issue];
  const closest = ofKind.reduce((best, branch) => (branch.length < best.length ? branch : best));
  return closest.flatMap((inner) => unfoldIssue({ ...inner, path: [...issue.path, ...inner.path] }));
}

/**
 * zod's bound on every whole number (origin `int`): the safe integer range, ±9,007,199,254,740,991, past which a
 * number is no longer exact. No count, year or setting comes near it, so the number is said to be too large.
 */
function beyondSafeRange(issue: z.core.$ZodIssue): boolean {
  return (issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'int';
}

/**
 * The issues of a failed parse, each union unfolded (unfoldIssue); a whole number past the safe range is left
 * out where the same value is also past the key's own bound, which says more (`at most 32767`).
 */
export function fileIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const unfolded = issues.flatMap(unfoldIssue);
  const at = (issue: z.core.$ZodIssue) => issue.path.map(String).join('\u0000');
  const bounded = new Set(unfolded.filter((issue) => (issue.code === 'too_big' || issue.code === 'too_small') && !beyondSafeRange(issue)).map(at));
  return unfolded.filter((issue) => !(beyondSafeRange(issue) && bounded.has(at(issue))));
}

/** An issue saying the value as a whole is of the wrong kind (not something inside it). */
function isWrongKind(issue: z.core.$ZodIssue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || (issue.code === 'invalid_union' && issue.errors.every((branch) => branch.every(isWrongKind))));
}

/** The kinds of value a union whose every alternative refused the value's kind takes (`string` and `number`, ...). */
function unionKinds(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'invalid_type') return [issue.expected];
  if (issue.code === 'invalid_union') return issue.errors.flatMap((branch) => branch.flatMap(unionKinds));
  return [];
}

/** Phrases joined as "a, b or c" in the reader's language, each said once. */
function eitherPhrase(phrases: readonly Phrase[]): Phrase {
  return { render: (t) => joinList(t, [...new Set(phrases.map((each) => each.render(t)))], 'text.or') };
}

/** The kind of value zod expects or found, in words (`int` is zod's whole number, `record` a map). */
function typePhrase(type: string): Phrase {
  switch (type) {
    case 'string':
      return phrase('schema.type_text');
    case 'number':
    case 'nan':
      return phrase('schema.type_number');
    case 'int':
      return phrase('schema.type_whole');
    case 'boolean':
      return phrase('schema.type_boolean');
    case 'array':
      return phrase('schema.type_list');
    case 'object':
    case 'record':
      return phrase('schema.type_map');
    case 'null':
      return phrase('schema.type_empty');
    case 'not_finite':
      return phrase('schema.type_not_finite');
    case 'tagged':
      return phrase('schema.type_tagged');
    case 'decimal':
      return phrase('schema.type_decimal');
    default:
      return phrase('schema.type_other');
  }
}

/**
 * What a value that a YAML tag types (`!!binary`, `!!timestamp`, `!!set`, `!!omap`) is validated as: no kind any
 * key takes, so the issue says what kind was expected there. zod would take such a value (a byte array, a Date,
 * a Map) for a map: a byte array's bytes became unknown keys (`title.0`), a Date an empty map of defaults.
 */
export const TAGGED_VALUE: unique symbol = Symbol('tagged YAML value');

/** The data as the schemas see it: every value of another kind than YAML's plain ones (TAGGED_VALUE's) replaced by TAGGED_VALUE. */
export function untagged(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(untagged);
  if (typeof data !== 'object' || data === null) return data;
  const prototype: unknown = Object.getPrototypeOf(data);
  if (prototype !== Object.prototype && prototype !== null) return TAGGED_VALUE;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, untagged(value)]));
}

/** The kind of a parsed YAML value, as typePhrase names it (a `!!binary` or `!!timestamp` value, TAGGED_VALUE, a tagged one; `.nan` and `.inf` not a finite number; `2.5` a number with decimals). */
function foundType(value: unknown): string {
  if (value === null) return 'null';
  if (value === TAGGED_VALUE) return 'tagged';
  // YAML's .nan and .inf are numbers to the parser, but no setting or target can be one
  if (typeof value === 'number' && !Number.isFinite(value)) return 'not_finite';
  // where a whole number is expected, `2029.5` is "a number with decimals", never "expected a whole number, found a number"
  if (typeof value === 'number' && !Number.isInteger(value)) return 'decimal';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null ? 'object' : 'other';
  return typeof value;
}

/** Our own words for the issues a configuration, goals or mapping file meets; undefined for the rest. */
function ownIssuePhrase(issue: z.core.$ZodIssue): Phrase | undefined {
  if (isMessageKey(issue.message)) return undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return phrase('schema.missing', { expected: typePhrase(issue.expected) });
      return phrase('schema.expected', { expected: typePhrase(issue.expected), found: typePhrase(foundType(issue.input)) });
    case 'too_big': {
      if (beyondSafeRange(issue)) return phrase('schema.whole_too_large');
      const max = Number(issue.maximum);
      if (issue.origin === 'number') return issue.inclusive === false ? phrase('schema.below', { max: String(max) }) : phrase('schema.at_most', { max: String(max) });
      if (issue.origin === 'string') return phrase('schema.text_at_most', { max: issue.inclusive === false ? max - 1 : max });
      if (issue.origin === 'array') return phrase('schema.items_at_most', { max: issue.inclusive === false ? max - 1 : max });
      return undefined;
    }
    case 'too_small': {
      if (beyondSafeRange(issue)) return phrase('schema.whole_too_small');
      const min = Number(issue.minimum);
      if (issue.origin === 'number') return issue.inclusive === false ? phrase('schema.above', { min: String(min) }) : phrase('schema.at_least', { min: String(min) });
      if (issue.origin === 'string') return phrase('schema.text_at_least', { min: issue.inclusive === false ? min + 1 : min });
      if (issue.origin === 'array') return phrase('schema.items_at_least', { min: issue.inclusive === false ? min + 1 : min });
      return undefined;
    }
    case 'invalid_union': {
      const kinds = unionKinds(issue);
      if (kinds.length === 0) return undefined;
      const expected = eitherPhrase(kinds.map(typePhrase));
      if (issue.input === undefined) return phrase('schema.missing', { expected });
      return phrase('schema.expected', { expected, found: typePhrase(foundType(issue.input)) });
    }
    case 'invalid_key': {
      if (issue.input === '') return phrase('schema.key_empty');
      const inner = issue.issues[0];
      return inner ? phrase('schema.key_invalid', { reason: issuePhrase(inner) }) : undefined;
    }
    case 'invalid_value':
      return phrase('schema.one_of', { values: issue.values.map((value) => `\`${String(value)}\``).join(', ') });
    default:
      return undefined;
  }
}
