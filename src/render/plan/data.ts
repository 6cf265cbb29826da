// The plan as rows and columns, the source of its CSV, its CSV for Excel and its workbook sheet: one row per
// district and one for the zone, with the JSON's field names (the target's joined as `target_*`). What was asked
// for (wave, indicator, target, response rate) repeats on every row, so that a row read alone still says it.
import type { Translate } from '../../i18n/index.js';
import type { PlanRequest, PlanRow, SurveyPlan } from '../../indicators/survey-plan.js';
import { shownNumber, shownValue, type DataCell, type DataTable } from '../data-table.js';

/** What the plan was asked for, as its JSON and its table's `target_*` columns name it. */
export function targetFields({ target, level, power, alpha }: PlanRequest): Readonly<Record<string, string | number>> {
  if (target.kind === 'half_width') return { kind: 'half_width', half_width: target.halfWidth, level };
  if (target.kind === 'detect') return { kind: 'detect', p1: target.p1, p2: target.p2, power, alpha };
  return { kind: 'change', change: target.change, power, alpha };
}

const ROW_COLUMNS = ['district', 'scope', 'p', 'p_source', 'p_target', 'deff', 'deff_source', 'n_last', 'completes', 'completes_exact', 'invitations', 'population', 'exceeds_population'];
/** The columns every plan CSV starts with (the target's and the response rate follow). */
export const PLAN_COLUMNS = [...ROW_COLUMNS, 'wave', 'indicator'] as const;

/** A row's figures: shares as percentages, the design effect and the unrounded requirement with two decimals. */
function rowCells(row: PlanRow): DataCell[] {
  return [
    row.district ?? '',
    row.district === null ? 'whole_area' : 'district',
    shownValue(row.p, 'share'),
    row.pSource,
    shownValue(row.pTarget, 'share'),
    shownNumber(row.deff, 2),
    row.deffSource,
    row.nLast,
    row.completes?.completes ?? null,
    shownNumber(row.completes?.exact ?? null, 2),
    row.invitations,
    row.population,
    row.exceedsPopulation,
  ];
}

/** The plan as one table; the settings stay as typed (0.05, not 5.0%), so that a rounded CSV still holds them. */
export function planData(plan: SurveyPlan, t: Translate): DataTable {
  const { request } = plan;
  const target = Object.entries(targetFields(request));
  const columns = [...PLAN_COLUMNS, ...target.map(([name]) => `target_${name}`), 'response_rate'];
  const asked: DataCell[] = [plan.wave, request.indicator ?? '', ...target.map(([, value]) => value), request.responseRate];
  return { sheet: t('workbook.sheet_plan', { wave: plan.wave }), columns, rows: plan.rows.map((row) => [...rowCells(row), ...asked]), meanings: 'plan' };
}
