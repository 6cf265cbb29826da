// Markdown that pastes safely: data-derived text is escaped so it can never become markup or HTML.
export function escapeMarkdown(text: string): string {
  return text
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
