// The account of one file's rows: counts, the reasons rows were refused (each with its first example), and
// what the kept rows cover.
import type { Translate } from '../i18n/index.js';
import { describeIssue, type RowIssue, shownIssueValue, withholdsCell } from './issues.js';
import type { KeptIssue, ReasonCount, RowCounts } from './outcome.js';
import type { RejectsWriter } from './rejects.js';
import { shownName } from '../shown-name.js';

/** Rendered issues kept for --verbose and --json; the rejects file has them all. */
const ISSUES_KEPT = 100;

export class Tally {
  readonly rows: RowCounts = { read: 0, valid: 0, stored: 0, rejected: 0, skipped: 0, blank: 0 };
  readonly issues: KeptIssue[] = [];
  readonly waves = new Set<string>();
  /** Kept rows per district, for the districts the population figures should know. */
  readonly districts = new Map<string, number>();
  /** Stored batches that hold rows this file repeats. */
  readonly duplicateOf = new Set<number>();
  private readonly reasonCounts = new Map<string, ReasonCount>();

  constructor(
    private readonly file: string,
    private readonly t: Translate,
    private readonly rejects: RejectsWriter,
    private readonly columnLabel: (index: number) => string,
  ) {}

  /** A refused row: counted under each of its reasons and written to the rejects file. */
  reject(fields: string[], issues: RowIssue[]): void {
    this.rows.rejected++;
    const messages = issues.map((issue) => describeIssue(issue, this.t));
    for (const [i, issue] of issues.entries()) {
      // rows with the wrong number of fields are counted per number of fields: each count says how many it had
      const key = issue.code === 'ragged' ? `ragged\u0000${String(issue.detail?.fields)}` : `${issue.code}\u0000${issue.column}`;
      let reason = this.reasonCounts.get(key);
      if (!reason) {
        reason = { code: issue.code, column: issue.column, count: 0, line: issue.line, message: messages[i], value: shownIssueValue(issue) };
        this.reasonCounts.set(key, reason);
      }
      reason.count++;
      if (issue.code === 'duplicate' && typeof issue.detail?.batch === 'number') this.duplicateOf.add(issue.detail.batch);
      if (this.issues.length < ISSUES_KEPT) {
        this.issues.push({ file: this.file, line: issue.line, column: issue.column, code: issue.code, message: messages[i], value: shownIssueValue(issue) });
      }
    }
    const first = issues[0];
    const column = first.column === null ? '' : first.columnNumber ? `${shownName(first.column)} (${this.columnLabel(first.columnNumber - 1)})` : shownName(first.column);
    // a row with the wrong number of fields has its cells shifted: none of them means what its heading says
    const cells = issues.some((issue) => issue.code === 'ragged') ? null : fields;
    const refused = new Set(issues.flatMap((issue) => (issue.columnNumber !== null && withholdsCell(issue) ? [issue.columnNumber - 1] : [])));
    this.rejects.write(cells, refused, first.line, column, messages.join(this.t('text.separator')));
  }

  /** A valid row of `wave` (and of `district`, when it is checked). */
  keep(wave: string, district: string | null): void {
    this.rows.valid++;
    this.waves.add(wave);
    if (district !== null) this.districts.set(district, (this.districts.get(district) ?? 0) + 1);
  }

  /** The most frequent reasons first. */
  reasons(): ReasonCount[] {
    return [...this.reasonCounts.values()].sort((a, b) => b.count - a.count || String(a.column).localeCompare(String(b.column)));
  }
}
