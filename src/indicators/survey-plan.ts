// Planning the next survey (docs/methods.md section 11): per district and for the zone, the completes (and
// invitations) for a target precision or to detect a change, from the last wave's shares and design effects.
// Pure: the caller brings the wave's estimates.
import { leftOutIn, type LeftOutWave } from './left-out.js';
import { completesForHalfWidth, completesToDetect, invitationsFor, usableDesignEffect, type Completes } from '../stats/plan.js';
import type { IndicatorRow, WaveEstimates } from './engine.js';

export type PlanTarget =
  /** the interval's half-width at most this share (0.05 = 5 points) */
  | { kind: 'half_width'; halfWidth: number }
  /** a change from p1 to p2 between two waves */
  | { kind: 'detect'; p1: number; p2: number }
  /** a change of this size from each area's last share, towards 50% where the scale allows (the more demanding way) */
  | { kind: 'change'; change: number };

export interface PlanRequest {
  target: PlanTarget;
  /** the indicator whose last estimates give p and deff; null: the worst case p = 0.5 and the weighting's design effect */
  indicator: string | null;
  power: number;
  alpha: number;
  /** the interval level of a half-width target */
  level: number;
  /** expected response rate, for invitations; null: no invitations */
  responseRate: number | null;
  /** districts to plan (all when null) */
  districts: readonly string[] | null;
}

/** Where a row's share comes from: the area's last estimate, the whole area's in its place, 50%, or the command line. */
export type ShareSource = 'district' | 'whole_area' | 'worst_case' | 'given';
/** Where a row's design effect comes from: the indicator's in the area or the whole area, the weighting's (Kish), or none (1). */
export type DeffSource = 'district' | 'whole_area' | 'weighting' | 'none';

export interface PlanRow {
  /** null for the zone as one area */
  district: string | null;
  p: number;
  pSource: ShareSource;
  /** the share to detect (detect, change); null for a half-width */
  pTarget: number | null;
  deff: number;
  deffSource: DeffSource;
  /**
   * the design effect set aside as rounding noise (below DEFF_NOISE_FLOOR) where 1 is used instead (`deffSource`
   * 'none'); null when none was (docs/methods.md 11.4)
   */
  deffSetAside: number | null;
  /** answers in the last wave (respondents without an indicator) */
  nLast: number;
  /** null when the change leaves the scale from this share */
  completes: Completes | null;
  invitations: number | null;
  /** the area's residents in the survey's age groups by the population figures; null without figures for it */
  population: number | null;
  /**
   * true when the completes or the invitations exceed those residents: a census would not reach the precision
   * (docs/methods.md section 11.4); false within them or without figures
   */
  exceedsPopulation: boolean;
}

/** Residents per district in the survey's age groups (the population figures' cells added up); the zone's under null. */
export type PlanResidents = ReadonlyMap<string | null, number>;

export interface SurveyPlan {
  wave: string;
  request: PlanRequest;
  /** the districts (in order), then the zone */
  rows: PlanRow[];
  /** the wave's respondents left out of every weighted figure for want of population figures (adversarial run r38, F4) */
  leftOut: LeftOutWave[];
}

const inside = (p: number | null | undefined): p is number => p !== null && p !== undefined && p > 0 && p < 1;
const positive = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x) && x > 0;

/** p1 -> p2 for a change of `change` from p: towards 50% where it stays on the scale, else away; null when neither does. */
export function changeTarget(p: number, change: number): number | null {
  const towards = p < 0.5 ? p + change : p - change;
  const away = p < 0.5 ? p - change : p + change;
  if (towards >= 0 && towards <= 1) return towards;
  if (away >= 0 && away <= 1) return away;
  return null;
}

/**
 * A district's own last estimate is planned from only when it is reliable (flag `ok`): an unreliable one (a share
 * of 6% with a design effect of 0.49 from 14 answers) would size the next survey several times too small
 * (adversarial run r20b), so it gives way to the whole area's, as a withheld one does (docs/methods.md 11.1).
 */
const reliable = (row: IndicatorRow | undefined): row is IndicatorRow => row !== undefined && (row.district === null || row.flag === 'ok');

function shareOf(row: IndicatorRow | undefined, whole: IndicatorRow | undefined): { p: number; source: ShareSource } {
  if (reliable(row) && inside(row.estimate)) return { p: row.estimate, source: row.district === null ? 'whole_area' : 'district' };
  if (inside(whole?.estimate)) return { p: whole.estimate, source: 'whole_area' };
  return { p: 0.5, source: 'worst_case' };
}

interface DeffChoice {
  deff: number;
  source: DeffSource;
  setAside: number | null;
}

/**
 * The area's design effect when usable, else the whole area's, else 1. A design effect of rounding noise (the
 * weighting explains the answers entirely) is no basis for a plan: it asked for 1 questionnaire (adversarial run
 * r38, F1), so it counts as unknown, as a missing one does, and is reported as set aside (docs/methods.md 11.4).
 */
function deffOf(row: IndicatorRow | undefined, whole: IndicatorRow | undefined): DeffChoice {
  const own = reliable(row) ? row.deff : null;
  if (row && usableDesignEffect(own)) return { deff: own, source: row.district === null ? 'whole_area' : 'district', setAside: null };
  if (usableDesignEffect(whole?.deff)) return { deff: whole.deff, source: 'whole_area', setAside: null };
  const setAside = [own, whole?.deff].find(positive) ?? null;
  return { deff: 1, source: 'none', setAside };
}

function completesFor(request: PlanRequest, p: number, pTarget: number | null, deff: number): Completes | null {
  const { target } = request;
  if (target.kind === 'half_width') return completesForHalfWidth({ halfWidth: target.halfWidth, share: p, deff, level: request.level });
  if (pTarget === null || pTarget === p) return null;
  return completesToDetect({ p1: p, p2: pTarget, alpha: request.alpha, power: request.power, deff });
}

/** The plan for the wave's districts (or those asked for) and the zone. */
export function planSurvey(estimates: WaveEstimates, request: PlanRequest, residents: PlanResidents = new Map()): SurveyPlan {
  const rows = request.indicator === null ? [] : estimates.rows.filter((row) => row.indicator === request.indicator);
  const whole = rows.find((row) => row.district === null);
  const weighting = estimates.weighting;
  const districts = request.districts ?? estimates.districts;
  const areas: Array<string | null> = [...districts, null];
  const planRows = areas.map((district): PlanRow => {
    const position = district === null ? -1 : estimates.districts.indexOf(district);
    let share: { p: number; source: ShareSource };
    let design: DeffChoice;
    let nLast: number;
    if (request.indicator === null) {
      share = { p: 0.5, source: 'worst_case' };
      const kish = district === null ? weighting.kishDeff : weighting.kishDeffByDistrict[district];
      design = usableDesignEffect(kish) ? { deff: kish, source: 'weighting', setAside: null } : { deff: 1, source: 'none', setAside: positive(kish) ? kish : null };
      nLast = district === null ? estimates.design.n : (estimates.design.stratumSizes[position] ?? 0);
    } else {
      const row = rows.find((r) => r.district === district);
      share = shareOf(row, whole);
      design = deffOf(row, whole);
      nLast = row?.n ?? 0;
    }
    let p = share.p;
    let pSource = share.source;
    let pTarget: number | null = null;
    if (request.target.kind === 'detect') {
      p = request.target.p1;
      pSource = 'given';
      pTarget = request.target.p2;
    } else if (request.target.kind === 'change') {
      pTarget = changeTarget(p, request.target.change);
    }
    const completes = completesFor(request, p, pTarget, design.deff);
    const invitations = completes !== null && request.responseRate !== null ? invitationsFor(completes.completes, request.responseRate) : null;
    const population = residents.get(district) ?? null;
    const exceedsPopulation = population !== null && Math.max(completes?.completes ?? 0, invitations ?? 0) > population;
    return { district, p, pSource, pTarget, deff: design.deff, deffSource: design.source, deffSetAside: design.setAside, nLast, completes, invitations, population, exceedsPopulation };
  });
  return { wave: estimates.wave, request, rows: planRows, leftOut: leftOutIn([estimates]) };
}

/** The residents per district and of the whole zone, from the cells of the population figures a wave is weighted with. */
export function planResidents(cells: ReadonlyArray<{ district: string; population: number }>): PlanResidents {
  const residents = new Map<string | null, number>();
  for (const cell of cells) {
    residents.set(cell.district, (residents.get(cell.district) ?? 0) + cell.population);
    residents.set(null, (residents.get(null) ?? 0) + cell.population);
  }
  return residents;
}

/** The areas whose plan exceeds their residents (the zone as `null`), in the plan's order. */
export function beyondPopulation(plan: SurveyPlan): Array<string | null> {
  return plan.rows.filter((row) => row.exceedsPopulation).map((row) => row.district);
}

/** Completes and invitations of the districts planned, added up (the zone's own row is not their sum). */
export function districtTotals(plan: SurveyPlan): { completes: number; invitations: number | null } | null {
  const districts = plan.rows.filter((row) => row.district !== null);
  if (districts.some((row) => row.completes === null)) return null;
  const completes = districts.reduce((sum, row) => sum + (row.completes?.completes ?? 0), 0);
  const invitations = plan.request.responseRate === null ? null : districts.reduce((sum, row) => sum + (row.invitations ?? 0), 0);
  return { completes, invitations };
}
