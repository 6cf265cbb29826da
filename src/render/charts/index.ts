// The chart module: pure functions from plain inputs to inline SVG plus the data table behind it.
export type { Chart, ChartFlag, ChartOptions, CommonLabels, DataTable, FormatTick, FormatValue, IntervalEstimate, ListSentence, ValueKind } from './types.js';
export { intervalPlot, type DistrictEstimate, type IntervalPlotInput, type IntervalPlotLabels } from './interval-plot.js';
export { trendChart, type TrendGoal, type TrendInput, type TrendLabels, type TrendPoint, type TrendSeries } from './trend.js';
export { rankingChart, rankThemes, type RankedTheme, type RankingInput, type RankingLabels } from './ranking.js';
export { benchmarkChart, type BenchmarkArea, type BenchmarkInput, type BenchmarkLabels } from './benchmark.js';
export { goalStatusCss, riskBadge, statusBadge, type Badge, type GoalStatus, type Risk } from './goal-status.js';
export { linearScale, niceTicks, valueAxis, type Interval, type Ticks } from './scale.js';
export { escapeXml } from './svg.js';
