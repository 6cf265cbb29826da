// Markdown that pastes safely: data-derived text is escaped so it can never become markup or HTML.
import { terminalText } from './terminal.js';

/**
 * A text's opening that CommonMark would read as the start of a block when the text begins a line or a list
 * item: an ATX heading (`# `), a bullet (`+ `, `- `), an ordered item (`1. `, `1) `), or a line of only `-` or
 * `=` (a rule or a setext underline). `>` is already an entity and `*`, `_`, `` ` ``, `~` already escaped.
 */
const BLOCK_START = /^([ \t]*)(?:(#)(?=#{0,5}(?:[ \t]|$))|([+-])(?=[ \t]|$)|(\d{1,9})([.)])(?=[ \t]|$)|([-=])(?=[-= \t]*$))/;

/**
 * Control and bidirectional characters shown as `\uXXXX` (as on the terminal), then Markdown's own escapes:
 * inline markup and HTML everywhere, and the opening of a block at the start (every text may begin a line,
 * a list item or a quote), so that a name like `# Big`, `+ plus`, `1. one` or `---` stays text.
 */
export function escapeMarkdown(text: string): string {
  return terminalText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`)
    .replace(/\r?\n/g, ' ')
    .replace(BLOCK_START, (_, indent: string, hash?: string, bullet?: string, digits?: string, dot?: string, line?: string) =>
      digits !== undefined ? `${indent}${digits}\\${dot}` : `${indent}\\${hash ?? bullet ?? line}`,
    );
}

export function markdownTable(head: string[], rows: string[][], align: Array<'left' | 'right'> = []): string {
  const rule = head.map((_, index) => (align[index] === 'right' ? '---:' : '---'));
  return [head, rule, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n') + '\n';
}
