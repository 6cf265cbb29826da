// The statistics core: pure functions over typed arrays (docs/methods.md sections 1-8).
export * from './design.js';
export { weight, type WeightingDiagnostics, type WeightingMethod, type WeightingOptions, type WeightingProblem, type WeightingResult } from './weighting.js';
export type { CollapsedCells, Exclusions, ProblemCell, CalibrationKind } from './cells.js';
export { districtsWithFigures } from './cells.js';
export { estimateDomains, type DomainEstimates, type Estimate, type EstimateOptions, type IndicatorType, type Influence } from './estimate.js';
export { kornGraubard, tInterval, twoSidedP, normalQuantile, seFromInterval, shareEffectiveSize, type Interval, type KornGraubardInterval } from './intervals.js';
export { DEFAULT_THRESHOLDS, reliabilityFlag, type Flag, type FlagInput, type FlagThresholds } from './flags.js';
export { compareIndependent, compareDistrictsToTotal, benjaminiHochberg, type Comparison, type EstimateWithSe } from './compare.js';
export { cronbachAlpha, type Reliability } from './cronbach.js';
export { compositeScore, type CompositeItem } from './composite.js';
export { fayHerriot, fayHerriotInterval, type Coefficient, type DistrictPrediction, type FayHerriotFit, type FayHerriotInput, type FayHerriotOptions, type FayHerriotProblem, type FayHerriotResult } from './fh.js';
export { samplingVariances, POOLED_DEFF_MIN_N_EFF, type DirectDistrict, type SamplingVariances, type SamplingVariancesResult, type WholeArea } from './fh-sampling.js';
export { completesForHalfWidth, completesToDetect, invitationsFor, powerPropTestN, roundUp, type ChangeDetection, type Completes, type HalfWidthInput } from './plan.js';
export { completesForChange, minimumDetectableChange, zTestPower, type CompletesForChange, type CompletesForChangeInput, type DetectableChangeInput, type Direction, type TestLevels, type WaveSize } from './detectable.js';
export { complementaryDistricts, protectDistricts, protectShares, type DistrictCell, type ShareOfItem, type Suppression, type SuppressionRules } from './suppression.js';
