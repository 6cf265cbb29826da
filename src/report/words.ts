// Plain words for estimates: "about 1 in 4 residents (between 21% and 29%)", so a reader who is not a
// statistician sees the size and the uncertainty at once.
import type { Translate } from '../i18n/index.js';
import type { IndicatorRow } from '../indicators/engine.js';
import { formatValue } from '../render/indicators/labels.js';
import { percentText } from '../render/numbers.js';

/** The simple fraction k in d (d up to 10) nearest to p; "1 in d" below 10%. */
export function simpleFraction(p: number): { k: number; d: number } {
  if (p <= 0) return { k: 0, d: 10 };
  if (p < 0.1) return { k: 1, d: Math.max(10, Math.round(1 / p)) };
  let best = { k: 1, d: 2, error: Infinity };
  for (let d = 2; d <= 10; d++) {
    const k = Math.round(p * d);
    if (k < 1 || k >= d) continue;
    const error = Math.abs(p - k / d);
    // a clearly closer fraction wins; near ties go to the simpler (smaller) denominator
    if (error < best.error - 0.005) best = { k, d, error };
  }
  if (p > 0.95) return { k: 19, d: 20 };
  return { k: best.k, d: best.d };
}

/** A whole percentage as the language writes it in prose: "35%", "35 %" in French. */
export function percent(value: number, t: Translate): string {
  return percentText(value, t, 0);
}

/** An estimate in words, with its interval; a suppressed estimate says only why it is not shown. */
export function plainEstimate(row: IndicatorRow, t: Translate): string {
  if (row.notFinite) return t('report.not_estimable');
  // A district withheld to protect another had answers enough of its own: it must not read "too few answers".
  if (row.estimate === null || row.flag === 'suppressed') return row.suppression === 'secondary' ? t('report.withheld') : t('report.too_few');
  const show = (value: number) => (row.kind === 'share' ? percent(value, t) : formatValue(value, row.kind, t.lang));
  const uncertain = row.flag === 'unreliable';
  // The range and the caution in one bracket: "(between 0% and 33%; uncertain: few answers)".
  const range =
    row.ciLow !== null && row.ciHigh !== null
      ? t(uncertain ? 'report.between_uncertain' : 'report.between', { low: show(row.ciLow), high: show(row.ciHigh) })
      : uncertain
        ? t('report.uncertain')
        : '';
  let value: string;
  if (row.kind === 'share') {
    const { k, d } = simpleFraction(row.estimate);
    value = row.estimate === 0 ? t('report.share_none') : k === 1 ? t('report.share_about_one', { d }) : t('report.share_about', { k, d });
  } else {
    const shown = formatValue(row.estimate, row.kind, t.lang);
    value = row.kind === 'score' ? t('report.out_of_ten', { value: shown }) : shown;
  }
  return `${value} ${range}`.trim();
}
