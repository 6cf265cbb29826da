// Respondents left out of every weighted figure for want of population figures, said by every command whose figures
// rest on the weighting, as `indicators` says it (adversarial run r38, F4).
import type { LeftOutWave } from '../indicators/left-out.js';
import type { Context } from './context.js';

/**
 * On stderr for every format (check, compare, profile, plan, report): whatever the output, a figure computed
 * without a district's respondents is said to be (the JSON of check, compare, plan and profile also carries the lists).
 */
export async function warnLeftOut(context: Context, waves: readonly LeftOutWave[]): Promise<void> {
  const { leftOutWarnings } = await import('../render/indicators/labels.js');
  for (const { wave, weighting } of waves) for (const warning of leftOutWarnings(wave, weighting, context.t)) context.log.warn(warning);
}
