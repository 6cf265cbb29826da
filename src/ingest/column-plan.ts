// The plan of a file's columns: which canonical column each field feeds, what is dropped, ignored or skipped.
// Its own module, so the kind handlers can name it without depending on the planner.
import type { FlagOption } from './derive.js';
import type { ColumnSpec } from './kinds/columns.js';

export interface PlannedColumn {
  spec: ColumnSpec;
  /** Index in the file's fields, or -1 when the value is a constant. */
  index: number;
  header: string;
  constant?: string;
  recode?: Map<string, string>;
  /** Bare numbers are percentages (`units: percent`, or a share column whose cells carry a % sign: percent-scale.ts). */
  percent: boolean;
  /** A mapping's `units:` gave this column's scale (percent or proportion): its cells do not decide it. */
  unitsGiven: boolean;
  /**
   * A decimal column (a weight, a share) whose other cells write decimals with a comma (`2,5`, `1.234,5`): its points
   * are thousands marks, so `1.250` is 1250 (percent-scale.ts, decideNumbers).
   */
  thousandsPoint?: boolean;
  /**
   * A date column whose cells write the month first (`12/31/2025`, and no cell with a day above 12 first): `03/05/2026`
   * is 5 March (percent-scale.ts, decideDateOrder).
   */
  monthFirst?: boolean;
  /** Cells (folded) that mean "no answer" in this column: read as empty. */
  missing?: ReadonlySet<string>;
  /** Several yes/no columns that together give this column's value (one-hot sex, age group, district). */
  flags?: readonly FlagOption[];
  /** The spelling a name is stored under (a district: the population figures' spelling). */
  spell?: (name: string) => string;
  /** True for a name this column may not hold: a district named as the configured zone. */
  namesZone?: (name: string) => boolean;
}

export interface SkipRule {
  index: number;
  header: string;
  empty: boolean;
  equals: Set<string>;
  /** A `keep:` rule: the row is skipped unless its value, folded, is one of these keys; each maps to the value as the mapping writes it. */
  keep?: Map<string, string>;
}

export interface ColumnPlan {
  columns: PlannedColumn[];
  skip: SkipRule[];
  /** Extra columns of the file that no canonical column uses. */
  ignored: string[];
  /** Columns with direct identifiers: never read, never stored, left out of the rejects file. */
  dropped: string[];
  droppedIndexes: Set<number>;
  /** Mapping renames whose source column is not in the file. */
  unusedRenames: string[];
  /** A preset's skip rules whose column the file lacks (LimeSurvey's submit date): rows it would skip are read. */
  unappliedSkips: string[];
  header: string[];
  /** The file as the user named it, for errors that point into it. */
  file: string;
}
