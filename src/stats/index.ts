// The statistics core: pure functions over typed arrays (statistics.md sections 1-8).
export * from './design.js';
export { weight, type WeightingDiagnostics, type WeightingMethod, type WeightingOptions, type WeightingProblem, type WeightingResult } from './weighting.js';
export type { CollapsedCells, Exclusions, ProblemCell, CalibrationKind } from './cells.js';
export { estimateDomains, type DomainEstimates, type Estimate, type EstimateOptions, type IndicatorType, type Influence } from './estimate.js';
export { kornGraubard, tInterval, twoSidedP, normalQuantile, seFromInterval, shareEffectiveSize, type Interval, type KornGraubardInterval } from './intervals.js';
export { DEFAULT_THRESHOLDS, reliabilityFlag, type Flag, type FlagInput, type FlagThresholds } from './flags.js';
export { compareIndependent, compareDistrictsToTotal, compareDistrictToTotal, benjaminiHochberg, type Comparison, type EstimateWithSe } from './compare.js';
export { cronbachAlpha, type Reliability } from './cronbach.js';
export { compositeScore, type CompositeItem } from './composite.js';
export { complementaryDistricts, protectDistricts, type DistrictCell, type Suppression, type SuppressionRules } from './suppression.js';
