// Everything a district report shows, gathered once from the store: the profiles of the wave, the
// goals check, the change since the previous wave, trends over every wave, and the sources' sizes.
import type { Settings } from '../config/settings.js';
import type { IndicatorDefinition } from '../config/codebook.js';
import { compareWaves, type WaveComparison } from '../compare/waves.js';
import { runCheck, type CheckResult } from '../goals/check.js';
import type { Lang } from '../i18n/index.js';
import { estimateWave, type IndicatorRow } from '../indicators/engine.js';
import { buildProfiles, type ProfileSet } from '../profile/profile.js';
import { Batches } from '../store/batches.js';
import type { Store } from '../store/db.js';
import { surveyWaves } from '../store/survey.js';

export interface SourceSizes {
  /** respondents stored per survey wave */
  survey: Record<string, number>;
  keyFigures: Record<string, number>;
  signals: Record<string, number>;
  monitor: Record<string, number>;
  populationRows: number;
}

export interface KeyFigureNote {
  district: string;
  theme: string;
  note: string;
}

export interface ReportModel {
  zone: string | null;
  wave: string;
  /** the false discovery rate changes are tested at */
  fdr: number;
  waves: string[];
  /** the indicators a report opens with: everything but the problem shares */
  headline: IndicatorDefinition[];
  profiles: ProfileSet;
  check: CheckResult;
  comparison: WaveComparison | null;
  /** every wave's rows up to the reported one, for trends */
  history: IndicatorRow[];
  sources: SourceSizes;
  /** free-text notes of key figures, only with --include-notes */
  notes: KeyFigureNote[] | null;
}

export interface ReportRequest {
  wave: string;
  goalsPath: string | null;
  includeNotes: boolean;
  lang: Lang;
}

function notesFor(store: Store, wave: string): KeyFigureNote[] {
  return store.db
    .prepare(
      `SELECT k.district, k.theme, k.note FROM keyfigures k JOIN batches b ON b.id = k.batch_id
       WHERE k.wave = ? AND k.note IS NOT NULL AND TRIM(k.note) != '' ORDER BY k.district, k.theme, b.sha256, k.line`,
    )
    .all(wave) as KeyFigureNote[];
}

export function buildReport(store: Store, settings: Settings, request: ReportRequest): ReportModel {
  const { wave } = request;
  const waves = surveyWaves(store).filter((w) => w <= wave);
  const profiles = buildProfiles(store, settings, wave);
  const earlier = waves.filter((w) => w < wave).map((w) => estimateWave(store, settings, w));
  const check = runCheck(store, settings, wave, request.goalsPath, request.lang, { profiles, earlierRows: earlier.flatMap((estimates) => estimates.rows) });
  const previous = earlier.at(-1) ?? null;
  const counts = new Batches(store).counts();
  return {
    zone: settings.zone ?? null,
    fdr: settings.compare.fdr,
    wave,
    waves,
    headline: settings.codebook.indicators.filter((definition) => !definition.id.startsWith('problem_')),
    profiles,
    check,
    comparison: previous ? compareWaves(previous, profiles.estimates, settings.compare.fdr) : null,
    history: [...earlier.flatMap((estimates) => estimates.rows), ...profiles.estimates.rows],
    sources: {
      survey: counts.survey ?? {},
      keyFigures: counts.keyfigures ?? {},
      signals: counts.signals ?? {},
      monitor: counts.monitor ?? {},
      populationRows: Object.values(counts.population ?? {}).reduce((sum, n) => sum + n, 0),
    },
    notes: request.includeNotes ? notesFor(store, wave) : null,
  };
}
