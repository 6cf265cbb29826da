// What the report says about the evidence behind its goals: a plain sentence where a district's goal was judged
// on the small-area model ("estimated with help from similar districts"), and the methods appendix's account of
// model estimates and of unmeasurable goals (docs/methods.md sections 10 and 11.3).
import type { GoalResult } from '../goals/check.js';
import type { Translate } from '../i18n/index.js';
import type { Block } from './document.js';

/** A goal that shows a model estimate, whether it was judged on it or shows it beside a thin direct one. */
const usedModel = (goals: readonly GoalResult[]) => goals.some((g) => g.model !== null || g.evidence.baseline === 'model');

/** A model estimate the district's own answers are in (it shows one, or its baseline was judged on one). */
const modelWithAnswers = (goals: readonly GoalResult[]) => goals.some((g) => (g.model !== null && !g.model.noAnswers) || g.evidence.baseline === 'model');

/**
 * Under a district's goals: why some of its figures lean on similar districts. A prediction no resident's answer is in
 * has a note of its own: "combines what they said" would speak of answers nobody gave (adversarial run r38, F5).
 */
export function modelNote(goals: readonly GoalResult[], district: string, t: Translate): Block[] {
  const notes: Block[] = [];
  if (modelWithAnswers(goals)) notes.push({ type: 'paragraph', className: 'note', text: t('report.model_note', { district }) });
  if (goals.some((g) => g.model?.noAnswers === true)) notes.push({ type: 'paragraph', className: 'note', text: t('report.model_note_no_answers', { district }) });
  return notes;
}

/** The methods appendix on model estimates and unmeasurable goals, when the report has any. */
export function goalEvidenceMethods(goals: readonly GoalResult[], t: Translate): Block[] {
  const blocks: Block[] = [];
  if (usedModel(goals)) blocks.push({ type: 'heading', level: 3, text: t('report.methods_model') }, { type: 'paragraph', text: t('report.methods_model_text') });
  if (goals.some((g) => g.status.status === 'unmeasurable')) {
    blocks.push({ type: 'heading', level: 3, text: t('report.methods_unmeasurable') }, { type: 'paragraph', text: t('report.methods_unmeasurable_text') });
  }
  return blocks;
}
