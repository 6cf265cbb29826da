// Lists in running text: "a, b and c" (or "a, b or c"), or "a; b; c" when an item holds the conjunction
// itself, so labels such as "illegal dumping and litter" never stack into "speeding, burglary and illegal
// dumping and litter".
import type { Translate } from '../i18n/index.js';

export function joinList(t: Translate, items: readonly string[], conjunction: 'report.and' | 'text.or' = 'report.and'): string {
  if (items.length <= 1) return items.join('');
  const joiner = t(conjunction);
  const word = new RegExp(`(^|\\s)${joiner}(\\s|$)`, 'u');
  if (items.some((item) => word.test(item))) return items.join(t('text.separator'));
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`;
}
