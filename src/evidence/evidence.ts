// The evidence layer: one object per run that owns every read of the store (survey waves, their weighting
// and estimates, key figures, signals, monitor tables, source sizes), each read once. `indicators`,
// `compare`, `profile`, `check` and `report` ask it; none of them reads the store itself. It reads through a
// StoreReader (src/store/reader.ts), so its answers are promises; the statistics on them stay synchronous.
import type { IndicatorDefinition } from '../config/codebook.js';
import type { Settings } from '../config/settings.js';
import { ConfigError, InputError, UsageError } from '../errors.js';
import { hasZoneWord, printsAs } from '../ingest/kinds/columns.js';
import { shownName } from '../shown-name.js';
import { present } from '../invariant.js';
import { estimateIndicators, weightWave, type IndicatorRow, type WaveEstimates, type WeightedWave } from '../indicators/engine.js';
import type { SmallAreaModel } from '../indicators/small-area-model.js';
import { smallAreaModel } from '../indicators/small-areas.js';
import type { BatchRecord } from '../store/batches.js';
import type { FiguresNeed, PopulationRow, WaveFigures } from '../store/population.js';
import type { RowCounts, StoreReader } from '../store/reader.js';
import type { KeyFigureRow, MonitorRow, SignalRow } from '../store/sources.js';

export interface EstimatesRequest {
  /** the indicators wanted (all of the codebook by default) */
  definitions?: IndicatorDefinition[];
  /** keep the influence values for district-against-area tests */
  influence?: boolean;
}

/** An estimate already asked for: the indicators and whether it keeps influence values, known before it resolves. */
interface Estimated {
  definitions: IndicatorDefinition[];
  influence: boolean;
  result: Promise<WaveEstimates>;
}

export class Evidence {
  private waveList: Promise<string[]> | null = null;
  private readonly weighted = new Map<string, Promise<WeightedWave>>();
  private readonly estimated = new Map<string, Estimated[]>();
  private monitor: Promise<MonitorRow[]> | null = null;
  private readonly populations = new Map<string, Promise<WaveFigures>>();
  private readonly interviews = new Map<string, Promise<KeyFigureRow[]>>();
  private readonly models = new Map<string, Promise<SmallAreaModel>>();

  constructor(
    private readonly reader: StoreReader,
    readonly settings: Settings,
  ) {}

  /** The survey waves in the store, oldest first. */
  waves(): Promise<string[]> {
    this.waveList ??= this.reader.surveyWaves();
    return this.waveList;
  }

  /** The wave asked for, or the latest; a wave the store does not hold is a usage error naming the ones it does. */
  async wave(wanted?: string): Promise<string> {
    const waves = await this.waves();
    if (waves.length === 0) throw new InputError('input.no_survey');
    if (wanted === undefined) return waves[waves.length - 1];
    if (!waves.includes(wanted)) throw new UsageError('usage.unknown_wave', { value: wanted, waves: waves.join(', ') });
    return wanted;
  }

  /** The survey wave before this one, or null. */
  async previousWave(wave: string): Promise<string | null> {
    return (await this.waves()).filter((w) => w < wave).pop() ?? null;
  }

  /** A wave weighted to the population, weighted once however many estimates are asked of it. */
  weightedWave(wave: string): Promise<WeightedWave> {
    let weighted = this.weighted.get(wave);
    if (!weighted) {
      weighted = this.weigh(wave);
      this.weighted.set(wave, weighted);
    }
    return weighted;
  }

  private async weigh(wave: string): Promise<WeightedWave> {
    const scales = new Map(this.settings.codebook.items.map((item) => [item.name, item.values]));
    const respondents = await this.reader.surveyWave(wave, scales);
    const weighted = weightWave(wave, respondents, await this.figures(wave), this.settings);
    refuseZoneNamedAsDistrict(this.settings, weighted.districts);
    return weighted;
  }

  /**
   * The estimates of a wave's indicators. An earlier request serves one it covers (the same or more
   * indicators, influence values when asked for), so a run never estimates the same indicator twice.
   */
  async estimates(wave: string, request: EstimatesRequest = {}): Promise<WaveEstimates> {
    const definitions = request.definitions ?? this.settings.codebook.indicators;
    const influence = request.influence === true;
    const earlier = this.estimated.get(wave) ?? [];
    const covering = earlier.find((entry) => (entry.influence || !influence) && covers(entry.definitions, definitions));
    if (covering) {
      const result = await covering.result;
      return sameOrder(result.definitions, definitions) ? result : only(result, definitions);
    }
    const result = this.weightedWave(wave).then((weighted) => estimateIndicators(weighted, definitions, this.settings, { influence }));
    this.estimated.set(wave, [...earlier, { definitions, influence, result }]);
    return result;
  }

  /** Rows of every wave up to `upTo` (inclusive) for the indicators asked for: trends and goal evidence. */
  async history(upTo: string, definitions?: IndicatorDefinition[]): Promise<IndicatorRow[]> {
    const perWave: IndicatorRow[][] = [];
    // one wave after the other: a wave's respondents are loaded only when the one before is estimated
    for (const wave of (await this.waves()).filter((w) => w <= upTo)) perWave.push((await this.estimates(wave, { definitions })).rows);
    return perWave.flat();
  }

  /**
   * The population figures that hold for a wave, in the shape the weighting method needs: margins-only figures
   * cannot be post-stratified (docs/methods.md section 2).
   */
  figures(wave: string): Promise<WaveFigures> {
    let figures = this.populations.get(wave);
    if (!figures) {
      figures = this.reader.populationFigures(wave, figuresNeed(this.settings));
      this.populations.set(wave, figures);
    }
    return figures;
  }

  /** The cells of the population figures that hold for a wave (docs/methods.md section 1.2). */
  async population(wave: string): Promise<PopulationRow[]> {
    return (await this.figures(wave)).rows;
  }

  keyFigures(wave: string): Promise<KeyFigureRow[]> {
    let rows = this.interviews.get(wave);
    if (!rows) {
      rows = this.reader.keyFigures(wave);
      this.interviews.set(wave, rows);
    }
    return rows;
  }

  /**
   * The small-area model of one indicator in one wave (docs/methods.md section 10), fitted once per run
   * however many outputs ask for it.
   */
  smallAreas(wave: string, definition: IndicatorDefinition): Promise<SmallAreaModel> {
    const key = `${wave}\u0000${definition.id}`;
    let model = this.models.get(key);
    if (!model) {
      model = this.fit(wave, definition);
      this.models.set(key, model);
    }
    return model;
  }

  private async fit(wave: string, definition: IndicatorDefinition): Promise<SmallAreaModel> {
    const covariates = this.settings.smallAreas.covariates;
    const previousWave = await this.previousWave(wave);
    const previous =
      previousWave !== null && covariates.some((c) => c.kind === 'previous_wave')
        ? { wave: previousWave, rows: (await this.estimates(previousWave, { definitions: [definition] })).rows }
        : null;
    const estimates = await this.estimates(wave, { definitions: [definition] });
    return smallAreaModel({
      definition,
      wave,
      districts: estimates.districts,
      rows: estimates.rows,
      population: await this.population(wave),
      previous,
      keyFigures: covariates.some((c) => c.kind === 'key_figures') ? await this.keyFigures(wave) : [],
      settings: this.settings,
    });
  }

  /** Signals of the waves after `after` (null: from the start) up to `upTo`. */
  signals(after: string | null, upTo: string): Promise<SignalRow[]> {
    return this.reader.signalsBetween(after, upTo);
  }

  monitorRows(): Promise<MonitorRow[]> {
    this.monitor ??= this.reader.monitorRows(this.settings.codebook);
    return this.monitor;
  }

  batches(): Promise<BatchRecord[]> {
    return this.reader.batches();
  }

  rowCounts(): Promise<RowCounts> {
    return this.reader.rowCounts();
  }
}

/** Post-stratification needs the cross-table; raking, and the model's covariates without weighting, the margins. */
function figuresNeed(settings: Settings): FiguresNeed {
  return settings.weighting.method === 'poststratify' ? 'poststratify' : 'rake';
}

function sameOrder(a: IndicatorDefinition[], b: IndicatorDefinition[]): boolean {
  return a.length === b.length && a.every((definition, i) => definition.id === b[i].id);
}

function covers(earlier: IndicatorDefinition[], definitions: IndicatorDefinition[]): boolean {
  const have = new Set(earlier.map((definition) => definition.id));
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

/**
 * A `zone:` that prints as one of the store's districts (`zone: Oudegem` beside the district Oudegem) would have
 * every output show the whole area under that district's name: refused at the configuration, as a district
 * named as the zone is refused at import (adversarial run r19, F7; r18, F8).
 */
function refuseZoneNamedAsDistrict(settings: Settings, districts: readonly string[]): void {
  const zone = settings.zone;
  if (zone === undefined) return;
  const district = districts.find((name) => printsAs(name, zone));
  if (district === undefined) return;
  // A zone word before a name that has one would read `PZ PZ Schelde-Leie`: such a district is more likely the whole area's row.
  const key = hasZoneWord(zone) ? 'config.zone_is_district_zone_word' : 'config.zone_is_district';
  throw new ConfigError(key, { zone: shownName(zone), district: shownName(district) }, { location: { file: settings.path ?? 'safety-scan.yaml' } });
}
