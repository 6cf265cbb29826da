// `safety-scan validate` as text (one block per file, every problem with its line and hint, wrapped at the
// width) and as JSON for scripts.
import type { CheckedFileKind, FileCheck } from '../config/validate.js';
import { locationPrefix, type ConfigError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import type { Renderer, RenderView, ValidateFormat } from './formats.js';
import { stableJson } from './json.js';
import { wrapText } from './table.js';

const KIND_KEY = { config: 'validate.kind_config', goals: 'validate.kind_goals', mapping: 'validate.kind_mapping' } as const;
const COUNT_KEY = { config: 'validate.count_indicators', goals: 'validate.count_goals' } as const;

/** "goals file (3 goals)": what the file was checked as, and what it holds when that is known. */
function kindName(kind: CheckedFileKind | null, count: number | null, t: Translate): string {
  if (kind === null) return t('validate.kind_unknown');
  const name = t(KIND_KEY[kind]);
  return kind === 'mapping' || count === null ? name : `${name} (${t(COUNT_KEY[kind], { n: count })})`;
}

/** A problem as the error line of any command reads, its hint on the next line. */
function problemLines(problem: ConfigError, t: Translate): string[] {
  const lines = [`${locationPrefix(problem.location)}${t.message(problem.detail)}`];
  if (problem.hint) lines.push(`${t('cli.hint_prefix')} ${t.message(problem.hint)}`);
  return lines;
}

/** Wrapped at the width, continuation lines indented two further so each problem stands out. */
const indented = (text: string, width: number, indent: string) =>
  wrapText(text, Math.max(20, width - indent.length - 2)).map((line, at) => `${indent}${at === 0 ? '' : '  '}${line}`);

function renderText(checks: readonly FileCheck[], view: RenderView): string {
  const { t, width } = view;
  const lines: string[] = [];
  for (const check of checks) {
    const what = kindName(check.kind, check.count, t);
    const status = check.problems.length === 0 ? t('validate.file_ok', { file: check.file, what }) : t('validate.file_problems', { file: check.file, what, n: check.problems.length });
    lines.push(...wrapText(status, width));
    for (const problem of check.problems) {
      const [first, ...rest] = problemLines(problem, t);
      lines.push(...indented(first, width, '  '));
      for (const line of rest) lines.push(...indented(line, width, '    '));
    }
  }
  const failing = checks.filter((check) => check.problems.length > 0).length;
  if (checks.length > 1) lines.push('', ...wrapText(t('validate.summary', { n: checks.length, ok: checks.length - failing, failing }), width));
  if (checks.some((check) => check.kind === 'goals')) lines.push(...wrapText(t('validate.goals_store_note'), width));
  return `${lines.join('\n')}\n`;
}

function renderJson(checks: readonly FileCheck[], view: RenderView): string {
  return stableJson({
    schema_version: 1,
    valid: checks.every((check) => check.problems.length === 0),
    files: checks.map((check) => ({
      file: check.file,
      kind: check.kind,
      valid: check.problems.length === 0,
      count: check.count,
      problems: check.problems.map((problem) => ({
        code: problem.detail.key,
        line: problem.location?.line ?? null,
        column: problem.location?.column ?? null,
        message: view.t.message(problem.detail),
        hint: problem.hint ? view.t.message(problem.hint) : null,
      })),
    })),
  });
}

export const VALIDATE_RENDERERS: Record<ValidateFormat, Renderer<readonly FileCheck[]>> = { table: renderText, json: renderJson };
