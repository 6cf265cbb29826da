// Markdown that pastes safely: data-derived text is escaped so it can never become markup or HTML.
import { terminalText } from './terminal.js';

/** Control and bidirectional characters shown as `\uXXXX` (as on the terminal), then Markdown's own escapes. */
export function escapeMarkdown(text: string): string {
  return terminalText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`)
    .replace(/\r?\n/g, ' ');
}

export function markdownTable(head: string[], rows: string[][], align: Array<'left' | 'right'> = []): string {
  const rule = head.map((_, index) => (align[index] === 'right' ? '---:' : '---'));
  return [head, rule, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n') + '\n';
}
