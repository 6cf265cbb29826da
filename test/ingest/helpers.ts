// Fixtures for the import pipeline's own tests: files as objects in a throwaway folder, a real store, a request.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInCodebook } from '../../src/config/codebook.js';
import { translator } from '../../src/i18n/index.js';
import { handlerFor } from '../../src/ingest/kinds/index.js';
import type { Kind } from '../../src/ingest/kinds/kind.js';
import type { Mapping, MappingSpec } from '../../src/ingest/mapping.js';
import type { ImportRequest } from '../../src/ingest/outcome.js';
import { Store } from '../../src/store/db.js';
import { scratchFolder } from '../helpers/scratch.js';

export const codebook = builtInCodebook();
export const t = translator('en');
export const ITEMS = codebook.items.map((item) => item.name);

export function layoutOf<K extends Kind>(kind: K) {
  return handlerFor(kind).layout(codebook);
}

export function mapping(spec: MappingSpec, file = 'mapping.yaml'): Mapping {
  return { spec, source: { file }, digest: JSON.stringify(spec) };
}

/** The error `work` throws, to look at its key and parameters. */
export function thrown(work: () => unknown): { key?: string; params?: Record<string, unknown> } & Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

export async function rejected(work: Promise<unknown>): Promise<{ key?: string; params?: Record<string, unknown> } & Error> {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** A throwaway folder with files written from an object, and a store in it. */
export class Scratch {
  readonly dir = scratchFolder('safety-scan-ingest-');
  private readonly stores: Store[] = [];

  path(name: string): string {
    return join(this.dir, name);
  }

  /** Writes a CSV from lines (joined with LF) and returns its path. */
  file(name: string, lines: string[]): string {
    const path = this.path(name);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  }

  store(name = 'store.db'): Store {
    const store = Store.open(this.path(name), { mode: 'write' });
    this.stores.push(store);
    return store;
  }

  request(kind: Kind, file: string, options: Partial<ImportRequest> = {}): ImportRequest {
    return {
      kind,
      file,
      codebook,
      mapping: null,
      strict: false,
      dryRun: false,
      replace: false,
      read: {},
      storePath: this.path('store.db'),
      t,
      now: () => '2026-11-28T16:52:03.117Z',
      ...options,
    };
  }

  remove(): void {
    for (const store of this.stores) store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A survey row with every item answered `answer` (a CSV line for SURVEY_HEADER). */
export const SURVEY_HEADER = ['respondent_id', 'wave', 'district', 'sex', 'age', ...ITEMS].join(';');

export function surveyLine(id: string, wave: string, district: string, sex: string, age: string, answer = '2'): string {
  return [id, wave, district, sex, age, ...ITEMS.map((item) => (item === 'avoid_places' || item === 'victim_any' ? '1' : answer))].join(';');
}
