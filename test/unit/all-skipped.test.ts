// The error for a file whose every row was skipped names why: the mapping's `skip:` rules, or ages outside the
// population's age groups (adversarial run r14, F10a: rows all under 15 were blamed on a mapping never used).
import { describe, expect, it } from 'vitest';
import type { FiguresAccount, RowCounts } from '../../src/ingest/outcome.js';
import { noUsableRows } from '../../src/ingest/verdict.js';

const rows = (skipped: number): RowCounts => ({ read: skipped, valid: 0, stored: 0, rejected: 0, skipped, blank: 0 });
const ages = (younger: number, older: number): FiguresAccount => ({
  combined: { rows: 0, figures: 0 },
  younger: { age: 15, rows: younger, residents: younger * 10 },
  older: { age: 89, rows: older, residents: older * 10 },
  rowsLeftOut: younger + older,
});
const context = { rejectsFile: null, leftOut: 0, percentColumns: new Set<string>(), storedIn: [] };

describe('noUsableRows for rows all skipped', () => {
  it.each([
    ['no account (a survey)', rows(4), null, 'input.all_skipped', { rows: 4 }],
    ['no age left out', rows(4), ages(0, 0), 'input.all_skipped', { rows: 4 }],
    ['all younger', rows(4), ages(4, 0), 'input.all_younger', { rows: 4, age: 15 }],
    ['all older', rows(4), ages(0, 4), 'input.all_older', { rows: 4, age: 89 }],
    ['younger and older', rows(4), ages(1, 3), 'input.all_outside_ages', { rows: 4, young: 15, old: 89 }],
    ['ages and skip rules', rows(5), ages(1, 3), 'input.all_skipped_or_outside_ages', { rows: 5, ages: 4, skipped: 1 }],
  ] as const)('%s', (_, counts, account, key, params) => {
    const error = noUsableRows('p.csv', counts, [], { ...context, ages: account });
    expect(error.detail).toEqual({ key, params });
  });
});
