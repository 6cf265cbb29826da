// Indicators as Markdown for the plan: a table per indicator, the whole area in bold, notes underneath.
import type { Translate } from '../../i18n/index.js';
import type { WaveEstimates } from '../../indicators/engine.js';
import { escapeMarkdown, markdownTable } from '../markdown.js';
import { formatCount, formatLevel } from '../numbers.js';
import { byIndicator, districtLabel, formatInterval, formatValue, legend, titleOf, unitLabel, weightingSentence } from './labels.js';

export function indicatorsMarkdown(result: WaveEstimates, t: Translate): string {
  const lang = t.lang;
  let text = `# ${escapeMarkdown(t('indicators.heading', { wave: result.wave }))}\n\n`;
  for (const { definition, rows } of byIndicator(result)) {
    text += `## ${escapeMarkdown(titleOf(definition, t))}\n\n`;
    const body = rows.map((row) => {
      const value = row.notFinite ? '!' : row.estimate === null ? '–' : `${formatValue(row.estimate, row.kind, lang)}${row.flag === 'unreliable' ? '\\*' : ''}`;
      const name = escapeMarkdown(districtLabel(row, t));
      const cells = [name, value, formatInterval(row, lang), formatCount(row.n, t)];
      return row.district === null ? cells.map((cell) => (cell ? `**${cell}**` : cell)) : cells;
    });
    text += markdownTable([t('indicators.district'), unitLabel(definition.type, t), t('indicators.interval', { level: formatLevel(result.thresholds.level, lang) }), 'n'], body, ['left', 'right', 'right', 'right']);
    text += '\n';
  }
  text += `${escapeMarkdown(legend(result, t))}\n\n${escapeMarkdown(weightingSentence(result, t))}\n`;
  return text;
}
