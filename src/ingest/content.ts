// What a file says, hashed: its header and every record as decoded, with the options that change what the rows
// become. The same rows are the same batch whatever the bytes, encoding, separator, quoting or line endings.
import { createHash } from 'node:crypto';
import type { Beyond, SourceRow } from './table.js';

const UNIT = '\u001f';
const RECORD = '\u001e';
/** Separators hashed at a time for the empty fields before a field far beyond a row's header. */
const GAP_PIECE = UNIT.repeat(1024);

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
    for (const row of rows) {
      if (row.beyond === undefined) text += meaningful(row.fields).join(UNIT) + RECORD;
      else {
        this.hash.update(text);
        text = '';
        this.addWritten(row.fields, row.beyond);
      }
    }
    this.hash.update(text);
  }

  /**
   * A workbook row with fields beyond its header, hashed as it would be with them all written out: the same as
   * a text file that holds them, a field at a time (its empty fields are separators only), in bounded memory.
   */
  private addWritten(fields: readonly string[], beyond: Beyond): void {
    this.hash.update(fields.join(UNIT));
    let at = fields.length - 1;
    for (let i = 0; i < beyond.positions.length; i++) {
      for (let gap = beyond.positions[i] - at; gap > 0; gap -= GAP_PIECE.length) this.hash.update(gap >= GAP_PIECE.length ? GAP_PIECE : GAP_PIECE.slice(0, gap));
      this.hash.update(beyond.texts[i]);
      at = beyond.positions[i];
    }
    this.hash.update(RECORD);
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
