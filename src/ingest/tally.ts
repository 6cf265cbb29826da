// The account of one file's rows: counts, the reasons rows were refused (each with its first example), and
// what the kept rows cover.
import type { Translate } from '../i18n/index.js';
import { describeIssue, type RowIssue, shownIssueValue, withholdsCell } from './issues.js';
import type { KeptIssue, ReasonCount, RowCounts } from './outcome.js';
import type { RejectsWriter } from './rejects.js';
import { shownName } from '../shown-name.js';

/** `estimates: min_cell`'s default: refused rows that must share a cell before its text is shown. */
const DEFAULT_MIN_CELL = 10;
/** Distinct refused cells counted per file: enough for any file's codes, bounded for a file of free text. */
const SHARED_COUNTED = 100_000;

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
  /** Each reason's first issue, described again at the end when its cell turned out to be shared. */
  private readonly firstIssues = new Map<string, RowIssue>();
  /** Refused rows per column and refused cell (up to SHARED_COUNTED cells), for the min_cell rule. */
  private readonly refusedCells = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly t: Translate,
    private readonly rejects: RejectsWriter,
    private readonly columnLabel: (index: number) => string,
    private readonly minCell = DEFAULT_MIN_CELL,
  ) {}

  /** Counts the issue's refused cell; true once at least min_cell refused rows share it in its column. */
  private shared(issue: RowIssue): boolean {
    if (issue.columnNumber === null || !withholdsCell(issue)) return false;
    const key = `${issue.columnNumber}\u0000${issue.value.trim()}`;
    const count = this.refusedCells.get(key);
    if (count === undefined && this.refusedCells.size >= SHARED_COUNTED) return false;
    this.refusedCells.set(key, (count ?? 0) + 1);
    return (count ?? 0) + 1 >= this.minCell;
  }

  /** A refused row: counted under each of its reasons and written to the rejects file. */
  reject(fields: string[], issues: RowIssue[]): void {
    this.rows.rejected++;
    for (const issue of issues) issue.shared = this.shared(issue);
    const messages = issues.map((issue) => describeIssue(issue, this.t));
    for (const [i, issue] of issues.entries()) {
      // rows with the wrong number of fields are counted per number of fields: each count says how many it had
      // a value beyond its row's own scale (a monitor score's 0-10) is another reason than one beyond the column's
      const scale = issue.code === 'out_of_range' && issue.detail?.allowed !== undefined ? `\u0000${String(issue.detail.allowed)}` : '';
      const key = issue.code === 'ragged' ? `ragged\u0000${String(issue.detail?.fields)}` : `${issue.code}\u0000${issue.column}${scale}`;
      let reason = this.reasonCounts.get(key);
      if (!reason) {
        reason = { code: issue.code, column: issue.column, count: 0, line: issue.line, message: messages[i], value: shownIssueValue(issue) };
        this.reasonCounts.set(key, reason);
        this.firstIssues.set(key, issue);
      }
      reason.count++;
      if (issue.code === 'duplicate' && typeof issue.detail?.batch === 'number') this.duplicateOf.add(issue.detail.batch);
      if (this.issues.length < ISSUES_KEPT) {
        this.issues.push({ file: this.file, line: issue.line, column: issue.column, code: issue.code, message: messages[i], value: shownIssueValue(issue) });
      }
    }
    const first = issues[0];
    const column = first.column === null ? '' : first.columnNumber ? `${shownName(first.column)} (${this.columnLabel(first.columnNumber - 1)})` : shownName(first.column);
    // a row with the wrong number of fields has its cells shifted: none of them means what its heading says. A
    // duplicate's cells are those of a row that is stored: beside its line they would link the stored row, and
    // its pseudonym, to a line of the export, and so to a sequential id (adversarial run r38-B, D1); nothing in
    // them needs repair
    const cells = issues.some((issue) => issue.code === 'ragged' || issue.code === 'duplicate') ? null : fields;
    const refused = new Set(issues.flatMap((issue) => (issue.columnNumber !== null && withholdsCell(issue) ? [issue.columnNumber - 1] : [])));
    const shared = new Set(issues.flatMap((issue) => (issue.columnNumber !== null && issue.shared ? [issue.columnNumber - 1] : [])));
    this.rejects.write(cells, refused, first.line, column, messages.join(this.t('text.separator')), shared);
  }

  /** A valid row of `wave` (and of `district`, when it is checked). */
  keep(wave: string, district: string | null): void {
    this.rows.valid++;
    this.waves.add(wave);
    if (district !== null) this.districts.set(district, (this.districts.get(district) ?? 0) + 1);
  }

  /** True when the reason is a value beyond its row's own scale (a monitor score's 0-10), which no `units:` changes. */
  ownScale(reason: ReasonCount): boolean {
    for (const [key, counted] of this.reasonCounts) if (counted === reason) return this.firstIssues.get(key)?.detail?.allowed !== undefined;
    return false;
  }

  /** The most frequent reasons first. */
  reasons(): ReasonCount[] {
    // a first cell withheld then shared by min_cell rows by the end is shown in the summary
    for (const [key, reason] of this.reasonCounts) {
      const issue = this.firstIssues.get(key);
      if (!issue || issue.shared || issue.columnNumber === null || !withholdsCell(issue)) continue;
      if ((this.refusedCells.get(`${issue.columnNumber}\u0000${issue.value.trim()}`) ?? 0) < this.minCell) continue;
      const shared = { ...issue, shared: true };
      reason.message = describeIssue(shared, this.t);
      reason.value = shownIssueValue(shared);
    }
    return [...this.reasonCounts.values()].sort((a, b) => b.count - a.count || String(a.column).localeCompare(String(b.column)));
  }
}
