// `plan` in every format: one row per district and one for the zone, with where each share and design effect
// came from, the districts' total, and the target in words (CSV: the rows and columns of data.ts).
import { leftOutNote } from '../indicators/labels.js';
import { leftOutWavesJson } from '../../indicators/left-out.js';
import type { ChalkInstance } from 'chalk';
import { indicatorLabel, type IndicatorDefinition } from '../../config/codebook.js';
import type { Translate } from '../../i18n/index.js';
import { present } from '../../invariant.js';
import { districtTotals, type DeffSource, type PlanRow, type ShareSource, type SurveyPlan } from '../../indicators/survey-plan.js';
import { tableCsv, tableExcelCsv } from '../data-table.js';
import type { PlanFormat, Renderer } from '../formats.js';
import { stableJson } from '../json.js';
import { escapeMarkdown, markdownTable } from '../markdown.js';
import { changeText, formatCount, formatLevel, formatNumber, givenPercentText, percentText } from '../numbers.js';
import { fitText, renderTable } from '../table.js';
import { planData, targetFields } from './data.js';

/** Marks a share that is not the area's own last estimate. */
const SHARE_MARKS: Record<ShareSource, string> = { district: '', whole_area: '†', worst_case: '‡', given: '' };
/** Marks completes and invitations beyond the area's residents (docs/methods.md section 11.4). */
const EXCEEDS_MARK = '!';
const DEFF_MARKS: Record<DeffSource, string> = { district: '', whole_area: '†', weighting: '', none: '‡' };

/**
 * A response rate as a percentage with the digits it was given with (35%, 0.0001%): a rate of 0.000001 read
 * "0%" at no decimals (adversarial run r9, F9). At most ten decimals.
 */
export function responseRateText(rate: number, t: Translate): string {
  const percent = rate * 100;
  let digits = 0;
  while (digits < 10 && Math.abs(Number(percent.toFixed(digits)) - percent) > percent * 1e-9) digits += 1;
  return percentText(rate, t, digits);
}

export function planJson(plan: SurveyPlan): string {
  const { request } = plan;
  const totals = districtTotals(plan);
  return stableJson({
    schema_version: 1,
    wave: plan.wave,
    indicator: request.indicator,
    target: targetFields(request),
    response_rate: request.responseRate,
    // as `indicators --json` gives them under `weighting` (adversarial run r38, F4)
    respondents_left_out: leftOutWavesJson(plan.leftOut),
    rows: plan.rows.map((row) => ({
      district: row.district,
      p: row.p,
      p_source: row.pSource,
      p_target: row.pTarget,
      deff: row.deff,
      deff_source: row.deffSource,
      n_last: row.nLast,
      completes: row.completes?.completes ?? null,
      completes_exact: row.completes?.exact ?? null,
      invitations: row.invitations,
      population: row.population,
      exceeds_population: row.exceedsPopulation,
    })),
    districts_total: totals === null ? null : { completes: totals.completes, invitations: totals.invitations },
  });
}

interface Parts {
  heading: string;
  target: string;
  head: string[];
  rows: string[][];
  total: string | null;
  notes: string[];
}

function parts(plan: SurveyPlan, definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate): Parts {
  const { request } = plan;
  const target = request.target;
  const definition = request.indicator === null ? undefined : definitions.get(request.indicator);
  const about = definition ? t('plan.about_indicator', { indicator: indicatorLabel(definition, t.lang), id: definition.id }) : t('plan.about_any_share');
  const points = (share: number) => changeText(share, 'share', t).replace(/^[+±]/, '');
  const levels = { power: givenPercentText(request.power, t), alpha: givenPercentText(request.alpha, t) };
  const targetText =
    target.kind === 'half_width'
      ? t('plan.target_half_width', { half_width: points(target.halfWidth), level: formatLevel(request.level, t.lang) })
      : target.kind === 'detect'
        ? t('plan.target_detect', { p1: percentText(target.p1, t), p2: percentText(target.p2, t), ...levels })
        : t('plan.target_change', { change: points(target.change), ...levels });
  const withTarget = target.kind !== 'half_width';
  const withInvitations = request.responseRate !== null;
  // a requirement beyond the area's residents: a census would not reach the precision
  const beyond = (row: PlanRow) => (row.exceedsPopulation ? EXCEEDS_MARK : '');
  const cells = (row: PlanRow) => [
    row.district ?? t('plan.zone'),
    // Without an indicator every share is 50% by design, as the note says: no mark.
    `${percentText(row.p, t)}${request.indicator === null ? '' : SHARE_MARKS[row.pSource]}`,
    ...(withTarget ? [row.pTarget === null ? '–' : percentText(row.pTarget, t)] : []),
    `${formatNumber(row.deff, t.lang, 2)}${DEFF_MARKS[row.deffSource]}`,
    formatCount(row.nLast, t),
    row.completes === null ? '–' : `${formatCount(row.completes.completes, t)}${beyond(row)}`,
    ...(withInvitations ? [row.invitations === null ? '–' : `${formatCount(row.invitations, t)}${beyond(row)}`] : []),
  ];
  const head = [
    t('indicators.district'),
    t(withTarget ? 'plan.p_from' : 'plan.p'),
    ...(withTarget ? [t('plan.p_to')] : []),
    t('plan.deff'),
    t('plan.n_last', { wave: plan.wave }),
    t('plan.completes'),
    ...(withInvitations ? [t('plan.invitations')] : []),
  ];
  const totals = districtTotals(plan);
  let total: string | null = null;
  if (totals !== null) {
    total =
      totals.invitations === null || request.responseRate === null
        ? t('plan.total', { completes: formatCount(totals.completes, t) })
        : t('plan.total_invitations', { completes: formatCount(totals.completes, t), invitations: formatCount(totals.invitations, t), rate: responseRateText(request.responseRate, t) });
  }
  // --detect gives the shares itself: "50%, the most demanding case" would contradict it (adversarial run r35, minor)
  const shareNote =
    target.kind === 'detect'
      ? request.indicator === null
        ? 'plan.note_detect'
        : 'plan.note_detect_indicator'
      : request.indicator === null
        ? 'plan.note_no_indicator'
        : 'plan.note_indicator';
  const notes = [t(shareNote, { wave: plan.wave })];
  if (plan.rows.some((row) => row.pSource === 'whole_area' || row.deffSource === 'whole_area')) notes.push(t('plan.note_whole_area'));
  if (plan.rows.some((row) => (row.pSource === 'worst_case' && request.indicator !== null) || (row.deffSource === 'none' && row.deffSetAside === null))) notes.push(t('plan.note_worst_case'));
  // a design effect of rounding noise replaced by 1: the reason, not "no usable estimate" (adversarial run r38, F1)
  if (plan.rows.some((row) => row.deffSetAside !== null)) notes.push(t('plan.note_deff_negligible'));
  if (plan.rows.some((row) => row.completes === null)) notes.push(t('plan.note_off_scale'));
  for (const row of plan.rows.filter((r) => r.exceedsPopulation)) {
    notes.push(t('plan.note_exceeds', { district: row.district ?? t('plan.zone'), population: formatCount(row.population ?? 0, t) }));
  }
  notes.push(...leftOutNote(plan.leftOut, t));
  notes.push(t('plan.note_zone'));
  return { heading: t('plan.heading', { wave: plan.wave, about }), target: targetText, head, rows: plan.rows.map(cells), total, notes };
}

export function planTable(plan: SurveyPlan, definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate, colors: ChalkInstance, width = Number.POSITIVE_INFINITY): string {
  const p = parts(plan, definitions, t);
  const body = [...p.rows];
  const zone = present(body.pop(), 'the zone row after the districts').map((cell) => colors.bold(cell));
  let text = `${colors.bold(fitText(p.heading, width))}\n${fitText(p.target, width)}\n\n`;
  text += renderTable(p.head, body, { align: ['left', ...p.head.slice(1).map(() => 'right' as const)], footer: zone, width, t });
  if (p.total !== null) text += `${fitText(p.total, width)}\n`;
  text += `\n${fitText(p.notes.join('\n'), width)}\n`;
  return text;
}

export function planMarkdown(plan: SurveyPlan, definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate): string {
  const p = parts(plan, definitions, t);
  const rows = p.rows.map((cells, i) => (i === p.rows.length - 1 ? cells.map((cell) => `**${escapeMarkdown(cell)}**`) : cells.map(escapeMarkdown)));
  let text = `# ${escapeMarkdown(p.heading)}\n\n${escapeMarkdown(p.target)}\n\n`;
  text += markdownTable(p.head.map(escapeMarkdown), rows, ['left', ...p.head.slice(1).map(() => 'right' as const)]);
  if (p.total !== null) text += `\n${escapeMarkdown(p.total)}\n`;
  text += `\n${p.notes.map((note) => `- ${escapeMarkdown(note)}`).join('\n')}\n`;
  return text;
}

export const PLAN_RENDERERS = {
  table: (plan, view) => planTable(plan, view.definitions, view.t, view.colors, view.width),
  json: (plan) => planJson(plan),
  csv: (plan, view) => (view.excel ? tableExcelCsv : tableCsv)(planData(plan, view.t)),
  md: (plan, view) => planMarkdown(plan, view.definitions, view.t),
} satisfies Record<PlanFormat, Renderer<SurveyPlan>>;
