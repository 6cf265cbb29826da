// The kind handlers as one contract: every kind has one, and what each declares fits its own layout.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { KIND_HANDLERS, handlerFor, likelyKind, presetMapping } from '../../src/ingest/kinds/index.js';
import { KINDS } from '../../src/ingest/kinds/kind.js';
import { codebook, thrown } from './helpers.js';

describe.each(KINDS)('the %s handler', (kind) => {
  const handler = handlerFor(kind);
  const layout = handler.layout(codebook);
  const names = layout.columns.map((column) => column.name);

  it('is registered under its own kind', () => {
    expect(KIND_HANDLERS[kind].kind).toBe(kind);
    expect(layout.kind).toBe(kind);
  });

  it('has a row schema field for every canonical column but answers and free text, and none for other columns', () => {
    for (const column of layout.columns) expect(layout.row.shape[column.name] !== undefined, column.name).toBe(column.type !== 'item' && column.type !== 'note');
    for (const name of Object.keys(layout.row.shape)) expect(names).toContain(name);
  });

  it('names only its own columns for its signature, identity and duplicates', () => {
    for (const name of handler.signature) expect(names).toContain(name);
    if (handler.identity) expect(names).toContain(handler.identity.column);
    if (handler.duplicates && handler.duplicates.by !== 'overlap') expect(names).toContain(handler.duplicates.column);
  });

  it('is recognised by its own signature, and never taken for another kind', () => {
    expect(likelyKind(new Set(handler.signature), kind)).toBeNull();
    for (const other of KINDS.filter((k) => k !== kind)) expect(likelyKind(new Set(handler.signature), other)).toBe(kind);
  });
});

describe('presets', () => {
  it('give the LimeSurvey mapping for surveys', () => {
    expect(presetMapping('survey', 'limesurvey')).toMatchObject({ source: { file: 'preset:limesurvey' }, digest: 'preset:limesurvey', spec: { columns: { id: 'respondent_id' } } });
  });

  it('refuse a preset of another kind, naming the kind it is for', () => {
    for (const [kind, name, own] of [['keyfigures', 'limesurvey', 'survey'], ['population', 'cbs-monitor', 'monitor'], ['monitor', 'statbel-population', 'population']] as const) {
      const error = thrown(() => presetMapping(kind, name));
      expect(error).toBeInstanceOf(UsageError);
      expect(error).toMatchObject({ detail: { key: 'usage.preset_for_kind', params: { preset: name, preset_kind: own, kind } } });
    }
  });

  it('refuse an unknown preset, listing every preset with its kind, and never take an object’s built-in names for presets', () => {
    const presets = 'limesurvey (--kind survey), cbs-monitor (--kind monitor), statbel-population (--kind population), cbs-wijken (--kind population)';
    for (const [kind, name] of [['survey', 'qualtrics'], ['signals', 'qualtrics'], ['survey', 'constructor'], ['population', '__proto__']] as const) {
      expect(thrown(() => presetMapping(kind, name))).toMatchObject({ detail: { key: 'usage.unknown_preset', params: { value: name, presets } } });
    }
  });
});
