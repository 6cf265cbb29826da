// The kind handlers, one per kind: adding a kind is adding a handler here, not a branch in the pipeline.
import { UsageError } from '../../errors.js';
import { presetSource, type Mapping } from '../mapping.js';
import type { KindHandler } from './handler.js';
import { KINDS, type Kind } from './kind.js';
import { keyfiguresHandler } from './keyfigures.js';
import { monitorHandler } from './monitor.js';
import { populationHandler } from './population.js';
import { signalsHandler } from './signals.js';
import { surveyHandler } from './survey.js';

export const KIND_HANDLERS: { readonly [K in Kind]: KindHandler<K> } = {
  survey: surveyHandler,
  keyfigures: keyfiguresHandler,
  monitor: monitorHandler,
  population: populationHandler,
  signals: signalsHandler,
};

/** The handler of one kind, typed by that kind (indexing the registry with a plain Kind would give a union). */
export function handlerFor<K extends Kind>(kind: K): KindHandler<K> {
  return KIND_HANDLERS[kind];
}

/** The kind whose signature columns this header matches best, if clearly another one. */
export function likelyKind(present: ReadonlySet<string>, expected: Kind): Kind | null {
  let best: { match: Kind; score: number } | null = null;
  for (const match of KINDS) {
    const signature = KIND_HANDLERS[match].signature;
    const score = signature.filter((name) => present.has(name)).length / signature.length;
    if (!best || score > best.score) best = { match, score };
  }
  return best && best.match !== expected && best.score >= 0.75 ? best.match : null;
}

/** A built-in mapping by name, if this kind accepts it: a preset of another kind is refused as such. */
export function presetMapping(kind: Kind, name: string): Mapping {
  const own = KIND_HANDLERS[kind].presets;
  if (Object.hasOwn(own, name)) {
    return { spec: own[name], source: { file: presetSource(name) }, digest: presetSource(name) };
  }
  const elsewhere = KINDS.find((other) => Object.hasOwn(KIND_HANDLERS[other].presets, name));
  if (elsewhere !== undefined) throw new UsageError('usage.preset_for_kind', { preset: name, preset_kind: elsewhere, kind });
  const names = KINDS.flatMap((other) => Object.keys(KIND_HANDLERS[other].presets).map((preset) => `${preset} (--kind ${other})`));
  throw new UsageError('usage.unknown_preset', { value: name, presets: names.join(', ') });
}
