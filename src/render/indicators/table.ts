// The terminal table: one block per indicator, the whole area set apart, flags marked, weighting underneath;
// with a model, its estimate beside the direct one and a sentence on the fit (with --explain, the fit itself).
import type { ChalkInstance } from 'chalk';
import { indicatorLabel } from '../../config/codebook.js';
import type { Translate } from '../../i18n/index.js';
import { present } from '../../invariant.js';
import type { IndicatorsResult } from '../../indicators/small-area-model.js';
import { formatCount, formatLevel, formatNumber } from '../numbers.js';
import { fitText, renderTable, type Align } from '../table.js';
import { byIndicator, districtLabel, formatInterval, formatValue, legend, titleOf, unitLabel, weightingSentence } from './labels.js';
import { explanation, modelCells, modelHeads, modelLegend, modelNote, modelOf } from './model.js';

export function indicatorsTable(result: IndicatorsResult, t: Translate, colors: ChalkInstance, width = Number.POSITIVE_INFINITY): string {
  const lang = t.lang;
  const withModel = result.models !== null;
  let text = `${colors.bold(t('indicators.heading', { wave: result.wave }))}\n\n`;
  for (const { definition, rows } of byIndicator(result)) {
    text += `${colors.bold(fitText(titleOf(definition, t), width))}\n`;
    const model = modelOf(result, definition.id);
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
        ...(withModel ? modelCells(model, row, t).map((cell) => colors.cyan(cell)) : []),
      ];
      return row.district === null ? cells.map((cell) => colors.bold(cell)) : cells;
    });
    const area = present(body.pop(), 'the area row after the districts');
    const head = [t('indicators.district'), unitLabel(definition.type, t), t('indicators.interval', { level: formatLevel(result.thresholds.level, lang) }), 'n', 'n_eff'];
    const align: Align[] = ['left', 'right', 'right', 'right', 'right'];
    if (withModel) {
      head.push(...modelHeads(result, t));
      align.push('right', 'right', 'right');
    }
    text += renderTable(head, body, { align, footer: area, width, t });
    const note = modelNote(model, t);
    if (note !== null) text += `${fitText(note, width)}\n`;
    if (result.explain && model !== null && model !== 'not_configured' && model.ok) {
      const fit = explanation(model, definition.type, t);
      text += `\n${colors.bold(fit.heading)}\n`;
      text += renderTable(fit.coefficientHead, fit.coefficients, { align: ['left', 'right', 'right', 'right', 'right'], width, t });
      text += `${fitText(fit.variances, width)}\n`;
      text += renderTable(fit.districtHead, fit.districts, { align: ['left', 'right', 'right', 'right', 'right', 'right'], width, t });
    }
    text += '\n';
  }
  text += `${fitText(legend(result, t), width)}\n`;
  const models = modelLegend(result, t);
  if (models !== null) text += `${fitText(models, width)}\n`;
  text += `${fitText(weightingSentence(result, t), width)}\n`;
  for (const score of result.scores) {
    const definition = result.definitions.find((candidate) => candidate.id === score.indicator);
    const name = definition ? indicatorLabel(definition, lang) : score.indicator;
    if (score.alpha !== null) text += `${fitText(t('indicators.alpha', { indicator: name, alpha: formatNumber(score.alpha, lang, 2), respondents: formatCount(score.respondents, t) }), width)}\n`;
  }
  return text;
}
