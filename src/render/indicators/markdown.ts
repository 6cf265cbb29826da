// Indicators as Markdown for the plan: a table per indicator, the whole area in bold, notes underneath; with a
// model, its estimate beside the direct one and a sentence on the fit (with --explain, the fit itself).
import type { Translate } from '../../i18n/index.js';
import type { IndicatorsResult } from '../../indicators/small-area-model.js';
import { escapeMarkdown, markdownTable } from '../markdown.js';
import { formatCount, formatLevel } from '../numbers.js';
import { byIndicator, districtLabel, formatInterval, formatValue, legend, titleOf, unitLabel, weightingSentence } from './labels.js';
import { explanation, modelCells, modelHeads, modelLegend, modelNote, modelOf } from './model.js';

export function indicatorsMarkdown(result: IndicatorsResult, t: Translate): string {
  const lang = t.lang;
  const withModel = result.models !== null;
  let text = `# ${escapeMarkdown(t('indicators.heading', { wave: result.wave }))}\n\n`;
  for (const { definition, rows } of byIndicator(result)) {
    text += `## ${escapeMarkdown(titleOf(definition, t))}\n\n`;
    const model = modelOf(result, definition.id);
    const body = rows.map((row) => {
      const value = row.notFinite ? '!' : row.estimate === null ? '–' : `${formatValue(row.estimate, row.kind, lang)}${row.flag === 'unreliable' ? '\\*' : ''}`;
      const name = escapeMarkdown(districtLabel(row, t));
      const cells = [name, value, formatInterval(row, lang), formatCount(row.n, t), ...(withModel ? modelCells(model, row, t).map(escapeMarkdown) : [])];
      return row.district === null ? cells.map((cell) => (cell ? `**${cell}**` : cell)) : cells;
    });
    const head = [t('indicators.district'), unitLabel(definition.type, t), t('indicators.interval', { level: formatLevel(result.thresholds.level, lang) }), 'n'];
    if (withModel) head.push(...modelHeads(result, t));
    text += markdownTable(head.map(escapeMarkdown), body, ['left', 'right', 'right', 'right', 'right', 'right', 'right']);
    const note = modelNote(model, t);
    if (note !== null) text += `\n${escapeMarkdown(note)}\n`;
    if (result.explain && model !== null && model !== 'not_configured' && model.ok) {
      const fit = explanation(model, definition.type, t);
      text += `\n### ${escapeMarkdown(fit.heading)}\n\n`;
      text += markdownTable(fit.coefficientHead.map(escapeMarkdown), fit.coefficients.map((row) => row.map(escapeMarkdown)), ['left', 'right', 'right', 'right', 'right']);
      text += `\n${escapeMarkdown(fit.variances)}\n\n`;
      text += markdownTable(fit.districtHead.map(escapeMarkdown), fit.districts.map((row) => row.map(escapeMarkdown)), ['left', 'right', 'right', 'right', 'right', 'right']);
    }
    text += '\n';
  }
  const models = modelLegend(result, t);
  text += `${escapeMarkdown(legend(result, t))}\n\n${models === null ? '' : `${escapeMarkdown(models)}\n\n`}${escapeMarkdown(weightingSentence(result, t))}\n`;
  return text;
}
