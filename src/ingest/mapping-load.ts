// The mapping an import uses: a preset (`--preset`), a mapping file (`--mapping`) on top of it, and the
// survey's structure file (`--lss`, or `lss:` in the mapping file).
import { UsageError } from '../errors.js';
import { presetMapping } from './kinds/index.js';
import type { Kind } from './kinds/kind.js';
import { combineMappings, loadMapping, withStructure, type Mapping } from './mapping.js';

export interface MappingOptions {
  preset?: string;
  mapping?: string;
  lss?: string;
}

export function importMapping(kind: Kind, options: MappingOptions): Mapping | null {
  checkStructureKind(kind, options.lss);
  const preset = options.preset ? presetMapping(kind, options.preset) : null;
  const combined = combineMappings(preset, options.mapping ? loadMapping(options.mapping, kind) : null);
  if (options.lss === undefined) return combined;
  // A structure file on its own still needs a mapping to carry it: one with no rules of its own.
  const base = combined ?? { spec: {}, source: { file: options.lss }, digest: 'lss' };
  return withStructure(base, options.lss);
}

/** `--lss` describes a LimeSurvey survey: for another kind it would do nothing, so it is refused (never ignored). */
export function checkStructureKind(kind: Kind, lss: string | undefined): void {
  if (lss !== undefined && kind !== 'survey') throw new UsageError('usage.lss_for_survey', { kind });
}
