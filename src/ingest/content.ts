// What a file says, hashed: its header and every record as decoded, with the options that change what the rows
// become. The same rows are the same batch whatever the bytes, encoding, separator, quoting or line endings.
import { createHash } from 'node:crypto';
import type { SourceRow } from './table.js';

const UNIT = '\u001f';
const RECORD = '\u001e';

/** The fields up to the last one that is not empty: Excel's trailing separators say nothing. */
function meaningful(fields: readonly string[]): readonly string[] {
  let n = fields.length;
  while (n > 0 && fields[n - 1] === '') n--;
  return n === fields.length ? fields : fields.slice(0, n);
}

export class ContentDigest {
  private readonly hash = createHash('sha256');

  constructor(header: readonly string[], meaning: unknown) {
    this.hash.update(JSON.stringify(meaning) + RECORD + meaningful(header).join(UNIT) + RECORD);
  }

  /** One batch of records, in file order, hashed with one update. */
  add(rows: readonly SourceRow[]): void {
    let text = '';
    for (const row of rows) text += meaningful(row.fields).join(UNIT) + RECORD;
    this.hash.update(text);
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
