// Plain words for estimates: "about 1 in 4 residents (between 21% and 29%)", so a reader who is not a
// statistician sees the size and the uncertainty at once.
import type { Translate } from '../i18n/index.js';
import type { IndicatorRow } from '../indicators/engine.js';
import { formatValue } from '../render/indicators/labels.js';
import { percentText } from '../render/numbers.js';

/** The fraction a share reads as first: k in d (d up to 10) nearest to p; "1 in d" below 10% and, mirrored,
 * "d-1 in d" above 90%, so a share near 100% never reads as far below it. */
function preferredFraction(p: number): { k: number; d: number } {
  if (p <= 0) return { k: 0, d: 10 };
  if (p >= 1) return { k: 1, d: 1 };
  if (p < 0.1) return { k: 1, d: Math.max(10, Math.round(1 / p)) };
  if (p > 0.9) {
    const d = Math.max(10, Math.round(1 / (1 - p)));
    return { k: d - 1, d };
  }
  let best = { k: 1, d: 2, error: Infinity };
  for (let d = 2; d <= 10; d++) {
    const k = Math.round(p * d);
    if (k < 1 || k >= d) continue;
    const error = Math.abs(p - k / d);
    // a clearly closer fraction wins; near ties go to the simpler (smaller) denominator
    if (error < best.error - 0.005) best = { k, d, error };
  }
  return { k: best.k, d: best.d };
}

const within = (value: number, low: number, high: number) => value >= low - 1e-12 && value <= high + 1e-12;

/**
 * The simple fraction a share p reads as, never outside the interval [low, high] printed beside it: the
 * preferred fraction when it lies within, else the simple fraction (k in d up to 10, 1 in d or d-1 in d) nearest
 * to p that does, else null (the words then give the percentage). Without an interval the preferred fraction.
 */
export function simpleFraction(p: number, low?: number | null, high?: number | null): { k: number; d: number } | null {
  const first = preferredFraction(p);
  if (low === undefined || low === null || high === undefined || high === null) return first;
  if (within(first.k / first.d, low, high)) return first;
  const candidates: { k: number; d: number }[] = [];
  for (let d = 2; d <= 10; d++) for (let k = 1; k < d; k++) candidates.push({ k, d });
  for (let d = 11; d <= 1000; d++) candidates.push({ k: 1, d }, { k: d - 1, d });
  let best: { k: number; d: number } | null = null;
  let bestError = Infinity;
  for (const c of candidates) {
    const error = Math.abs(p - c.k / c.d);
    // the nearest wins; on a tie the earlier (simpler) fraction stays
    if (within(c.k / c.d, low, high) && error < bestError - 1e-12) {
      best = c;
      bestError = error;
    }
  }
  return best;
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
    // None and all are said as such; otherwise a fraction within the printed interval, or failing one the percentage.
    const fraction = simpleFraction(row.estimate, row.ciLow, row.ciHigh);
    value =
      row.estimate <= 0
        ? t('report.share_none')
        : row.estimate >= 1
          ? t('report.share_all')
          : fraction === null
            ? t('report.share_percent', { percent: percent(row.estimate, t) })
            : fraction.k === 1
              ? t('report.share_about_one', { d: fraction.d })
              : t('report.share_about', { k: fraction.k, d: fraction.d });
  } else {
    const shown = formatValue(row.estimate, row.kind, t.lang);
    value = row.kind === 'score' ? t('report.out_of_ten', { value: shown }) : shown;
  }
  return `${value} ${range}`.trim();
}
