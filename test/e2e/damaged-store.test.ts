// A store damaged inside (a JSON list or a column blob changed outside safety-scan) is a store error (exit 5)
// naming the store and the batch, never an internal error or a silently wrong answer.
import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { explain, useDemoZone } from '../helpers/cli.js';

const zone = useDemoZone();

/** A copy of the demo store with one change made by SQL. */
function damaged(name: string, sql: string): string {
  const copy = zone.path(`${name}.db`);
  copyFileSync(zone.path('zone', 'safety-scan.db'), copy);
  const db = new Database(copy);
  db.exec(sql);
  db.close();
  return copy;
}

describe('a damaged store', () => {
  it.each([
    ['a batch’s waves are not JSON', 'status', "UPDATE batches SET waves = '[2026' WHERE id = 2"],
    ['a batch’s details are a list', 'status', "UPDATE batches SET details = '[]' WHERE id = 2"],
    ['a batch of an unknown kind', 'status', "UPDATE batches SET kind = 'nosuch' WHERE id = 2"],
    ['a chunk’s district names are not a list', 'indicators', "UPDATE survey_chunks SET districts = '{\"a\":1}' WHERE wave = '2026'"],
    ['a column blob is cut short', 'indicators', "UPDATE survey_columns SET data = substr(data, 1, 10) WHERE wave = '2026' AND name = 'age'"],
    ['a column is text instead of a blob', 'indicators', "UPDATE survey_columns SET data = 'x' WHERE wave = '2026' AND name = 'sex'"],
    ['a district code points past the names', 'indicators', "UPDATE survey_chunks SET districts = '[\"Oudegem\"]' WHERE wave = '2026'"],
    ['a chunk’s row count is negative', 'indicators', "UPDATE survey_chunks SET rows = -1 WHERE wave = '2026'"],
    ['a chunk’s row count is past a chunk', 'indicators', "UPDATE survey_chunks SET rows = 1e12 WHERE wave = '2026'"],
  ])('%s: %s is exit 5 naming the store', async (_what, command, sql) => {
    const store = damaged(command + sql.length, sql);
    const run = await zone.run(['--store', store, command]);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain(`${store} is damaged (batch `);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
