// Profiles for people, as a terminal table or Markdown: one section per district with every source.
import type { ChalkInstance } from 'chalk';
import { indicatorLabel, isProblemIndicator, themeLabel, type IndicatorDefinition } from '../../config/codebook.js';
import type { Translate } from '../../i18n/index.js';
import type { ProfileSet, SourceView } from '../../profile/profile.js';
import { formatChange } from '../compare/render.js';
import { formatInterval, formatValue } from '../indicators/labels.js';
import { escapeMarkdown, markdownTable } from '../markdown.js';
import { formatCount, formatLevel, formatNumber, formatPercent, pValueText, percentText } from '../numbers.js';
import { fitText, renderTable, type Align } from '../table.js';

const SOURCES = ['police_cafe', 'neighbourhood_officer', 'complaint'] as const;

/** Known signal sources by name in the user's language; others by their code. */
function sourceLabel(source: string, t: Translate): string {
  return (SOURCES as readonly string[]).includes(source) ? t(`source.${source as (typeof SOURCES)[number]}`) : source;
}

/** The headline indicators a profile opens with; problem shares appear in the ranking instead. */
function headline(view: SourceView) {
  return view.indicators.filter((row) => !isProblemIndicator(row.indicator));
}

interface Section {
  title: string;
  head: string[];
  rows: string[][];
  align: Align[];
  note?: string;
}

function sections(profiles: ProfileSet, view: SourceView, definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate): Section[] {
  const lang = t.lang;
  const place = view.district ?? t('indicators.whole_area');
  const indicatorName = (indicator: string) => {
    const definition = definitions.get(indicator);
    return definition ? indicatorLabel(definition, lang) : indicator;
  };
  const result: Section[] = [];
  result.push({
    title: t('profile.residents', { wave: profiles.wave }),
    head: [t('compare.indicator'), t('profile.value'), t('indicators.interval', { level: formatLevel(profiles.estimates.thresholds.level, lang) }), 'n', view.district ? t('profile.vs_area') : ''],
    rows: headline(view).map((row) => {
      const definition = definitions.get(row.indicator);
      const value = row.estimate === null ? '–' : `${row.kind === 'share' ? percentText(row.estimate, t) : formatValue(row.estimate, row.kind, lang)}${row.flag === 'unreliable' ? '*' : ''}`;
      const vs = row.vsArea?.diff == null ? '' : `${formatChange(row.vsArea.diff, row.kind, lang)}${row.vsArea.p !== null && row.vsArea.p < 0.05 ? ' †' : ''}`;
      return [definition ? indicatorLabel(definition, lang) : row.indicator, value, formatInterval(row, lang), formatCount(row.n, t), vs];
    }),
    align: ['left', 'right', 'right', 'right', 'right'],
    note: view.district ? t('profile.vs_area_note') : undefined,
  });
  const depth = Math.max(view.residents.length, view.keyFigures.length);
  const diverging = new Set(view.divergences.map((d) => d.theme));
  const mark = (theme: string) => (diverging.has(theme) ? ' ◆' : '');
  result.push({
    title: t('profile.ranking'),
    head: ['#', t('profile.by_residents'), '%', t('profile.by_key_figures'), t('profile.severity'), t('profile.interviews')],
    rows: Array.from({ length: depth }, (_, i) => {
      const r = view.residents[i];
      const k = view.keyFigures[i];
      return [
        String(i + 1),
        r ? `${themeLabel(r.theme, lang)}${mark(r.theme)}` : '',
        r ? `${formatPercent(r.estimate, lang)}${r.flag === 'unreliable' ? '*' : ''}` : '',
        k ? `${themeLabel(k.theme, lang)}${mark(k.theme)}` : '',
        k ? formatNumber(k.meanSeverity, lang, 1) : '',
        k ? `${k.interviews}${k.fewInterviews ? '!' : ''}` : '',
      ];
    }),
    align: ['right', 'left', 'right', 'left', 'right', 'right'],
    note:
      view.divergences.length > 0
        ? view.divergences
            .map((d) =>
              t(d.direction === 'residents_higher' ? 'profile.divergence_residents' : 'profile.divergence_key_figures', {
                theme: themeLabel(d.theme, lang),
                residents: d.residentsRank,
                key_figures: d.keyFiguresRank,
              }),
            )
            .join('\n') + `\n${t('profile.ranking_legend', { min: profiles.minInterviews })}`
        : t('profile.ranking_legend', { min: profiles.minInterviews }),
  });
  const sources = [...new Set(view.signals.flatMap((s) => Object.keys(s.bySource)))].sort();
  result.push({
    title: t('profile.signals', { waves: profiles.signalWaves.join(', ') || '–' }),
    head: [t('profile.theme'), t('profile.count'), ...sources.map((source) => sourceLabel(source, t))],
    rows: view.signals.map((s) => [themeLabel(s.theme, lang), formatCount(s.count, t), ...sources.map((source) => (s.bySource[source] ? formatCount(s.bySource[source], t) : ''))]),
    align: ['left', 'right', ...sources.map((): Align => 'right')],
    note: view.signals.length === 0 ? t('profile.no_signals') : undefined,
  });
  result.push({
    title: t('profile.benchmarks'),
    head: [t('compare.indicator'), place, t('profile.benchmark_area'), t('profile.benchmark_value'), t('profile.difference'), 'p'],
    rows: view.benchmarks.map((b) => {
      // a score or a mean on its own scale, a share as a percentage (adversarial run r24, F5: a score read as 310.0)
      const kind = definitions.get(b.indicator)?.type ?? 'share';
      const shown = (value: number) => formatValue(value, kind, lang);
      return [
        indicatorName(b.indicator),
        b.estimate === null ? '–' : shown(b.estimate),
        `${b.area} (${b.monitorWave})`,
        `${shown(b.value)}${b.ciLow !== null && b.ciHigh !== null ? ` (${shown(b.ciLow)}–${shown(b.ciHigh)})` : ''}`,
        b.diff === null ? '' : formatChange(b.diff, kind, lang),
        b.p === null ? '' : pValueText(b.p, t),
      ];
    }),
    align: ['left', 'right', 'left', 'right', 'right', 'right'],
    note: view.benchmarks.length === 0 ? t('profile.no_benchmarks') : undefined,
  });
  return result;
}

function heading(profiles: ProfileSet, view: SourceView, t: Translate): string {
  return t('profile.heading', { district: view.district ?? t('indicators.whole_area'), wave: profiles.wave });
}

export function profileTable(profiles: ProfileSet, views: SourceView[], definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate, colors: ChalkInstance, width: number): string {
  let text = '';
  for (const view of views) {
    text += `${colors.bold(heading(profiles, view, t))}\n\n`;
    for (const section of sections(profiles, view, definitions, t)) {
      text += `${colors.bold(section.title)}\n`;
      if (section.rows.length > 0) text += renderTable(section.head, section.rows, { align: section.align, width, t });
      if (section.note) text += `${fitText(section.note, width)}\n`;
      text += '\n';
    }
  }
  return text;
}

export function profileMarkdown(profiles: ProfileSet, views: SourceView[], definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate): string {
  let text = '';
  for (const view of views) {
    text += `# ${escapeMarkdown(heading(profiles, view, t))}\n\n`;
    for (const section of sections(profiles, view, definitions, t)) {
      text += `## ${escapeMarkdown(section.title)}\n\n`;
      if (section.rows.length > 0) {
        const align = section.align.map((a) => (a === 'right' ? 'right' : 'left'));
        text += markdownTable(section.head.map(escapeMarkdown), section.rows.map((row) => row.map(escapeMarkdown)), align) + '\n';
      }
      if (section.note) text += `${section.note.split('\n').map(escapeMarkdown).join('  \n')}\n\n`;
    }
  }
  return text;
}
