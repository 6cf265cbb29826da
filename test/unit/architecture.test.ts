// The shape of the code, checked: no import cycle (static, type-only or dynamic), no SQL outside the store,
// no casts of options in the command layer, and no citation of a methods document the repository lacks.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const files = sourceFiles(SRC);
const text = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));

/** Every module a file imports or re-exports, statically, for types only, or dynamically. */
function importsOf(file: string): string[] {
  const source = text.get(file)!;
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\b[^'"`;]*?from\s+'([^']+)'/gms),
    ...source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
    ...source.matchAll(/^\s*import\s+'([^']+)'/gm),
  ].map((match) => match[1]);
  return specifiers.filter((specifier) => specifier.startsWith('.')).map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
}

/** The import cycles of the graph, each as the files around it (Tarjan's strongly connected components). */
function importCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe('the architecture', () => {
  it('finds cycles when there are some (the check itself can fail)', () => {
    expect(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(importCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('has no import cycle, counting type-only and dynamic imports', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const unresolved = [...graph.values()].flat().filter((target) => !text.has(target));
    expect(unresolved).toEqual([]);
    expect(importCycles(graph).map((cycle) => cycle.map((file) => relative(SRC, file)))).toEqual([]);
  });

  it('keeps SQL inside src/store', () => {
    const outside = files.filter((file) => !relative(SRC, file).startsWith('store/') && /\.prepare\(|\bdb\.(exec|prepare|pragma|transaction)\b/.test(text.get(file)!));
    expect(outside.map((file) => relative(SRC, file))).toEqual([]);
  });

  it('casts no options in the command layer', () => {
    const casts = files
      .filter((file) => relative(SRC, file).startsWith('cli/'))
      .flatMap((file) => text.get(file)!.split('\n').map((line, i) => ({ file, line: i + 1, code: line.replace(/\/\/.*$|^\s*\*.*$|^\s*\/\*\*.*$/, '') })))
      .filter(({ code }) => / as (?!const\b)|!\./.test(code));
    expect(casts.map(({ file, line, code }) => `${relative(SRC, file)}:${line}: ${code.trim()}`)).toEqual([]);
  });

  it('cites the methods the repository holds (docs/methods.md), never an internal document', () => {
    const citing = sourceFiles(join(ROOT, 'test')).concat(files).filter((file) => readFileSync(file, 'utf8').includes('statistics' + '.md'));
    expect(citing.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
