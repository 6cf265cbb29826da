// JSON for machines: two-space indentation and a final newline, numbers at full precision.
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, item) => (typeof item === 'number' && !Number.isFinite(item) ? null : item), 2)}\n`;
}
