// The rejects file: every refused row as it was (but for identifier columns), after its line, column and reason.
// The reason columns come first so ragged rows keep their own shape and Excel shows the reason at once.
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { csvLine } from '../render/csv-line.js';

export function rejectsPath(storePath: string, file: string, kind: string): string {
  const base = basename(file, extname(file));
  return join(dirname(storePath), 'rejects', `${base}.${kind}.rejects.csv`);
}

export class RejectsWriter {
  private fd: number | null = null;
  private buffer = '';
  private readonly dropped: Set<number>;
  count = 0;

  constructor(
    readonly path: string,
    private readonly header: string[],
    private readonly delimiter: string,
    dropped: Set<number>,
  ) {
    this.dropped = dropped;
    rmSync(path, { force: true });
  }

  write(fields: string[], line: number, column: string, reason: string): void {
    if (this.fd === null) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.fd = openSync(this.path, 'w');
      const names = ['safety_scan_line', 'safety_scan_column', 'safety_scan_reason', ...this.kept(this.header)];
      this.buffer = '\ufeff' + csvLine(names, this.delimiter);
    }
    this.buffer += csvLine([String(line), column, reason, ...this.kept(fields)], this.delimiter);
    this.count++;
    if (this.buffer.length > 1 << 16) this.flush();
  }

  private kept(fields: string[]): string[] {
    return this.dropped.size === 0 ? fields : fields.filter((_, index) => !this.dropped.has(index));
  }

  private flush(): void {
    if (this.fd !== null && this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** Closes the file; returns its path, or null when no row was rejected. */
  close(): string | null {
    if (this.fd === null) return null;
    this.flush();
    closeSync(this.fd);
    this.fd = null;
    return this.path;
  }
}
