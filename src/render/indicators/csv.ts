// Indicators as CSV: one row per indicator and district (and the whole area), units named in the header; with a
// model, its estimate in `fh_*` columns at the end.
import type { IndicatorsResult } from '../../indicators/small-area-model.js';
import { UNIT_CODES, shownNumber, shownValue, type DataCell, type DataTable } from '../data-table.js';
import type { Translate } from '../../i18n/index.js';
import { districtEstimate, modelOf } from './model.js';

/** The columns every indicators CSV starts with (a model's columns follow). */
export const INDICATORS_COLUMNS = ['indicator', 'unit', 'district', 'scope', 'wave', 'estimate', 'se', 'ci_low', 'ci_high', 'ci_method', 'n', 'n_eff', 'deff', 'flag', 'weighting'] as const;

const MODEL_COLUMNS = ['fh_estimate', 'fh_rmse', 'fh_ci_low', 'fh_ci_high', 'fh_gamma', 'fh_synthetic'];

/** The indicators as rows and columns: the source of their CSV, their CSV for Excel and their workbook sheet. */
export function indicatorsData(result: IndicatorsResult, t: Translate): DataTable {
  const header: string[] = [...INDICATORS_COLUMNS];
  if (result.models !== null) header.push(...MODEL_COLUMNS);
  const rows = result.rows.map((row) => {
    const cells: DataCell[] = [
      row.indicator,
      UNIT_CODES[row.kind],
      row.district ?? '',
      row.district === null ? 'whole_area' : 'district',
      row.wave,
      shownValue(row.estimate, row.kind),
      shownValue(row.se, row.kind),
      shownValue(row.ciLow, row.kind),
      shownValue(row.ciHigh, row.kind),
      row.ciMethod,
      row.n,
      shownNumber(row.nEff, 1),
      shownNumber(row.deff, 2),
      row.flag,
      result.weighting.method,
    ];
    if (result.models === null) return cells;
    const model = districtEstimate(modelOf(result, row.indicator), row.district);
    const fh = model === null ? MODEL_COLUMNS.map(() => null) : [shownValue(model.estimate, row.kind), shownValue(model.rmse, row.kind), shownValue(model.ciLow, row.kind), shownValue(model.ciHigh, row.kind), shownNumber(model.gamma, 2), model.synthetic];
    return [...cells, ...fh];
  });
  return { sheet: t('workbook.sheet_indicators', { wave: result.wave }), columns: header, rows };
}
