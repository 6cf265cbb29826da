// `check` in every format. Reasons are one sentence in the user's language, built from the reason code.
import type { ChalkInstance } from 'chalk';
import { indicatorLabel, themeLabel, type IndicatorDefinition } from '../../config/codebook.js';
import type { CheckResult, GoalResult, ModelBeside } from '../../goals/check.js';
import { goalTitle, type Goal } from '../../goals/file.js';
import type { ExpectationGap } from '../../goals/gaps.js';
import type { Divergence } from '../../profile/divergence.js';
import type { Translate } from '../../i18n/index.js';
import type { IndicatorKind } from '../../indicators/engine.js';
import type { CheckFormat, Renderer } from '../formats.js';
import { stableJson } from '../json.js';
import { escapeMarkdown, markdownTable } from '../markdown.js';
import { changeText, formatCount, formatNumber, pValueText, percentText } from '../numbers.js';
import { fitText, renderTable, wrapText } from '../table.js';
import { digitsFor } from '../indicators/labels.js';
import { leftOutWavesJson } from '../../indicators/left-out.js';
import { GOAL_REASON_WORDS, LANGUAGE_WORDS, RISK_WORDS, STATUS_WORDS } from '../words.js';

const VALUE_PARAMS = new Set(['estimate', 'ci_low', 'ci_high', 'path', 'baseline', 'target']);
/** sizes of a change, unsigned: "15.0 percentage points" */
const SIZE_PARAMS = new Set(['promised', 'mdc']);
const COUNT_PARAMS = new Set(['n', 'baseline_n', 'deadline_n', 'completes', 'left_out', 'baseline_left_out']);

/** The size of a change in the indicator's unit, without a sign: "15.0 percentage points" for a share. */
export function sizeText(size: number, kind: IndicatorKind, t: Translate, extraDigits = 0): string {
  return changeText(Math.abs(size), kind, t, extraDigits).replace(/^[+±]/, '');
}

/** A value of the goal's indicator as people read it: 12.5% for shares; `extraDigits` more decimals than usual where asked. */
function value(number: number | null, kind: IndicatorKind, t: Translate, extraDigits = 0): string {
  if (number === null) return '–';
  return kind === 'share' ? percentText(number, t, digitsFor(kind) + extraDigits) : formatNumber(number, t.lang, digitsFor(kind) + extraDigits);
}

/** Decimals past the usual a reason may take, at most: a goal's baseline and target closer than that read alike. */
const MAX_EXTRA_DIGITS = 4;

/**
 * The decimals past the usual that set a goal's baseline and target apart where they differ: a score promised to go
 * from 9.99 to 10 read "0.0 (from 10.0 ... to 10.0)" (adversarial run r38, minor). Every number of the reason then
 * takes them, so its values and the change between them read alike.
 */
function extraDigits(params: Readonly<Record<string, string | number>>, kind: IndicatorKind, t: Translate): number {
  const { baseline, target } = params;
  if (typeof baseline !== 'number' || typeof target !== 'number' || baseline === target) return 0;
  let extra = 0;
  while (extra < MAX_EXTRA_DIGITS && value(baseline, kind, t, extra) === value(target, kind, t, extra)) extra++;
  return extra;
}

/** A goal as a reader names it: its title in the reader's language (another language said so), else its indicator. */
export function goalName(goal: Goal, definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate): string {
  const title = goalTitle(goal, t.lang);
  if (title === null) {
    const definition = definitions.get(goal.indicator);
    return definition ? indicatorLabel(definition, t.lang) : goal.indicator;
  }
  return title.lang === null ? title.text : t('check.title_other_language', { title: title.text, language: t(LANGUAGE_WORDS[title.lang]) });
}

export function reasonText(result: GoalResult, kind: IndicatorKind, t: Translate): string {
  const raw = result.status.reason.params;
  const params: Record<string, string | number> = {};
  const extra = extraDigits(raw, kind, t);
  for (const [name, given] of Object.entries(raw)) {
    if (VALUE_PARAMS.has(name) && typeof given === 'number') params[name] = value(given, kind, t, extra);
    else if (SIZE_PARAMS.has(name) && typeof given === 'number') params[name] = sizeText(given, kind, t, extra);
    else if (COUNT_PARAMS.has(name) && typeof given === 'number') params[name] = formatCount(given, t);
    else if (name === 'z' && typeof given === 'number') params[name] = formatNumber(given, t.lang, 2);
    else if (name === 'p' && typeof given === 'number') params[name] = given < 0.001 ? pValueText(given, t) : `= ${pValueText(given, t)}`;
    else params[name] = given;
  }
  if (result.status.status === 'unmeasurable') {
    if (params.mdc === undefined) params.mdc = t('goal_reason.mdc_none');
    params.deadline_size =
      raw.deadline_source === 'planned'
        ? t('goal_reason.deadline_planned', { n: params.deadline_n, deadline: params.deadline })
        : t('goal_reason.deadline_as_last', { n: params.deadline_n, wave: params.last_wave });
  }
  // no resident at all is said so, not as "only 0 residents answered" (adversarial run r34, minor)
  const code = result.status.reason.code;
  const key = code === 'suppressed' && raw.n === 0 ? 'goal_reason.no_answers' : code === 'suppressed' && raw.secondary === 1 ? 'goal_reason.suppressed_secondary' : GOAL_REASON_WORDS[code];
  // respondents left out for want of figures are named with their district (adversarial run r38, F4)
  if (code === 'left_out' || code === 'baseline_left_out') params.district = result.goal.district ?? t('indicators.whole_area');
  const sentences = [t.message({ key, params })];
  sentences.push(...evidenceSentences(result, kind, t));
  return sentences.join(' ');
}

/** Where a goal was judged on the model: which estimate, and in plain words how it was made. */
function evidenceSentences(result: GoalResult, kind: IndicatorKind, t: Translate): string[] {
  const sentences: string[] = [];
  const s = result.status;
  if (result.evidence.latest === 'model' && s.estimate !== null && s.ciLow !== null && s.ciHigh !== null) {
    const words = { estimate: value(s.estimate, kind, t), ci_low: value(s.ciLow, kind, t), ci_high: value(s.ciHigh, kind, t) };
    sentences.push(t(result.directFlag === 'suppressed' ? 'goal_reason.model_for_suppressed' : 'goal_reason.model_for_unreliable', words));
  }
  const beside = result.model;
  if (beside !== null && !beside.used) {
    const words = { estimate: value(beside.estimate, kind, t), ci_low: value(beside.ciLow, kind, t), ci_high: value(beside.ciHigh, kind, t) };
    sentences.push(t(besideKey(beside), words));
  }
  if (result.evidence.baseline === 'model' && s.baseline !== null) {
    sentences.push(t('goal_reason.model_baseline', { baseline: value(s.baseline, kind, t), baseline_wave: result.goal.baseline.wave }));
  }
  return sentences;
}

/**
 * The sentence for a model estimate shown beside a goal, not used: a prediction with no answers behind it is said so,
 * never offered as what `goals: use_model` would judge the goal on (adversarial run r38, F5).
 */
function besideKey(beside: ModelBeside): 'goal_reason.model_beside_no_answers' | 'goal_reason.model_beside_suppressed' | 'goal_reason.model_beside_unreliable' {
  if (beside.noAnswers) return 'goal_reason.model_beside_no_answers';
  return beside.directFlag === 'suppressed' ? 'goal_reason.model_beside_suppressed' : 'goal_reason.model_beside_unreliable';
}

/** The minimum detectable change as a cell: its size, or a dash when the goal was not sized. */
function mdcCell(result: GoalResult, kind: IndicatorKind, t: Translate): string {
  const sized = result.measurability;
  if (!sized.known) return '–';
  return sized.mdc === null ? t('check.mdc_none') : sizeText(sized.mdc, kind, t);
}

/** The completes that would make an unmeasurable goal measurable: at the deadline, or each of a new baseline and the deadline. */
function neededCell(result: GoalResult, t: Translate): string {
  const needed = result.measurability.known ? result.measurability.needed : null;
  // Where the evidence already decided the goal, more questionnaires change nothing the table should ask for.
  if (needed === null || result.status.status !== 'unmeasurable') return '';
  const completes = formatCount(needed.completes, t);
  return needed.at === 'deadline' ? completes : t('check.completes_each', { completes });
}

function kindOf(result: GoalResult, definitions: ReadonlyMap<string, IndicatorDefinition>): IndicatorKind {
  return definitions.get(result.goal.indicator)?.type ?? 'share';
}

export function checkJson(result: CheckResult, definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate): string {
  return stableJson({
    schema_version: 2,
    wave: result.wave,
    goals: result.goals.map((r) => ({
      id: r.goal.id,
      title: r.goal.title === null ? null : goalName(r.goal, definitions, t),
      indicator: r.goal.indicator,
      district: r.goal.district,
      direction: r.goal.direction,
      status: r.status.status,
      risk: r.status.risk,
      estimate: r.status.estimate,
      ci_low: r.status.ciLow,
      ci_high: r.status.ciHigh,
      path_value: r.status.pathValue,
      baseline: r.status.baseline,
      target: r.goal.target,
      reason: reasonText(r, kindOf(r, definitions), t),
      reason_code: r.status.reason.code,
      wave: r.status.wave,
      baseline_wave: r.goal.baseline.wave,
      deadline: r.goal.deadline,
      z: r.status.z,
      p: r.status.p,
      evidence: r.evidence.latest,
      baseline_evidence: r.goal.baseline.value !== null ? 'file' : r.evidence.baseline,
      model: r.model === null ? null : { estimate: r.model.estimate, rmse: r.model.rmse, ci_low: r.model.ciLow, ci_high: r.model.ciHigh, synthetic: r.model.synthetic, no_answers: r.model.noAnswers, used: r.model.used },
      ...measurabilityJson(r),
    })),
    expectation_gaps: result.gaps.map((gap) => ({ district: gap.district, theme: gap.theme, estimate: gap.estimate, rank: gap.rank, risk: gap.risk })),
    divergences: result.divergences.map((d) => ({
      district: d.district,
      theme: d.theme,
      direction: d.direction,
      residents_rank: d.residentsRank,
      key_figures_rank: d.keyFiguresRank,
      interviews: d.interviews,
      risk: d.risk,
    })),
    max_risk: result.maxRisk,
    whole_area_apart: result.areasApart.map((apart) => ({ from: apart.from, to: apart.to, only_from: apart.onlyFrom, only_to: apart.onlyTo })),
    // as `indicators --json` gives them under `weighting`, per wave the goals are judged on (adversarial run r38, F4)
    respondents_left_out: leftOutWavesJson(result.leftOut),
  });
}

/** A goal's size against its samples (docs/methods.md section 11.3), for scripts. */
function measurabilityJson(r: GoalResult) {
  const sized = r.measurability;
  if (!sized.known) {
    return { measurable: null, not_sized: sized.why, promised_change: null, mdc: null, baseline_n: null, deadline_n: null, deadline_n_source: null, completes_needed: null, completes_needed_for: null };
  }
  return {
    measurable: sized.measurable,
    not_sized: null,
    promised_change: sized.promised,
    mdc: sized.mdc,
    baseline_n: sized.baselineN,
    deadline_n: sized.deadlineN,
    deadline_n_source: sized.deadlineSource,
    completes_needed: sized.needed?.completes ?? null,
    completes_needed_for: sized.needed?.at ?? null,
  };
}

/** An expectation gap in one sentence. */
export function gapSentence(gap: ExpectationGap, t: Translate): string {
  return t('check.gap', { district: gap.district, theme: themeLabel(gap.theme, t.lang), rank: gap.rank, estimate: value(gap.estimate, 'share', t) });
}

/** A source divergence in one sentence. */
export function divergenceSentence(d: Divergence, t: Translate): string {
  return t(d.direction === 'residents_higher' ? 'check.divergence_residents' : 'check.divergence_key_figures', {
    district: d.district ?? t('indicators.whole_area'),
    theme: themeLabel(d.theme, t.lang),
    residents: d.residentsRank,
    key_figures: d.keyFiguresRank,
    interviews: d.interviews,
  });
}

/** Marks an estimate the small-area model gave where the direct one was thin. */
const MODEL_MARK = '‡';

interface Parts {
  heading: string;
  /** the legend of the model mark, when a goal used the model */
  modelLegend: string | null;
  goalsHead: string[];
  goalRows: Array<{ cells: string[]; risk: string }>;
  gaps: string[];
  divergences: string[];
  summary: string;
}

function parts(result: CheckResult, definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate): Parts {
  const goalRows = result.goals.map((r) => {
    const kind = kindOf(r, definitions);
    const s = r.status;
    const interval = s.ciLow === null || s.ciHigh === null ? '' : ` (${value(s.ciLow, kind, t)}–${value(s.ciHigh, kind, t)})`;
    const marker = r.evidence.latest === 'model' ? MODEL_MARK : '';
    // A model estimate not used for the goal still stands beside the thin direct one, named as such.
    const beside =
      r.model === null || r.model.used ? '' : ` · ${t('check.now_model', { estimate: value(r.model.estimate, kind, t), ci_low: value(r.model.ciLow, kind, t), ci_high: value(r.model.ciHigh, kind, t) })}`;
    return {
      risk: s.risk,
      cells: [
        r.goal.id,
        goalName(r.goal, definitions, t),
        r.goal.district ?? t('indicators.whole_area'),
        t(STATUS_WORDS[s.status]),
        t(RISK_WORDS[s.risk]),
        `${value(s.estimate, kind, t)}${marker}${interval}${beside}`,
        value(s.pathValue, kind, t),
        `${value(r.goal.target, kind, t)} (${r.goal.deadline})`,
        mdcCell(r, kind, t),
        neededCell(r, t),
        reasonText(r, kind, t),
      ],
    };
  });
  return {
    heading: t('check.heading', { wave: result.wave }),
    modelLegend: result.goals.some((r) => r.evidence.latest === 'model') ? t('check.legend_model', { mark: MODEL_MARK }) : null,
    goalsHead: [t('check.goal'), '', t('check.area'), t('check.status'), t('check.risk'), t('check.now'), t('check.path'), t('check.target'), t('check.mdc'), t('check.completes_needed'), ''],
    goalRows,
    gaps: result.gaps.map((gap) => gapSentence(gap, t)),
    divergences: result.divergences.map((d) => divergenceSentence(d, t)),
    summary: result.maxRisk ? t('check.max_risk', { risk: t(RISK_WORDS[result.maxRisk]) }) : t('check.max_risk_none'),
  };
}

export function checkTable(result: CheckResult, definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate, colors: ChalkInstance, width = Number.POSITIVE_INFINITY): string {
  const line = (text: string, indent = '  ') => `${wrapText(text, width - indent.length - 2).map((part, at) => `${indent}${at === 0 ? '' : '  '}${part}`).join('\n')}\n`;
  const p = parts(result, definitions, t);
  const paint = (risk: string) => (risk === 'high' ? colors.red : risk === 'medium' ? colors.yellow : colors.green);
  let text = `${colors.bold(p.heading)}\n\n`;
  if (p.goalRows.length > 0) {
    text += `${colors.bold(t('check.goals'))}\n`;
    // The reason is long: it goes under the table, one line per goal.
    text += renderTable(
      p.goalsHead.slice(0, 10),
      p.goalRows.map((row) => row.cells.slice(0, 10).map((cell, i) => (i === 3 || i === 4 ? paint(row.risk)(cell) : cell))),
      { align: ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'], width, t },
    );
    for (const row of p.goalRows) text += line(t('text.labelled', { label: row.cells[0], text: row.cells[10] }));
    if (p.modelLegend !== null) text += line(p.modelLegend);
    text += '\n';
  }
  text += `${colors.bold(fitText(t('check.gaps'), width))}\n${(p.gaps.length > 0 ? p.gaps : [t('check.no_gaps')]).map((gap) => line(gap)).join('')}\n`;
  text += `${colors.bold(fitText(t('check.divergences'), width))}\n${(p.divergences.length > 0 ? p.divergences : [t('check.no_divergences')]).map((divergence) => line(divergence)).join('')}\n`;
  text += `${colors.bold(p.summary)}\n`;
  return text;
}

export function checkMarkdown(result: CheckResult, definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate): string {
  const p = parts(result, definitions, t);
  let text = `# ${escapeMarkdown(p.heading)}\n\n`;
  if (p.goalRows.length > 0) {
    text += `## ${escapeMarkdown(t('check.goals'))}\n\n`;
    text += markdownTable(
      p.goalsHead.map(escapeMarkdown),
      p.goalRows.map((row) => row.cells.map(escapeMarkdown)),
      ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    );
    text += p.modelLegend === null ? '\n' : `\n${escapeMarkdown(p.modelLegend)}\n\n`;
  }
  text += `## ${escapeMarkdown(t('check.gaps'))}\n\n${p.gaps.length > 0 ? p.gaps.map((line) => `- ${escapeMarkdown(line)}`).join('\n') : escapeMarkdown(t('check.no_gaps'))}\n\n`;
  text += `## ${escapeMarkdown(t('check.divergences'))}\n\n${p.divergences.length > 0 ? p.divergences.map((line) => `- ${escapeMarkdown(line)}`).join('\n') : escapeMarkdown(t('check.no_divergences'))}\n\n`;
  text += `**${escapeMarkdown(p.summary)}**\n`;
  return text;
}

export const CHECK_RENDERERS = {
  table: (result, view) => checkTable(result, view.definitions, view.t, view.colors, view.width),
  json: (result, view) => checkJson(result, view.definitions, view.t),
  md: (result, view) => checkMarkdown(result, view.definitions, view.t),
} satisfies Record<CheckFormat, Renderer<CheckResult>>;
