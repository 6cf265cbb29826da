// YAML files (config, mapping, goals) parsed with positions, so every error can point at a line.
import { basename } from 'node:path';
import { LineCounter, parseDocument, isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, visit, type Document, type Pair, type YAMLError, type YAMLMap } from 'yaml';
import type { z } from 'zod';
import { message, phrase, type Message, type Phrase } from '../i18n/index.js';
import { fileIssues, issuePhrase, untagged } from './issue-words.js';
import { closestNames } from '../ingest/values.js';
import { freeTextHoldsPersonalData, personalCode, shownMappingKey, WITHHELD } from '../ingest/privacy.js';
import { holdsControlOrDirection, holdsLineBreak } from '../ingest/name-characters.js';
import { ConfigError, failureReason, systemFailure } from '../errors.js';
import { readWhole } from '../bounded-file.js';
import { shownFilePath, shownName, undecodedPath } from '../shown-name.js';

/** Far above any real configuration, goals or mapping file; a device or a runaway file stops here, not in memory. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export interface YamlFile {
  file: string;
  data: unknown;
  /** The line of the value at a path (falls back to the nearest parent that exists). */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** A number at a path as the file writes it (`0470123456`), for a free text written as a number; undefined otherwise. */
  numberAsWritten?(path: readonly PropertyKey[]): string | undefined;
  /** Numbers not written in plain decimal digits (`1e1`, `0x0A`, `0o12`): where a whole number is needed, they are refused (wholeNotInDigits). */
  unplainNumbers?: readonly UnplainNumber[];
  /** `{fdr: 0,05}`: a decimal comma in a flow mapping, which YAML reads as two entries (`fdr: 0` and a key `05`). */
  decimalCommas?: readonly DecimalComma[];
}

/** A number written with a decimal comma in a flow mapping: the mapping's path, the two keys YAML made of it, as written. */
interface DecimalComma {
  path: Array<string | number>;
  key: string;
  stray: string;
  value: string;
}

/** A number as the file writes it other than in plain decimal digits (an exponent, hexadecimal, octal), and where. */
interface UnplainNumber {
  path: Array<string | number>;
  source: string;
  value: number;
}

export function readYamlFile(file: string): YamlFile {
  return parseYaml(file, readConfigText(file));
}

/**
 * A configuration, goals or mapping file's text; a file that cannot be read is a configuration error. Opened
 * without blocking (a pipe with no writer is refused, not waited on) and read only when a regular file of
 * at most MAX_CONFIG_BYTES.
 */
export function readConfigText(file: string): string {
  // named in messages as the store would keep the name (adversarial run r29, item 2)
  const location = { file: shownFilePath(file) };
  const bytes = readWhole(file, MAX_CONFIG_BYTES, {
    failed: (error) => unreadableConfig(file, error),
    unreadable: (reason) => new ConfigError('config.unreadable', { reason }, { location }),
    tooLarge: (size, limit) => new ConfigError('config.too_large', { size, limit }, { location }),
  });
  return utf8Text(file, bytes);
}

const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

/** What a file that is not UTF-8 is told: a configuration file's words, or a feedback file's. */
export interface NotUtf8Keys {
  utf16: 'config.utf16' | 'report.feedback_utf16';
  notUtf8: 'config.not_utf8' | 'report.feedback_not_utf8';
}

/** The file's text: UTF-8 only. A UTF-16 file (Notepad's "Unicode") or a byte of another encoding is said to be one, never parsed as garbled text. */
export function utf8Text(file: string, bytes: Buffer, keys: NotUtf8Keys = { utf16: 'config.utf16', notUtf8: 'config.not_utf8' }): string {
  if (UTF16_BOMS.some((bom) => bytes.subarray(0, 2).equals(bom))) throw new ConfigError(keys.utf16, { location: { file } });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // the first byte that is not UTF-8, on its line
    const good = Buffer.from(new TextDecoder('utf-8').decode(bytes).split('\ufffd')[0], 'utf8');
    const at = good.length;
    const line = bytes.subarray(0, at).filter((byte) => byte === 0x0a).length + 1;
    const byte = `0x${(bytes[at] ?? 0).toString(16).padStart(2, '0').toUpperCase()}`;
    throw new ConfigError(keys.notUtf8, { byte }, { location: { file, line } });
  }
}

/** What the file system's refusal to open or read a configuration-like file (also a feedback file) is said as. */
export function unreadableConfig(file: string, error: unknown): ConfigError {
  const details = { location: { file: shownFilePath(file) }, cause: error };
  const failure = systemFailure(error);
  const onDisk = failure?.code === 'ENOENT' ? undecodedPath(file) : null;
  // the file is there: said with its name's bytes escaped, never "not found"
  if (onDisk !== null) return new ConfigError('config.name_not_utf8', { location: { file: onDisk }, cause: error });
  if (failure?.code === 'ENOENT') return new ConfigError('config.missing', details);
  return new ConfigError('config.unreadable', { reason: failure ? failureReason(failure.code) : String(error) }, details);
}

export function parseYaml(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  // Keys are checked below in one pass; the library's own check compares every key with every other.
  const doc = parseDocument(text.replace(/^\ufeff/, ''), { lineCounter, prettyErrors: false, uniqueKeys: false });
  // every message names the file as the store would keep its name (`***.yaml` for `jan.peeters@telenet.be.yaml`: adversarial run r29, item 2)
  const name = shownFilePath(basename(file));
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
    const column = first.linePos?.[0]?.col ?? lineCounter.linePos(first.pos[0]).col;
    throw new ConfigError('config.yaml_syntax', { reason: yamlReason(first) }, { location: { file: name, line, column }, cause: first });
  }
  checkAliases(doc, lineCounter, name);
  checkKeys(doc, lineCounter, name);
  checkNumbers(doc, lineCounter, name);
  return {
    file: name,
    data: toData(doc, name),
    lineOf: (path) => locate(doc, lineCounter, path),
    numberAsWritten: (path) => numberSource(doc, lineCounter, path),
    unplainNumbers: unplainNumbersOf(doc),
    decimalCommas: decimalCommasOf(doc),
  };
}

/** The data path of a node from its ancestors, as the keys of the data spell it. */
function pathOf(ancestors: readonly unknown[], node: unknown): Array<string | number> {
  const path: Array<string | number> = [];
  ancestors.forEach((ancestor, i) => {
    const next = ancestors[i + 1] ?? node;
    if (isPair(ancestor) && isScalar(ancestor.key)) path.push(String(ancestor.key.value));
    else if (isSeq(ancestor)) path.push(ancestor.items.indexOf(next as never));
  });
  return path;
}

/** Every `key: 0,05` in a flow mapping: a whole number followed by a key of digits alone that has no value. */
function decimalCommasOf(doc: Document): DecimalComma[] {
  const found: DecimalComma[] = [];
  visit(doc, {
    Map(_key, node, ancestors) {
      if (!node.flow) return;
      node.items.forEach((pair, i) => {
        const next = node.items[i + 1];
        if (!next || !isScalar(pair.key) || !isScalar(pair.value) || !isScalar(next.key)) return;
        const whole = typeof pair.value.source === 'string' ? pair.value.source : '';
        const stray = typeof next.key.source === 'string' ? next.key.source : '';
        const empty = next.value === null || (isScalar(next.value) && next.value.value === null);
        if (!empty || !/^[-+]?\d+$/.test(whole) || !/^\d+$/.test(stray)) return;
        found.push({ path: pathOf(ancestors, node), key: String(next.key.value), stray, value: `${whole},${stray}` });
        found.push({ path: [...pathOf(ancestors, node), String(pair.key.value)], key: '', stray, value: `${whole},${stray}` });
      });
    },
  });
  return found;
}

/** A number written with an exponent (`1e1`, `2.5E3`), in hexadecimal (`0x0A`) or in octal (`0o12`): YAML reads each as a number. */
const UNPLAIN_NUMBER = /^[-+]?(?:(\d[\d_]*)?\.?\d*[eE][-+]?\d+|0[xX][\da-fA-F_]+|0[oO][0-7_]+)$/;

/** A number in hexadecimal or octal (`0x10`, `0o17`), which YAML reads as a number. */
const BASED_NUMBER = /^[-+]?0[xXoO]/;

/** Every plain number of the file not written in plain decimal digits (UNPLAIN_NUMBER), with its path in the data. */
function unplainNumbersOf(doc: Document): UnplainNumber[] {
  const found: UnplainNumber[] = [];
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key === 'key' || typeof node.value !== 'number' || !Number.isFinite(node.value)) return;
      const source = typeof node.source === 'string' ? node.source : '';
      if (!UNPLAIN_NUMBER.test(source)) return;
      const path: Array<string | number> = [];
      ancestors.forEach((ancestor, i) => {
        const next = ancestors[i + 1] ?? node;
        if (isPair(ancestor) && isScalar(ancestor.key)) path.push(String(ancestor.key.value));
        else if (isSeq(ancestor)) path.push(ancestor.items.indexOf(next as never));
      });
      found.push({ path, source, value: node.value });
    },
  });
  return found;
}

/** The data with the value at `path` replaced. */
function replacedAt(data: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [step, ...rest] = path;
  if (Array.isArray(data)) return data.map((item, i) => (i === step ? replacedAt(item, rest, value) : item));
  if (typeof data === 'object' && data !== null) return { ...data, [step]: replacedAt((data as Record<string, unknown>)[String(step)], rest, value) };
  return data;
}

const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => a.length === b.length && a.every((step, i) => String(step) === String(b[i]));

/** True when an issue, or one inside a union's alternatives (`text or whole number`), says a whole number is needed at `path`. */
function wholeNeededAt(issue: z.core.$ZodIssue, path: readonly PropertyKey[], within: readonly PropertyKey[] = []): boolean {
  const at = [...within, ...issue.path];
  if (issue.code === 'invalid_type' && issue.expected === 'int') return samePath(at, path);
  if (issue.code === 'invalid_union') return issue.errors.some((branch) => branch.some((inner) => wholeNeededAt(inner, path, at)));
  return false;
}

/**
 * Numbers not written in plain decimal digits where the schema needs a whole number (`min_cell: 1e1`,
 * `min_cell: 0x0A`, `deadline: 0o3755`): refused, saying to write the digits (10), as a data file's cell is.
 * Such a place is found by asking the schema about the value plus one half: a whole number is needed there
 * when that is refused as not whole (also by every alternative of a union: a year is text or a whole number).
 */
function wholeNotInDigits(yamlFile: YamlFile, schema: z.ZodType): ConfigError[] {
  return (yamlFile.unplainNumbers ?? []).flatMap(({ path, source, value }) => {
    const probe = schema.safeParse(replacedAt(yamlFile.data, path, value + 0.5));
    const needsWhole = !probe.success && probe.error.issues.some((issue) => wholeNeededAt(issue, path));
    // hexadecimal and octal are no way to write a share or a target either (`target: 0x10` was read as 16:
    // adversarial run r36, minor); an exponent is, where a fraction is allowed (`target: 1e-1`)
    const reason = needsWhole
      ? phrase('schema.whole_in_digits', { value: source, whole: Number.isSafeInteger(value) ? String(value) : source })
      : BASED_NUMBER.test(source)
        ? phrase('schema.number_in_digits', { value: source, number: String(value) })
        : null;
    if (reason === null) return [];
    return [new ConfigError('config.invalid', { key: path.map(String).join('.'), reason }, { location: { file: yamlFile.file, line: yamlFile.lineOf(path) } })];
  });
}

/** A place of a file's free text that the tool prints as written (a goal's title, a label): its keys, `*` for any key or list position. */
export type FreeTextPlace = readonly string[];

/**
 * Free texts printed as written on one line: refused at their line, the text itself never shown, when they hold
 * a line break (holdsLineBreak: it would start a line that passes for the tool's own), a control character
 * (holdsControlOrDirection: an escape sequence prints other than it is and breaks a table's layout, a direction
 * override reorders the text after it), or personal data
 * (freeTextHoldsPersonalData: an e-mail address, a phone number, an IBAN, a title and a name, a street and
 * number), as it would be printed in reports.
 */
function freeTextProblems(yamlFile: YamlFile, places: readonly FreeTextPlace[]): ConfigError[] {
  const found: ConfigError[] = [];
  const walk = (value: unknown, place: FreeTextPlace, path: Array<string | number>): void => {
    if (place.length === 0) {
      // a free text written as a number (`id: 85073003328`, `id: 0470123456`) is judged as the file writes it (r21b)
      if (typeof value === 'number') value = yamlFile.numberAsWritten?.(path) ?? String(value);
      if (typeof value !== 'string') return;
      const at = { location: { file: yamlFile.file, line: yamlFile.lineOf(path) } };
      if (holdsLineBreak(value)) found.push(new ConfigError('config.text_line_break', { key: shownKeyPath(path) }, at));
      // an escape sequence in a label broke the table it was laid out in (adversarial run r20b): refused as a district's is;
      // a direction override reordered a goal's title in every output, `check --format xlsx` included (adversarial run r31, C1)
      else if (holdsControlOrDirection(value)) found.push(new ConfigError('config.text_control', { key: shownKeyPath(path) }, at));
      else if (freeTextHoldsPersonalData(value)) found.push(new ConfigError('config.personal_text', { key: shownKeyPath(path) }, at));
      return;
    }
    const [step, ...rest] = place;
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((item, i) => [i, item]) : typeof value === 'object' && value !== null ? Object.entries(value) : [];
    for (const [key, item] of entries) if (step === '*' || step === String(key)) walk(item, rest, [...path, key]);
  };
  for (const place of places) walk(yamlFile.data, place, []);
  return found;
}

/**
 * A place of a file's codes (an item's name, an indicator's id, a theme): its keys as a FreeTextPlace's, and the
 * last step EACH_KEY where the codes are the keys of a mapping (`codebook.items`).
 */
export type CodePlace = readonly string[];

/** The last step of a CodePlace whose codes are the keys of the mapping there, not its values. */
export const EACH_KEY = '<key>';

/** A code's words as a name is written (`jan_peeters` -> `Jan Peeters`, `dhr_peeters` -> `Dhr Peeters`): `_` read as a space, each word capitalised. */
function codeAsWords(code: string): string {
  return code
    .split(/[_\s]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * True for a code a configuration declares or names that holds personal data: one a code column's cell would
 * refuse as written (`personalCode`: `tel_0470123456`, `be71096123456769`, `kerkstraat_12`), or whose words, written
 * as a name is (`codeAsWords`), are a free text's personal data (`freeTextHoldsPersonalData`: `dhr_peeters` is
 * `Dhr Peeters`, a title and a name). A declared code is stored, printed by `codebook` and names a survey's
 * column, so it is judged as an imported code is, and more: a user writes it in lower case with `_`, where a cell
 * would hold `Dhr. Peeters` (adversarial run r29, item 1). The words are not judged by `personalCode`, which
 * takes any two capitalised words for a name (`Police Cafe`), nor with `_` as a space alone (`zone 3` reads as a
 * street and number).
 */
export function personalConfigCode(code: string): boolean {
  return personalCode(code) || freeTextHoldsPersonalData(codeAsWords(code));
}

/** Every value at a place of the data (`*` any key or list position; EACH_KEY the keys of a mapping), with its path. */
function valuesAt(data: unknown, place: readonly string[], path: Array<string | number> = []): Array<[unknown, Array<string | number>]> {
  if (place.length === 0) return [[data, path]];
  const [step, ...rest] = place;
  const entries: Array<[string | number, unknown]> = Array.isArray(data) ? data.map((item, i) => [i, item]) : typeof data === 'object' && data !== null ? Object.entries(data) : [];
  if (step === EACH_KEY) return rest.length === 0 && !Array.isArray(data) ? entries.map(([key]): [unknown, Array<string | number>] => [key, [...path, key]]) : [];
  return entries.filter(([key]) => step === '*' || step === String(key)).flatMap(([key, item]) => valuesAt(item, rest, [...path, key]));
}

/**
 * The codes at `places` that hold personal data (personalConfigCode): refused at their line, the code never shown,
 * a key that is the code withheld in the key's path too (`codebook.items.***`).
 */
function codeProblems(yamlFile: YamlFile, places: readonly CodePlace[]): ConfigError[] {
  return places.flatMap((place) =>
    valuesAt(yamlFile.data, place).flatMap(([value, path]) => {
      if (typeof value !== 'string' || !personalConfigCode(value)) return [];
      const shown = place[place.length - 1] === EACH_KEY ? `${shownKeyPath(path.slice(0, -1))}.${WITHHELD}` : shownKeyPath(path);
      return [new ConfigError('config.personal_code', { key: shown }, { location: { file: yamlFile.file, line: yamlFile.lineOf(path) } })];
    }),
  );
}

/** The problems found once the file's shape is right: whole numbers not in plain digits, line breaks or personal data in free texts and codes; in line order. */
function afterShape(yamlFile: YamlFile, schema: z.ZodType, freeTexts: readonly FreeTextPlace[], codes: readonly CodePlace[]): ConfigError[] {
  return [...wholeNotInDigits(yamlFile, schema), ...freeTextProblems(yamlFile, freeTexts), ...codeProblems(yamlFile, codes)].sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0));
}

/**
 * What is wrong with the YAML, in the reader's language: by the parser's error code, and for the commonest
 * mistakes (a bracket or quote left open) by its sentence. The parser's English stays the cause (--verbose).
 */
export function yamlReason(error: YAMLError): Phrase {
  const text = error.message.split('\n')[0];
  const bracket = /must (?:be sufficiently indented and )?end with an? ([\]}])/.exec(text);
  if (bracket && (error.code === 'MISSING_CHAR' || error.code === 'BAD_INDENT')) return phrase('yaml.unclosed_bracket', { bracket: bracket[1] });
  const quote = /^Missing closing (["'])quote/.exec(text);
  if (quote) return phrase('yaml.unclosed_quote', { quote: quote[1] });
  switch (error.code) {
    case 'BAD_INDENT':
      return phrase('yaml.indent');
    case 'TAB_AS_INDENT':
      return phrase('yaml.tab');
    case 'MULTILINE_IMPLICIT_KEY':
      return phrase('yaml.multiline_key');
    case 'MISSING_CHAR':
      return /map keys need to be followed by map values/i.test(text) ? phrase('yaml.no_value') : phrase('yaml.missing_char');
    case 'BAD_SCALAR_START': {
      const reserved = /reserved character (\S)\s*$/.exec(text);
      return reserved ? phrase('yaml.reserved_start', { char: reserved[1] }) : phrase('yaml.unexpected');
    }
    case 'BAD_DQ_ESCAPE':
      return phrase('yaml.escape');
    case 'MULTIPLE_DOCS':
      return phrase('yaml.documents');
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'BLOCK_IN_FLOW':
      return phrase('yaml.unexpected');
    default:
      return phrase('yaml.structure');
  }
}

/** The document as plain data; the library's alias limit (its defence against alias bombs) becomes a configuration error. */
function toData(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new ConfigError('config.yaml_syntax', { reason: phrase('config.yaml_aliases') }, { location: { file }, cause: error });
    }
    throw error;
  }
}

/**
 * Every number of the file read as written: one too close to 0 to be held (`1e-400`, read as 0) or too large
 * (`1e400`, read as infinity) is out of range, refused at its line, never taken as 0 or infinity. `.inf` and
 * `0.0` are what they say.
 */
function checkNumbers(doc: Document, lineCounter: LineCounter, file: string): void {
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key === 'key' || typeof node.value !== 'number') return;
      const source = typeof node.source === 'string' ? node.source : '';
      const mantissa = source.split(/[eE]/)[0];
      const vanished = node.value === 0 && /[1-9]/.test(mantissa);
      const overflowed = !Number.isFinite(node.value) && /\d/.test(source);
      if (!vanished && !overflowed) return;
      const line = node.range ? lineCounter.linePos(node.range[0]).line : undefined;
      const reason = vanished ? phrase('schema.number_too_small', { value: source }) : phrase('schema.number_too_large', { value: source });
      throw new ConfigError('config.invalid', { key: pathOf(ancestors, node).join('.'), reason }, { location: { file, line } });
    },
  });
}

/**
 * No alias inside the value its own anchor names (`goals: &x [*x]`, `&a { <<: *a }`): the value would hold itself
 * without end, and every reader of it (the schemas, the checks) would recurse until the stack ran out (exit 70,
 * adversarial run r21b). Refused at the alias's line, as an alias bomb is.
 */
function checkAliases(doc: Document, lineCounter: LineCounter, file: string): void {
  visit(doc, {
    Alias(_, alias, ancestors) {
      const target = alias.resolve(doc);
      const line = alias.range ? lineCounter.linePos(alias.range[0]).line : undefined;
      // an alias with no anchor before it (`*jan_0470123456`) was reported as an alias bomb (adversarial run r31, item 5)
      if (target === undefined) throw new ConfigError('config.yaml_syntax', { reason: phrase('config.yaml_alias_undefined', { alias: shownAlias(alias.source) }) }, { location: { file, line } });
      if (!ancestors.includes(target)) return;
      throw new ConfigError('config.yaml_syntax', { reason: phrase('config.yaml_alias_cycle', { alias: shownAlias(alias.source) }) }, { location: { file, line } });
    },
  });
}

/**
 * An alias as a message shows it: `*name`, or WITHHELD when its name is a code holding personal data
 * (`personalConfigCode`: `*jan_0470123456`): an anchor's name is the user's own word, as a declared code is, and
 * was echoed raw (adversarial run r31, item 5).
 */
function shownAlias(name: string): string {
  return personalConfigCode(name) ? WITHHELD : `*${shownName(name)}`;
}

/**
 * Every map's keys plain and distinct: a duplicate names both lines, a list or map as a key is refused (never
 * stringified), and so is `__proto__`.
 */
function checkKeys(doc: Document, lineCounter: LineCounter, file: string): void {
  const at = (node: unknown) => {
    const range = isNode(node) ? node.range : undefined;
    if (!range) return { file };
    const { line, col } = lineCounter.linePos(range[0]);
    return { file, line, column: col };
  };
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, unknown>();
      for (const pair of map.items) {
        const key: unknown = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
        if (isCollection(key)) throw new ConfigError('config.yaml_syntax', { reason: phrase('config.yaml_collection_key') }, { location: at(pair.key) });
        const name = isScalar(key) ? String(key.value) : String(key ?? '');
        // an object's key `__proto__` sets its prototype: a rename or a code so named would be dropped without a word
        if (name === '__proto__') throw new ConfigError('config.yaml_syntax', { reason: phrase('config.yaml_proto_key') }, { location: at(pair.key) });
        const first = seen.get(name);
        if (first !== undefined) {
          const reason = phrase('config.yaml_duplicate_key', { key: shownDuplicateKey(name), first_line: at(first).line ?? '?' });
          throw new ConfigError('config.yaml_syntax', { reason }, { location: at(pair.key) });
        }
        seen.set(name, pair.key);
      }
    },
  });
}

/**
 * A key given twice as its message shows it: withheld as an unknown key's step is (`shownKeyStep`), and also when
 * it looks like data as a file's heading (`shownMappingKey`: `Contact[Marie Dubois]`), since a mapping's keys are the
 * headings of a data file; the message names both lines, so a place name withheld by the heading rule
 * (`Gent Centrum`) is still found. It echoed the key raw (adversarial run r31, B3c).
 */
function shownDuplicateKey(key: string): string {
  return shownName(shownMappingKey(key));
}

/** The line of the key (for maps) or item (for sequences) at `path`, or of the deepest parent that exists. */
function locate(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  return walkTo(doc, lineCounter, path).line;
}

/** A number at a path as the file writes it (`0470123456`, which YAML reads as 470123456), or undefined. */
function numberSource(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): string | undefined {
  const { node, reached } = walkTo(doc, lineCounter, path);
  return reached && isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string' ? node.source : undefined;
}

/** A mapping's first pair by each key, made once per mapping: looking every key of a long mapping up was quadratic. */
const PAIRS_BY_KEY = new WeakMap<object, Map<string, Pair<unknown, unknown>>>();

/**
 * A mapping's first pair with this key (as `find` would), from an index made the first time the mapping is walked:
 * `districts:` with 200,000 renames had each one's line looked up by a walk over all of them (adversarial run r25, F3:
 * 40,000 took 15 s, 200,000 more than ten minutes).
 */
function pairByKey(map: YAMLMap<unknown, unknown>, key: string): Pair<unknown, unknown> | undefined {
  let index = PAIRS_BY_KEY.get(map);
  if (index === undefined) {
    index = new Map();
    for (const item of map.items) {
      if (!isScalar(item.key)) continue;
      const name = String(item.key.value);
      if (!index.has(name)) index.set(name, item);
    }
    PAIRS_BY_KEY.set(map, index);
  }
  return index.get(key);
}

/** The node at a path, whether the whole path was found, and the line of the deepest step that was. */
function walkTo(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): { node: unknown; reached: boolean; line: number | undefined } {
  let node: unknown = doc.contents;
  let line = isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  let reached = true;
  for (const step of path) {
    if (isMap(node)) {
      const pair = pairByKey(node, String(step));
      if (!pair) {
        reached = false;
        break;
      }
      if (isNode(pair.key) && pair.key.range) line = lineCounter.linePos(pair.key.range[0]).line;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(step)];
      if (!isNode(item)) {
        reached = false;
        break;
      }
      if (item.range) line = lineCounter.linePos(item.range[0]).line;
      node = item;
    } else {
      reached = false;
      break;
    }
  }
  return { node, reached, line };
}

/**
 * Validates parsed YAML with a zod schema (and its free texts, at `freeTexts`, and codes, at `codes`, for personal data); a problem
 * becomes a ConfigError naming key and line: an unknown key
 * first (a misspelled key also makes its intended key "missing", and the misspelling is the real cause), with
 * the closest key the schema knows there. The issue travels as data (its input kept) and is put into words
 * only when shown, in the reader's language.
 */
export function validateYaml<S extends z.ZodType>(yamlFile: YamlFile, schema: S, freeTexts: readonly FreeTextPlace[] = [], codes: readonly CodePlace[] = []): z.output<S> {
  const result = schema.safeParse(untagged(yamlFile.data), { reportInput: true });
  if (result.success) {
    const [problem] = afterShape(yamlFile, schema, freeTexts, codes);
    if (problem) throw problem;
    return result.data;
  }
  const issues = fileIssues(result.error.issues);
  throw problemAt(yamlFile, schema, issues.find((issue) => issue.code === 'unrecognized_keys') ?? issues[0]);
}

/**
 * Every problem zod finds in a file, in line order (`safety-scan validate` lists them all). A key reported
 * missing where the same object has an unknown key is left out: the unknown key is its misspelling.
 */
export function yamlProblems(yamlFile: YamlFile, schema: z.ZodType, freeTexts: readonly FreeTextPlace[] = [], codes: readonly CodePlace[] = []): ConfigError[] {
  const result = schema.safeParse(untagged(yamlFile.data), { reportInput: true });
  if (result.success) return afterShape(yamlFile, schema, freeTexts, codes);
  const issues = fileIssues(result.error.issues);
  const misspelt = new Set(issues.filter((issue) => issue.code === 'unrecognized_keys').map((issue) => issue.path.map(String).join('.')));
  const missingBesideMisspelt = (issue: z.core.$ZodIssue) =>
    issue.code === 'invalid_type' && issue.input === undefined && misspelt.has(issue.path.slice(0, -1).map(String).join('.'));
  return issues
    .filter((issue) => !missingBesideMisspelt(issue))
    .flatMap((issue): z.core.$ZodIssue[] => (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ ...issue, keys: [key] })) : [issue]))
    .map((issue) => problemAt(yamlFile, schema, issue))
    .sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0));
}

/**
 * A key's path as messages show it: an empty step as `""`, and a step that holds personal data (a key written as
 * an e-mail address or a titled name: `weighting."Dr. J. Peeters"`) as `***`, as a value is (adversarial run r21b).
 */
function shownKeyPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map(shownKeyStep).join('.');
}

/** One step of a key's path as `shownKeyPath` shows it. */
function shownKeyStep(step: PropertyKey): string {
  return step === '' ? '""' : typeof step === 'string' && freeTextHoldsPersonalData(step) ? WITHHELD : String(step);
}

function problemAt(yamlFile: YamlFile, schema: z.ZodType, issue: z.core.$ZodIssue): ConfigError {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]);
  const key = path.length > 0 ? shownKeyPath(path) : phrase('schema.top_level');
  const location = { file: yamlFile.file, line: yamlFile.lineOf(path) };
  const comma = (yamlFile.decimalCommas ?? []).find((found) =>
    issue.code === 'unrecognized_keys' ? found.key === issue.keys[0] && samePath(found.path, issue.path) : found.key === '' && samePath(found.path, issue.path),
  );
  const commaHint = comma ? message('hint.decimal_comma', { value: comma.value, number: comma.value.replace(',', '.') }) : undefined;
  if (issue.code === 'unrecognized_keys' && comma) {
    // the key as written (`05`), not as YAML read it (`5`)
    return new ConfigError('config.unknown_key', { key: shownKeyPath([...issue.path, comma.stray]) }, { location, hint: commaHint });
  }
  if (issue.code === 'unrecognized_keys') {
    const suggestion = closestNames(issue.keys[0], keysAt(schema, issue.path)).join(', ');
    if (suggestion !== '') return new ConfigError('config.unknown_key_suggest', { key, suggestion }, { location });
    return new ConfigError('config.unknown_key', { key }, { location });
  }
  return new ConfigError('config.invalid', { key, reason: issuePhrase(issue) }, { location, hint: commaHint ?? hintFor(issue) });
}

/** A hint for the mistakes Belgian and Dutch users make: a decimal comma, a percentage where a proportion is asked. */
function hintFor(issue: z.core.$ZodIssue): Message | undefined {
  const input: unknown = issue.input;
  if (issue.code === 'invalid_type' && issue.expected === 'number' && typeof input === 'string' && /^[+-]?\d+,\d+$/.test(input.trim())) {
    return message('hint.decimal_comma', { value: input.trim(), number: input.trim().replace(',', '.') });
  }
  if (issue.code === 'too_big' && typeof input === 'number' && Number(issue.maximum) <= 1 && input > 1 && input <= 100) {
    return message('hint.proportion', { value: input, proportion: input / 100 });
  }
  return undefined;
}

/** The keys an object of the schema knows at a path of the data (through optional, default, array, record...). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.core.$ZodType | undefined = schema;
  const unwrap = (type: z.core.$ZodType): z.core.$ZodType => {
    const def = type._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.innerType) return unwrap(def.innerType);
    if (def.type === 'pipe' && def.in) return unwrap(def.in);
    return type;
  };
  for (const step of path) {
    if (!node) return [];
    const def = unwrap(node)._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType; valueType?: z.core.$ZodType };
    if (def.type === 'object') node = def.shape?.[String(step)];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return [];
  }
  if (!node) return [];
  const def = unwrap(node)._zod.def as { type: string; shape?: Record<string, z.core.$ZodType> };
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
