// YAML files (config, mapping, goals) parsed with positions, so every error can point at a line.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LineCounter, parseDocument, isMap, isNode, isScalar, isSeq, type Document } from 'yaml';
import { z } from 'zod';
import type { Lang } from '../i18n/index.js';
import { ConfigError } from '../errors.js';

export interface YamlFile {
  file: string;
  data: unknown;
  /** The line of the value at a path (falls back to the nearest parent that exists). */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export function readYamlFile(file: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(code === 'ENOENT' ? 'config.missing' : 'config.unreadable', { file, reason: code ?? '' }, { file });
  }
  return parseYaml(file, text);
}

export function parseYaml(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\ufeff/, ''), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const name = basename(file);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
    const column = first.linePos?.[0]?.col ?? lineCounter.linePos(first.pos[0]).col;
    throw new ConfigError('config.yaml_syntax', { file: name, line, reason: first.message.split('\n')[0] }, { file: name, line, column });
  }
  return { file: name, data: doc.toJS() ?? {}, lineOf: (path) => locate(doc, lineCounter, path) };
}

/** The line of the key (for maps) or item (for sequences) at `path`, or of the deepest parent that exists. */
function locate(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let line = isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
      if (!pair) break;
      if (isNode(pair.key) && pair.key.range) line = lineCounter.linePos(pair.key.range[0]).line;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(step)];
      if (!isNode(item)) break;
      if (item.range) line = lineCounter.linePos(item.range[0]).line;
      node = item;
    } else break;
  }
  return line;
}

/** Validates parsed YAML with a zod schema; the first issue becomes a ConfigError naming key, line and expectation. */
export function validateYaml<S extends z.ZodType>(yamlFile: YamlFile, schema: S, lang: Lang): z.output<S> {
  z.config(lang === 'nl' ? z.locales.nl() : lang === 'fr' ? z.locales.fr() : z.locales.en());
  const result = schema.safeParse(yamlFile.data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...(issue.path as PropertyKey[])];
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]);
  const key = path.length > 0 ? path.map(String).join('.') : '(top level)';
  const line = yamlFile.lineOf(path) ?? '?';
  const location = { file: yamlFile.file, line: typeof line === 'number' ? line : undefined, column: key };
  if (issue.code === 'unrecognized_keys') {
    throw new ConfigError('config.unknown_key', { file: yamlFile.file, line, key }, location);
  }
  throw new ConfigError('config.invalid', { file: yamlFile.file, line, key, reason: issue.message }, location);
}
