// Indicators as CSV: one row per indicator and district (and the whole area), units named in the header; with a
// model, its estimate in `fh_*` columns at the end.
import type { IndicatorsResult } from '../../indicators/small-area-model.js';
import { toCsv, type CsvCell } from '../csv.js';
import { districtEstimate, modelOf } from './model.js';

const UNIT = { share: 'proportion_0_1', mean: 'mean_of_answers', score: 'score_0_10' } as const;
const MODEL_COLUMNS = ['fh_estimate', 'fh_rmse', 'fh_ci_low', 'fh_ci_high', 'fh_gamma', 'fh_synthetic'];

export function indicatorsCsv(result: IndicatorsResult): string {
  const header = ['indicator', 'unit', 'district', 'scope', 'wave', 'estimate', 'se', 'ci_low', 'ci_high', 'ci_method', 'n', 'n_eff', 'deff', 'flag', 'weighting'];
  if (result.models !== null) header.push(...MODEL_COLUMNS);
  const rows = result.rows.map((row) => {
    const cells: CsvCell[] = [
      row.indicator,
      UNIT[row.kind],
      row.district ?? '',
      row.district === null ? 'whole_area' : 'district',
      row.wave,
      row.estimate,
      row.se,
      row.ciLow,
      row.ciHigh,
      row.ciMethod,
      row.n,
      row.nEff,
      row.deff,
      row.flag,
      result.weighting.method,
    ];
    if (result.models === null) return cells;
    const model = districtEstimate(modelOf(result, row.indicator), row.district);
    return [...cells, ...(model === null ? MODEL_COLUMNS.map(() => null) : [model.estimate, model.rmse, model.ciLow, model.ciHigh, model.gamma, model.synthetic])];
  });
  return toCsv(header, rows);
}
