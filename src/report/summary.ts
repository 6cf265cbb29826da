// The report's first page, what a council reads in five minutes: the whole area's headline indicators with
// their change, the goals at risk, the largest expectation gaps and the districts that stand out.
import { indicatorLabel, type IndicatorDefinition } from '../config/codebook.js';
import type { WaveChange } from '../compare/waves.js';
import type { Translate } from '../i18n/index.js';
import type { IndicatorInProfile } from '../profile/profile.js';
import { riskBadge, statusBadge } from '../render/charts/index.js';
import { gapSentence, goalName } from '../render/check/render.js';
import { joinList } from '../render/list.js';
import { changeText, formatNumber } from '../render/numbers.js';
import { RISK_WORDS, STATUS_WORDS } from '../render/words.js';
import { benjaminiHochberg } from '../stats/index.js';
import type { Block, Cell } from './document.js';
import type { ReportModel } from './model.js';
import { percent } from './words.js';

/** The summary lists at most this many gaps, districts, and indicators per district; the sections after it have the rest. */
const TOP = 3;
const STAND_OUT = 4;
const PER_DISTRICT = 2;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function shown(value: number, kind: IndicatorDefinition['type'], t: Translate): string {
  return kind === 'share' ? percent(value, t) : formatNumber(value, t.lang, 1);
}

/** "12% (10%–14%)", or why there is no number. */
function valueCell(row: IndicatorInProfile | undefined, kind: IndicatorDefinition['type'], t: Translate): string {
  if (!row || row.notFinite) return t('report.chart_not_estimable');
  if (row.estimate === null || row.flag === 'suppressed') return row.suppression === 'secondary' ? t('report.chart_withheld') : t('report.chart_too_few');
  const range = row.ciLow !== null && row.ciHigh !== null ? ` (${shown(row.ciLow, kind, t)}–${shown(row.ciHigh, kind, t)})` : '';
  return `${shown(row.estimate, kind, t)}${range}${row.flag === 'unreliable' ? ' *' : ''}`;
}

/** The change since the previous wave in words: real (with its size), unclear, or not to be told. */
function changeCell(change: WaveChange | undefined, t: Translate): string {
  if (!change || change.significant === null || change.diff === null) return t('report.summary_too_few');
  return change.significant ? t('report.summary_real', { change: changeText(change.diff, change.kind, t) }) : t('report.summary_unclear');
}

function indicatorTable(model: ReportModel, t: Translate): Block[] {
  const comparison = model.comparison;
  const rows: Cell[][] = model.headline.map((definition) => {
    const row = model.profiles.area.indicators.find((r) => r.indicator === definition.id);
    const change = comparison?.rows.find((r) => r.district === null && r.indicator === definition.id);
    return [capitalise(indicatorLabel(definition, t.lang)), valueCell(row, definition.type, t), comparison ? changeCell(change, t) : t('report.summary_no_previous')];
  });
  const head = [t('report.summary_indicator'), model.wave, comparison ? t('report.summary_since', { previous: comparison.from }) : ''];
  return [
    { type: 'heading', level: 3, text: t('report.summary_indicators', { wave: model.wave }) },
    { type: 'table', caption: t('report.summary_indicators', { wave: model.wave }), head, rows, className: 'summary-indicators' },
  ];
}

/** Goals at medium or high risk, highest first, in the goals file's order within a level. */
function goalsAtRisk(model: ReportModel, t: Translate): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 3, text: t('report.summary_goals') }];
  if (!model.hasGoals) return [...blocks, { type: 'paragraph', text: t('report.summary_no_goals') }];
  const definitions = new Map(model.profiles.estimates.definitions.map((definition) => [definition.id, definition]));
  const order = { high: 0, medium: 1, low: 2 } as const;
  const atRisk = model.check.goals.filter((result) => result.status.risk !== 'low').sort((a, b) => order[a.status.risk] - order[b.status.risk]);
  if (atRisk.length === 0) return [...blocks, { type: 'paragraph', text: t('report.summary_no_goal_at_risk') }];
  const items = atRisk.map((result) => {
    const badge = riskBadge(result.status.risk, t(RISK_WORDS[result.status.risk]));
    const status = statusBadge(result.status.status, t(STATUS_WORDS[result.status.status]));
    return `${badge.symbol} ${t('report.summary_goal', { id: result.goal.id, goal: goalName(result.goal, definitions, t), status: status.label, risk: badge.label })}`;
  });
  return [...blocks, { type: 'list', className: 'summary-goals', items }];
}

/** The expectation gaps residents feel most strongly: the highest shares first. */
function largestGaps(model: ReportModel, t: Translate): Block[] {
  const gaps = [...model.check.gaps].sort((a, b) => b.estimate - a.estimate || a.district.localeCompare(b.district) || a.theme.localeCompare(b.theme));
  const blocks: Block[] = [{ type: 'heading', level: 3, text: t('report.summary_gaps') }];
  if (gaps.length === 0) return [...blocks, { type: 'paragraph', text: t('check.no_gaps') }];
  blocks.push({ type: 'list', className: 'summary-gaps', items: gaps.slice(0, TOP).map((gap) => gapSentence(gap, t)) });
  if (gaps.length > TOP) blocks.push({ type: 'paragraph', className: 'note', text: t('report.summary_more_gaps', { count: gaps.length - TOP }) });
  return blocks;
}

export interface StandOut {
  district: string;
  indicator: IndicatorDefinition;
  value: number;
  areaValue: number;
  q: number;
}

/**
 * Districts whose reliable headline estimate differs from the whole area's by more than chance, with
 * Benjamini-Hochberg q-values over every such test of the wave (docs/methods.md section 8.5).
 */
export function standingOut(model: ReportModel): StandOut[] {
  const tests: Array<Omit<StandOut, 'q'> & { p: number }> = [];
  for (const indicator of model.headline) {
    const area = model.profiles.area.indicators.find((row) => row.indicator === indicator.id);
    if (!area || area.estimate === null || area.flag !== 'ok') continue;
    for (const view of model.profiles.districts) {
      const row = view.indicators.find((r) => r.indicator === indicator.id);
      const p = row?.vsArea?.p;
      if (view.district === null || !row || row.flag !== 'ok' || row.estimate === null || p === null || p === undefined || !Number.isFinite(p)) continue;
      tests.push({ district: view.district, indicator, value: row.estimate, areaValue: area.estimate, p });
    }
  }
  const q = benjaminiHochberg(tests.map((test) => test.p));
  return tests
    .flatMap(({ p: _p, ...test }, i) => {
      const value = q[i];
      return value !== null && value < model.fdr ? [{ ...test, q: value }] : [];
    })
    .sort((a, b) => a.q - b.q || a.district.localeCompare(b.district) || a.indicator.id.localeCompare(b.indicator.id));
}

/** One line per district that stands out, with its clearest differences (smallest q first); its section has them all. */
function standOutBlocks(model: ReportModel, t: Translate): Block[] {
  const byDistrict = new Map<string, StandOut[]>();
  for (const found of standingOut(model)) byDistrict.set(found.district, [...(byDistrict.get(found.district) ?? []), found]);
  const blocks: Block[] = [{ type: 'heading', level: 3, text: t('report.summary_standout') }];
  if (byDistrict.size === 0) blocks.push({ type: 'paragraph', text: t('report.summary_standout_none') });
  else
    blocks.push({
      type: 'list',
      className: 'summary-standout',
      items: [...byDistrict].slice(0, STAND_OUT).map(([district, found]) =>
        t('report.summary_standout_item', {
          district,
          parts: joinList(
            t,
            found.slice(0, PER_DISTRICT).map(({ indicator, value, areaValue }) =>
              t('report.summary_standout_part', { indicator: indicatorLabel(indicator, t.lang), value: shown(value, indicator.type, t), area: shown(areaValue, indicator.type, t) }),
            ),
          ),
        }),
      ),
    });
  blocks.push({ type: 'paragraph', className: 'note', text: t('report.summary_standout_note', { fdr: formatNumber(model.fdr * 100, t.lang, 0) }) });
  return blocks;
}

/** The summary section: page 1 of the printed report. */
export function summarySection(model: ReportModel, t: Translate): Block {
  return {
    type: 'section',
    id: 'summary',
    className: 'summary',
    blocks: [
      { type: 'heading', level: 2, text: t('report.summary'), id: 'summary' },
      ...indicatorTable(model, t),
      ...goalsAtRisk(model, t),
      ...largestGaps(model, t),
      ...standOutBlocks(model, t),
    ],
  };
}
