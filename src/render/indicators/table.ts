// The terminal table: one block per indicator, the whole area set apart, flags marked, weighting underneath.
import type { ChalkInstance } from 'chalk';
import { indicatorLabel } from '../../config/codebook.js';
import type { Translate } from '../../i18n/index.js';
import { present } from '../../invariant.js';
import type { WaveEstimates } from '../../indicators/engine.js';
import { formatCount, formatLevel, formatNumber } from '../numbers.js';
import { renderTable } from '../table.js';
import { byIndicator, districtLabel, formatInterval, formatValue, legend, titleOf, unitLabel, weightingSentence } from './labels.js';

export function indicatorsTable(result: WaveEstimates, t: Translate, colors: ChalkInstance): string {
  const lang = t.lang;
  let text = `${colors.bold(t('indicators.heading', { wave: result.wave }))}\n\n`;
  for (const { definition, rows } of byIndicator(result)) {
    text += `${colors.bold(titleOf(definition, t))}\n`;
    const body = rows.map((row) => {
      const marker = row.flag === 'unreliable' ? '*' : '';
      const value = row.notFinite ? '!' : row.estimate === null ? '–' : `${formatValue(row.estimate, row.kind, lang)}${marker}`;
      const paint = row.flag === 'suppressed' ? colors.dim : row.flag === 'unreliable' ? colors.yellow : (s: string) => s;
      const cells = [
        districtLabel(row, t),
        paint(value),
        paint(formatInterval(row, lang)),
        formatCount(row.n, t),
        row.nEff === null ? '' : formatCount(Math.round(row.nEff), t),
      ];
      return row.district === null ? cells.map((cell) => colors.bold(cell)) : cells;
    });
    const area = present(body.pop(), 'the area row after the districts');
    text += renderTable(
      [t('indicators.district'), unitLabel(definition.type, t), t('indicators.interval', { level: formatLevel(result.thresholds.level, lang) }), 'n', 'n_eff'],
      body,
      ['left', 'right', 'right', 'right', 'right'],
      area,
    );
    text += '\n';
  }
  text += `${legend(result, t)}\n${weightingSentence(result, t)}\n`;
  for (const score of result.scores) {
    const definition = result.definitions.find((candidate) => candidate.id === score.indicator);
    const name = definition ? indicatorLabel(definition, lang) : score.indicator;
    if (score.alpha !== null) text += `${t('indicators.alpha', { indicator: name, alpha: formatNumber(score.alpha, lang, 2), respondents: formatCount(score.respondents, t) })}\n`;
  }
  return text;
}
