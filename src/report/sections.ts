// The report's content, section by section, as a document model: an overview of the whole area, one
// section per district, and a methods appendix. Plain words first, numbers with their uncertainty.
import { indicatorLabel, themeLabel, type IndicatorDefinition } from '../config/codebook.js';
import { benchmarkLegend, benchmarkRows, benchmarkSummary } from '../render/benchmark.js';
import type { GoalResult } from '../goals/check.js';
import type { Translate } from '../i18n/index.js';
import { present } from '../invariant.js';
import type { IndicatorRow } from '../indicators/engine.js';
import { leftOutOf } from '../indicators/left-out.js';
import type { SourceView } from '../profile/profile.js';
import { riskBadge, statusBadge } from '../render/charts/index.js';
import { RISK_WORDS, STATUS_WORDS } from '../render/words.js';
import { divergenceSentence, gapSentence, goalName, reasonText } from '../render/check/render.js';
import type { WaveChange } from '../compare/waves.js';
import { joinList } from '../render/list.js';
import { weightingSentence } from '../render/indicators/labels.js';
import { changeText, formatCount, formatLevel, formatNumber } from '../render/numbers.js';
import { benchmarkOf, districtsChart, rankingOf, trendOf, type ChartWords } from './charts.js';
import { districtSlugs, indicatorSlugs as headlineSlugs, type Block, type Cell, type ReportDocument } from './document.js';
import { feedbackFileNames, markdownBlocks, type FeedbackTexts } from './feedback.js';
import { goalEvidenceMethods, modelNote } from './goal-evidence.js';
import type { ReportModel } from './model.js';
import { NO_PAUSE, paced, type Pause } from '../pace.js';
import { summarySection } from './summary.js';
import { percent, plainEstimate } from './words.js';

const MAIN = 'unsafe_often';


function definitionsById(model: ReportModel): ReadonlyMap<string, IndicatorDefinition> {
  return new Map(model.profiles.estimates.definitions.map((definition) => [definition.id, definition]));
}

function definitionOf(model: ReportModel, id: string): IndicatorDefinition | undefined {
  return model.headline.find((d) => d.id === id) ?? model.profiles.estimates.definitions.find((d) => d.id === id);
}

/** The headline indicators of a place in words: "feels unsafe often or always: about 1 in 8 residents (...)". */
function headlineList(model: ReportModel, view: SourceView, t: Translate): Block {
  return {
    type: 'list',
    className: 'headline',
    items: model.headline.flatMap((definition) => {
      const row = view.indicators.find((r) => r.indicator === definition.id);
      return row ? [t('report.headline_item', { indicator: capitalise(indicatorLabel(definition, t.lang)), value: headlineValue(model, row, t) })] : [];
    }),
  };
}

/**
 * A headline figure in words; a district whose respondents the weighting left out for want of population figures is
 * said to be, never "too few answers" (adversarial run r38, F4).
 */
function headlineValue(model: ReportModel, row: IndicatorRow, t: Translate): string {
  const district = row.district;
  if (district === null || row.n > 0 || row.notFinite) return plainEstimate(row, t);
  const count = leftOutOf(model.profiles.estimates.weighting, district);
  // nobody answered is said so, not as "too few answers" (adversarial run r38, F5)
  return count > 0 ? t('report.left_out', { count, district }) : t('report.no_answers');
}

/** The reader's language and the report's interval level, as charts label ranges. */
function chartWords(model: ReportModel, t: Translate): ChartWords {
  return { t, level: formatLevel(model.profiles.estimates.thresholds.level, t.lang) };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A significant change was tested, so both estimates and their difference are there. */
function significantChange(row: WaveChange): { from: number; to: number; diff: number } {
  const { estimateFrom: from, estimateTo: to, diff } = row;
  if (from === null || to === null || diff === null) throw new Error('safety-scan invariant broken: a significant change lacks its estimates');
  return { from, to, diff };
}

/** What changed since the previous wave in a place, and whether the change is larger than chance. */
function changes(model: ReportModel, district: string | null, t: Translate): Block[] {
  if (!model.comparison) return [{ type: 'paragraph', text: t('report.no_previous_wave') }];
  const previous = model.comparison.from;
  const rows = model.comparison.rows.filter((row) => row.district === district);
  const real = rows.filter((row) => row.significant === true);
  const untested = rows.filter((row) => row.significant === null).length;
  const blocks: Block[] = [{ type: 'heading', level: 3, text: t('report.changes', { previous }) }];
  // "No change larger than chance" claims a test: where none could be made, say that instead.
  if (untested === rows.length) {
    blocks.push({ type: 'paragraph', text: t('report.change_untestable', { previous }) });
    return blocks;
  }
  const untestedNote = untested > 0 ? [t('report.change_untested', { count: untested, total: rows.length })] : [];
  if (real.length === 0) {
    blocks.push({ type: 'paragraph', text: [t('report.change_none', { previous }), ...untestedNote].join(' ') });
    return blocks;
  }
  blocks.push({
    type: 'list',
    items: real.map((row) => {
      const definition = definitionOf(model, row.indicator);
      const label = definition ? capitalise(indicatorLabel(definition, t.lang)) : row.indicator;
      const value = (v: number) => (row.kind === 'share' ? percent(v, t) : formatNumber(v, t.lang, 1));
      const { from, to, diff } = significantChange(row);
      return t(diff < 0 ? 'report.change_down' : 'report.change_up', {
        indicator: label,
        from: value(from),
        to: value(to),
        change: changeText(diff, row.kind, t),
      });
    }),
  });
  blocks.push({ type: 'paragraph', className: 'note', text: [t('report.change_note', { fdr: formatNumber(model.fdr * 100, t.lang, 0) }), ...untestedNote].join(' ') });
  return blocks;
}

/** Key figures and signals in a few sentences; divergences said plainly. */
function otherSources(model: ReportModel, view: SourceView, t: Translate): Block[] {
  const sentences: string[] = [];
  const top = view.keyFigures[0];
  if (top) {
    const interviews = view.interviews;
    const trend = top.trendBalance === null ? '' : top.trendBalance > 0 ? t('report.trend_worse') : top.trendBalance < 0 ? t('report.trend_better') : '';
    sentences.push(
      t('report.key_figures_top', {
        interviews,
        theme: themeLabel(top.theme, t.lang),
        severity: formatNumber(top.meanSeverity, t.lang, 1),
        trend,
      }),
    );
  } else sentences.push(t('report.no_key_figures', { wave: model.wave }));
  for (const d of view.divergences) {
    sentences.push(
      t(d.direction === 'residents_higher' ? 'profile.divergence_residents' : 'profile.divergence_key_figures', {
        theme: themeLabel(d.theme, t.lang),
        residents: d.residentsRank,
        key_figures: d.keyFiguresRank,
      }).replace(/^◆ /, '').replace(/^./, (first) => first.toUpperCase()),
    );
  }
  const total = view.signals.reduce((sum, s) => sum + s.count, 0);
  if (total > 0) {
    const first = view.signals[0];
    sentences.push(t('report.signals', { count: total, theme: themeLabel(first.theme, t.lang), theme_count: first.count, waves: joinList(t, model.profiles.signalWaves) }));
  } else sentences.push(t('report.no_signals'));
  return [{ type: 'heading', level: 3, text: t('report.other_sources') }, { type: 'paragraph', text: sentences.join(' ') }];
}

function goalRows(model: ReportModel, results: GoalResult[], t: Translate): Cell[][] {
  return results.map((result) => {
    const definition = definitionOf(model, result.goal.indicator);
    const kind = definition?.type ?? 'share';
    const status = statusBadge(result.status.status, t(STATUS_WORDS[result.status.status]));
    const risk = riskBadge(result.status.risk, t(RISK_WORDS[result.status.risk]));
    const value = (v: number | null) => (v === null ? '–' : kind === 'share' ? percent(v, t) : formatNumber(v, t.lang, 1));
    return [
      result.goal.id,
      goalName(result.goal, definitionsById(model), t),
      result.goal.district ?? t('indicators.whole_area'),
      { text: status.label, className: status.className, marker: status.symbol },
      { text: risk.label, className: risk.className, marker: risk.symbol },
      `${value(result.status.estimate)} → ${value(result.goal.target)} (${result.goal.deadline})`,
    ];
  });
}

/** The goals with their status and risk; each goal's reason runs the table's full width under it, so the table reads on A4 and on a phone. */
function goalTable(model: ReportModel, results: GoalResult[], t: Translate): Block {
  return {
    type: 'table',
    caption: t('report.goals_caption'),
    className: 'goals',
    head: [t('check.goal'), '', t('check.area'), t('check.status'), t('check.risk'), t('report.now_target')],
    rows: goalRows(model, results, t),
    details: {
      head: t('report.why'),
      cells: results.map((result) => reasonText(result, definitionOf(model, result.goal.indicator)?.type ?? 'share', t)),
    },
  };
}

/** A change since the previous wave is real, unclear, or cannot be told from so few answers (docs/methods.md section 8). */
function changeState(row: WaveChange): 'real' | 'unclear' | 'too_few' {
  if (row.significant === true) return 'real';
  const thin = (flag: WaveChange['flagFrom']) => flag === null || flag === 'suppressed' || flag === 'unreliable';
  return thin(row.flagFrom) || thin(row.flagTo) || row.significant === null ? 'too_few' : 'unclear';
}

/** The headline indicators' changes in a district in words: the real ones first, then what cannot be said. */
function changeFeedback(model: ReportModel, district: string, t: Translate): string[] {
  const comparison = model.comparison;
  if (!comparison) return [];
  const headline = new Set(model.headline.map((definition) => definition.id));
  const rows = comparison.rows.filter((row) => row.district === district && headline.has(row.indicator));
  const label = (row: WaveChange) => {
    const definition = definitionOf(model, row.indicator);
    return definition ? indicatorLabel(definition, t.lang) : row.indicator;
  };
  const previous = comparison.from;
  const sentences = rows
    .filter((row) => changeState(row) === 'real')
    .map((row) => {
      const value = (v: number) => (row.kind === 'share' ? percent(v, t) : formatNumber(v, t.lang, 1));
      const { from, to, diff } = significantChange(row);
      const words = { indicator: capitalise(label(row)), from: value(from), to: value(to), previous, change: changeText(diff, row.kind, t) };
      return t(diff < 0 ? 'report.feedback_change_down' : 'report.feedback_change_up', words);
    });
  const unclear = rows.filter((row) => changeState(row) === 'unclear').map(label);
  if (unclear.length > 0) sentences.push(t('report.feedback_no_clear_change', { previous, indicators: joinList(t, unclear) }));
  const tooFew = rows.filter((row) => changeState(row) === 'too_few').map(label);
  if (tooFew.length > 0) sentences.push(t('report.feedback_too_few', { indicators: joinList(t, tooFew) }));
  return sentences;
}

/**
 * What the district told us, what the evidence says about it, and what the plan does: nothing is promised
 * here but the plan's own goals; what the zone says back comes from its feedback file, or a marked placeholder.
 */
function feedback(model: ReportModel, view: SourceView, goals: GoalResult[], texts: FeedbackTexts | null, feedbackNames: ReadonlyMap<string, string>, t: Translate): Block[] {
  const district = present(view.district, 'the district of a district view');
  const sentences: string[] = [];
  const problems = view.residents.slice(0, 3).map((r) => themeLabel(r.theme, t.lang));
  if (problems.length > 0) sentences.push(t('report.feedback_problems', { problems: joinList(t, problems), district }));
  // no resident answered: no change to report back, and "too few residents answered" would say some did (r38, F5)
  const answered = !model.profiles.estimates.weighting.districtsWithoutRespondents.includes(district);
  if (answered) sentences.push(...changeFeedback(model, district, t));
  const titles = goals.map((g) => (g.goal.title === null ? g.goal.id : goalName(g.goal, definitionsById(model), t)));
  if (titles.length > 0) sentences.push(t('report.feedback_goals', { goals: joinList(t, titles) }));
  // no resident of the district answered the wave: nobody to thank for answers (adversarial run r38, F5)
  sentences.push(answered ? t('report.feedback_thanks') : t('report.feedback_no_answers', { district, wave: model.wave }));
  const blocks: Block[] = [{ type: 'heading', level: 3, text: t('report.feedback') }, { type: 'paragraph', className: 'feedback', text: sentences.join(' ') }];
  const own = texts?.byDistrict.get(district);
  if (own !== undefined) blocks.push(...markdownBlocks(own));
  else blocks.push({ type: 'paragraph', className: 'placeholder', text: t('report.feedback_placeholder', { district, file: present(feedbackNames.get(district), 'every district of the store has a feedback file name') }) });
  return blocks;
}

function figure(name: string, chart: ReturnType<typeof districtsChart> | null): Block[] {
  return chart ? [{ type: 'figure', name, chart }] : [];
}

/** What names each district of the store in a report's files: its slug (ids, chart files) and its feedback file. */
interface DistrictNames {
  slugs: ReadonlyMap<string, string>;
  feedback: ReadonlyMap<string, string>;
}

function districtSection(model: ReportModel, view: SourceView, texts: FeedbackTexts | null, names: DistrictNames, t: Translate): Block {
  const { slugs, feedback: feedbackNames } = names;
  const district = present(view.district, 'the district of a district view');
  const id = present(slugs.get(district), 'the slug of a district');
  const goals = model.check.goals.filter((g) => g.goal.district === district);
  const areaGoals = model.check.goals.filter((g) => g.goal.district === null);
  const gaps = model.check.gaps.filter((gap) => gap.district === district).map((gap) => gap.theme);
  const main = definitionOf(model, goals[0]?.goal.indicator ?? MAIN) ?? model.headline[0];
  const goalForTrend = goals.find((g) => g.goal.indicator === main.id) ?? null;
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: district, id: `district-${id}` },
    { type: 'heading', level: 3, text: t('report.residents_say', { wave: model.wave }) },
    headlineList(model, view, t),
    ...figure(`${id}-trend`, trendOf(main, district, model.history, model.waves, goalForTrend, `${id}-trend`, chartWords(model, t))),
    ...changes(model, district, t),
    { type: 'heading', level: 3, text: t('report.problems') },
    ...figure(`${id}-ranking`, rankingOf(view, gaps, `${id}-ranking`, model.profiles.minInterviews, t)),
    ...otherSources(model, view, t),
    ...figure(`${id}-benchmark`, benchmarkOf(definitionOf(model, MAIN) ?? main, view, `${id}-benchmark`, chartWords(model, t))),
  ];
  // the goals and what the zone says back print together, so the district's last page never holds one paragraph
  const plan: Block[] = [{ type: 'heading', level: 3, text: t('report.goals') }];
  if (goals.length > 0) plan.push(goalTable(model, goals, t), ...modelNote(goals, district, t));
  else plan.push({ type: 'paragraph', text: t('report.no_district_goals') });
  if (areaGoals.length > 0) plan.push({ type: 'paragraph', className: 'note', text: t('report.area_goals_apply', { goals: areaGoals.map((g) => g.goal.id).join(', ') }) });
  if (gaps.length > 0) {
    plan.push({ type: 'paragraph', className: 'gaps', text: t('report.gaps_here', { themes: joinList(t, gaps.map((theme) => themeLabel(theme, t.lang))), top: model.thresholds.gapTop }) });
  }
  plan.push(...feedback(model, view, goals, texts, feedbackNames, t));
  blocks.push({ type: 'group', blocks: plan });
  return { type: 'section', id: `district-${id}`, className: 'district', blocks };
}

/** The zone beside the other zones of a shared store (docs/methods.md section 21): the headline indicators only. */
function peers(model: ReportModel, t: Translate): Block[] {
  const benchmark = model.peers;
  if (benchmark === null) return [];
  const heading: Block = { type: 'heading', level: 3, text: t('report.peers', { wave: benchmark.wave }) };
  const headline = new Set(model.headline.map((definition) => definition.id));
  const shown = { ...benchmark, rows: benchmark.rows.filter((row) => headline.has(row.indicator)) };
  if (shown.rows.length === 0) return [{ type: 'group', blocks: [heading, { type: 'paragraph', text: t('benchmark.no_peers', { wave: benchmark.wave }) }] }];
  const table = benchmarkRows(shown, { t, definitions: definitionsById(model) });
  return [
    {
      type: 'group',
      blocks: [
        heading,
        { type: 'table', caption: t('report.peers', { wave: benchmark.wave }), head: table.head, rows: table.rows, align: ['left', 'right', 'left', 'right', 'right', 'right', 'right', 'left'] },
        { type: 'paragraph', text: `${benchmarkSummary(benchmark, t)} ${benchmarkLegend(benchmark, t)}` },
      ],
    },
  ];
}

function overview(model: ReportModel, t: Translate): Block {
  const area = model.profiles.area;
  const indicatorSlugs = headlineSlugs(model.headline.map((definition) => definition.id));
  const ids = model.headline.map((definition) => present(indicatorSlugs.get(definition.id), 'the slug of an indicator'));
  const rows: IndicatorRow[] = model.profiles.estimates.rows;
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: t('report.overview', { zone: model.zone ?? t('report.zone_default') }), id: 'overview' },
    { type: 'heading', level: 3, text: t('report.residents_say', { wave: model.wave }) },
    headlineList(model, area, t),
    ...model.headline.flatMap((definition, i) => figure(`area-${ids[i]}`, districtsChart(definition, rows, `area-${ids[i]}`, chartWords(model, t)))),
    ...figure('area-trend', trendOf(definitionOf(model, MAIN) ?? model.headline[0], null, model.history, model.waves, null, 'area-trend', chartWords(model, t))),
    ...changes(model, null, t),
    ...figure('area-benchmark', benchmarkOf(definitionOf(model, MAIN) ?? model.headline[0], area, 'area-benchmark', chartWords(model, t))),
    ...peers(model, t),
  ];
  // The plan's goals, the gaps and the divergences print on one page together: neither list is ever left alone on one.
  const plan: Block[] = [{ type: 'heading', level: 3, text: t('report.goals') }];
  if (model.check.goals.length > 0) plan.push(goalTable(model, model.check.goals, t));
  else plan.push({ type: 'paragraph', text: t('report.no_goals') });
  // the gaps and the divergences stay together even when the goals table takes a page of its own
  plan.push({
    type: 'group',
    blocks: [
      { type: 'heading', level: 3, text: t('check.gaps') },
      model.check.gaps.length > 0
        ? { type: 'list', className: 'gaps', items: model.check.gaps.map((gap) => gapSentence(gap, t)) }
        : { type: 'paragraph', text: t('check.no_gaps') },
      { type: 'heading', level: 3, text: t('check.divergences') },
      model.check.divergences.length > 0
        ? { type: 'list', items: model.check.divergences.map((d) => divergenceSentence(d, t)) }
        : { type: 'paragraph', text: t('check.no_divergences') },
    ],
  });
  blocks.push({ type: 'group', blocks: plan });
  return { type: 'section', id: 'overview', className: 'overview', blocks };
}

/** How the respondents were weighted, in words for a council, for the method this wave used. */
const WEIGHTING_HOW = {
  rake: 'report.methods_weighting_how',
  poststratify: 'report.methods_weighting_how_poststratify',
  supplied: 'report.methods_weighting_how_supplied',
  none: 'report.methods_weighting_how_none',
} as const;

function methods(model: ReportModel, t: Translate): Block {
  const n = (value: number) => formatCount(value, t);
  const sizes: Cell[][] = [
    ...Object.entries(model.sources.survey).map(([wave, count]) => [t('report.source_survey'), wave, n(count)]),
    ...Object.entries(model.sources.keyFigures).map(([wave, count]) => [t('report.source_key_figures'), wave, n(count)]),
    ...Object.entries(model.sources.signals).map(([wave, count]) => [t('report.source_signals'), wave, n(count)]),
    ...Object.entries(model.sources.monitor).map(([wave, count]) => [t('report.source_monitor'), wave, n(count)]),
    [t('report.source_population'), t('status.all_waves'), n(model.sources.populationRows)],
  ];
  const definitions = model.profiles.estimates.definitions.map((d) => t('text.labelled', { label: d.id, text: indicatorLabel(d, t.lang) }));
  return {
    type: 'section',
    id: 'methods',
    className: 'methods',
    blocks: [
      { type: 'heading', level: 2, text: t('report.methods'), id: 'methods' },
      { type: 'heading', level: 3, text: t('report.methods_sources') },
      { type: 'table', caption: t('report.methods_sources'), head: [t('report.source'), t('report.chart_wave'), t('report.size')], rows: sizes, align: ['left', 'left', 'right'] },
      { type: 'paragraph', text: t('report.methods_key_figures') },
      { type: 'heading', level: 3, text: t('report.methods_weighting') },
      { type: 'paragraph', text: weightingSentence(model.profiles.estimates, t) },
      { type: 'paragraph', text: t(WEIGHTING_HOW[model.profiles.estimates.weighting.method]) },
      { type: 'heading', level: 3, text: t('report.methods_indicators') },
      { type: 'list', items: definitions },
      { type: 'heading', level: 3, text: t('report.methods_flags') },
      { type: 'paragraph', text: t('report.methods_flags_text', { min_cell: model.thresholds.minCell, min_n_eff: formatNumber(model.thresholds.minNEff, t.lang, 0) }) },
      { type: 'heading', level: 3, text: t('report.methods_interval') },
      { type: 'paragraph', text: t('report.methods_interval_text', { level: chartWords(model, t).level }) },
      { type: 'heading', level: 3, text: t('report.methods_tests') },
      { type: 'paragraph', text: t('report.methods_tests_text', { fdr: formatNumber(model.fdr * 100, t.lang, 0) }) },
      ...goalEvidenceMethods(model.check.goals, t),
    ],
  };
}

/** The running header and footer of every printed page, in the reader's language. */
function runningText(head: string, date: string, t: Translate): ReportDocument['running'] {
  const [before = '', between = '', after = ''] = t('report.page_of', { page: '\u0000', pages: '\u0000' }).split('\u0000');
  return { head, date: t('report.written_on', { date: longDate(date, t.lang) }), pageOf: [before, between, after] };
}

/** 2026-12-03 as the language writes a date in full: "3 December 2026", "3 december 2026", "3 décembre 2026". */
export function longDate(date: string, lang: string): string {
  const locale = lang === 'nl' ? 'nl-BE' : lang === 'fr' ? 'fr-BE' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** What the report says and when: the tool's version, and the day it is written (YYYY-MM-DD). */
export interface Imprint {
  version: string;
  date: string;
}

/** The report as blocks; `pause` (src/pace.ts) comes between some district sections, so that a stop is heard. */
export async function reportDocument(model: ReportModel, districts: string[], feedbackTexts: FeedbackTexts | null, t: Translate, imprint: Imprint, pause: Pause = NO_PAUSE): Promise<ReportDocument> {
  const { version, date } = imprint;
  const zone = model.zone ?? t('report.zone_default');
  const chosen = new Set(districts);
  const views = model.profiles.districts.filter((view) => view.district !== null && chosen.has(view.district));
  // Every district of the store gets its slug, so a district's file names and ids do not depend on --district.
  const stored = model.profiles.districts.flatMap((view) => (view.district === null ? [] : [view.district]));
  const slugs = districtSlugs(stored);
  const names: DistrictNames = { slugs, feedback: feedbackFileNames(stored, t.lang) };
  const respondents = model.sources.survey[model.wave] ?? 0;
  const title = t('report.title', { zone, wave: model.wave });
  const sections: Block[] = [];
  for await (const view of paced(views, pause)) sections.push(districtSection(model, view, feedbackTexts, names, t));
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: title },
    { type: 'paragraph', className: 'lede', text: t('report.lede', { respondents: formatCount(respondents, t), wave: model.wave, level: chartWords(model, t).level }) },
    summarySection(model, t),
    {
      type: 'section',
      id: 'contents',
      className: 'contents',
      blocks: [
        { type: 'heading', level: 2, text: t('report.contents'), id: 'contents' },
        {
          type: 'list',
          className: 'contents',
          items: [
            { text: t('report.overview', { zone }), href: '#overview' },
            ...views.map((view) => {
              const district = present(view.district, 'the district of a district view');
              return { text: district, href: `#district-${slugs.get(district)}` };
            }),
            { text: t('report.methods'), href: '#methods' },
          ],
        },
      ],
    },
    overview(model, t),
    ...sections,
    methods(model, t),
  ];
  return {
    lang: t.lang,
    title,
    blocks,
    footer: `${t('report.footer', { version, wave: model.wave })} ${capitalise(t('report.written_on', { date: longDate(date, t.lang) }))}.`,
    dataLabel: t('report.data'),
    running: runningText(t('report.running_head', { zone, wave: model.wave }), date, t),
  };
}
