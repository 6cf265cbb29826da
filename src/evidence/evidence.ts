// The evidence layer: one object per run that owns every read of the store (survey waves, their weighting
// and estimates, key figures, signals, monitor tables, source sizes), each read once. `indicators`,
// `compare`, `profile`, `check` and `report` ask it; none of them reads the store itself.
import type { IndicatorDefinition } from '../config/codebook.js';
import type { Settings } from '../config/settings.js';
import { InputError, UsageError } from '../errors.js';
import { present } from '../invariant.js';
import { estimateIndicators, weightWave, type IndicatorRow, type WaveEstimates, type WeightedWave } from '../indicators/engine.js';
import type { SmallAreaModel } from '../indicators/small-area-model.js';
import { smallAreaModel } from '../indicators/small-areas.js';
import { Batches, type BatchRecord } from '../store/batches.js';
import type { Store } from '../store/db.js';
import { populationFigures, type FiguresNeed, type PopulationRow, type WaveFigures } from '../store/population.js';
import { keyFiguresFor, monitorRows, signalsBetween, type KeyFigureRow, type MonitorRow, type SignalRow } from '../store/sources.js';
import { loadSurveyWave, surveyWaves } from '../store/survey.js';

export interface EstimatesRequest {
  /** the indicators wanted (all of the codebook by default) */
  definitions?: IndicatorDefinition[];
  /** keep the influence values for district-against-area tests */
  influence?: boolean;
}

/** Rows per kind and wave, as `status` and the report's methods appendix show them. */
export type RowCounts = Record<string, Record<string, number>>;

export class Evidence {
  private waveList: string[] | null = null;
  private readonly weighted = new Map<string, WeightedWave>();
  private readonly estimated = new Map<string, Array<{ result: WaveEstimates; influence: boolean }>>();
  private monitor: MonitorRow[] | null = null;
  private readonly populations = new Map<string, WaveFigures>();
  private readonly interviews = new Map<string, KeyFigureRow[]>();
  private readonly models = new Map<string, SmallAreaModel>();

  constructor(
    private readonly store: Store,
    readonly settings: Settings,
  ) {}

  /** The survey waves in the store, oldest first. */
  waves(): string[] {
    this.waveList ??= surveyWaves(this.store);
    return this.waveList;
  }

  /** The wave asked for, or the latest; a wave the store does not hold is a usage error naming the ones it does. */
  wave(wanted?: string): string {
    const waves = this.waves();
    if (waves.length === 0) throw new InputError('input.no_survey');
    if (wanted === undefined) return waves[waves.length - 1];
    if (!waves.includes(wanted)) throw new UsageError('usage.unknown_wave', { value: wanted, waves: waves.join(', ') });
    return wanted;
  }

  /** The survey wave before this one, or null. */
  previousWave(wave: string): string | null {
    return this.waves().filter((w) => w < wave).pop() ?? null;
  }

  /** A wave weighted to the population, weighted once however many estimates are asked of it. */
  weightedWave(wave: string): WeightedWave {
    let weighted = this.weighted.get(wave);
    if (!weighted) {
      weighted = weightWave(wave, loadSurveyWave(this.store, wave), this.figures(wave), this.settings);
      this.weighted.set(wave, weighted);
    }
    return weighted;
  }

  /**
   * The estimates of a wave's indicators. An earlier result serves a request it covers (the same or more
   * indicators, influence values when asked for), so a run never estimates the same indicator twice.
   */
  estimates(wave: string, request: EstimatesRequest = {}): WaveEstimates {
    const definitions = request.definitions ?? this.settings.codebook.indicators;
    const influence = request.influence === true;
    const earlier = this.estimated.get(wave) ?? [];
    const covering = earlier.find((entry) => (entry.influence || !influence) && covers(entry.result, definitions));
    if (covering) return sameOrder(covering.result.definitions, definitions) ? covering.result : only(covering.result, definitions);
    const result = estimateIndicators(this.weightedWave(wave), definitions, this.settings, { influence });
    this.estimated.set(wave, [...earlier, { result, influence }]);
    return result;
  }

  /** Rows of every wave up to `upTo` (inclusive) for the indicators asked for: trends and goal evidence. */
  history(upTo: string, definitions?: IndicatorDefinition[]): IndicatorRow[] {
    return this.waves()
      .filter((w) => w <= upTo)
      .flatMap((w) => this.estimates(w, { definitions }).rows);
  }

  /**
   * The population figures that hold for a wave, in the shape the weighting method needs: margins-only figures
   * cannot be post-stratified (docs/methods.md section 2).
   */
  figures(wave: string): WaveFigures {
    let figures = this.populations.get(wave);
    if (!figures) {
      figures = populationFigures(this.store, wave, figuresNeed(this.settings));
      this.populations.set(wave, figures);
    }
    return figures;
  }

  /** The cells of the population figures that hold for a wave (docs/methods.md section 1.2). */
  population(wave: string): PopulationRow[] {
    return this.figures(wave).rows;
  }

  keyFigures(wave: string): KeyFigureRow[] {
    let rows = this.interviews.get(wave);
    if (!rows) {
      rows = keyFiguresFor(this.store, wave);
      this.interviews.set(wave, rows);
    }
    return rows;
  }

  /**
   * The small-area model of one indicator in one wave (docs/methods.md section 10), fitted once per run
   * however many outputs ask for it.
   */
  smallAreas(wave: string, definition: IndicatorDefinition): SmallAreaModel {
    const key = `${wave}\u0000${definition.id}`;
    let model = this.models.get(key);
    if (!model) {
      const covariates = this.settings.smallAreas.covariates;
      const previousWave = this.previousWave(wave);
      const previous =
        previousWave !== null && covariates.some((c) => c.kind === 'previous_wave')
          ? { wave: previousWave, rows: this.estimates(previousWave, { definitions: [definition] }).rows }
          : null;
      const estimates = this.estimates(wave, { definitions: [definition] });
      model = smallAreaModel({
        definition,
        wave,
        districts: estimates.districts,
        rows: estimates.rows,
        population: this.population(wave),
        previous,
        keyFigures: covariates.some((c) => c.kind === 'key_figures') ? this.keyFigures(wave) : [],
        settings: this.settings,
      });
      this.models.set(key, model);
    }
    return model;
  }

  /** Signals of the waves after `after` (null: from the start) up to `upTo`. */
  signals(after: string | null, upTo: string): SignalRow[] {
    return signalsBetween(this.store, after, upTo);
  }

  monitorRows(): MonitorRow[] {
    this.monitor ??= monitorRows(this.store);
    return this.monitor;
  }

  batches(): BatchRecord[] {
    return new Batches(this.store).list();
  }

  rowCounts(): RowCounts {
    return new Batches(this.store).counts();
  }
}

/** Post-stratification needs the cross-table; raking, and the model's covariates without weighting, the margins. */
function figuresNeed(settings: Settings): FiguresNeed {
  return settings.weighting.method === 'poststratify' ? 'poststratify' : 'rake';
}

function sameOrder(a: IndicatorDefinition[], b: IndicatorDefinition[]): boolean {
  return a.length === b.length && a.every((definition, i) => definition.id === b[i].id);
}

function covers(result: WaveEstimates, definitions: IndicatorDefinition[]): boolean {
  const have = new Set(result.definitions.map((definition) => definition.id));
  return definitions.every((definition) => have.has(definition.id));
}

/** The rows of some indicators of a larger result, in the order asked for. */
function only(result: WaveEstimates, definitions: IndicatorDefinition[]): WaveEstimates {
  const wanted = new Set(definitions.map((definition) => definition.id));
  const order = new Map(definitions.map((definition, index) => [definition.id, index]));
  const position = (row: IndicatorRow) => present(order.get(row.indicator), 'the position of a wanted indicator');
  const rows = result.rows.filter((row) => wanted.has(row.indicator)).sort((a, b) => position(a) - position(b));
  return {
    ...result,
    definitions,
    rows,
    scores: result.scores.filter((score) => wanted.has(score.indicator)),
    vsArea: new Map([...result.vsArea].filter(([id]) => wanted.has(id))),
  };
}
