// Lists in running text: "a, b and c", or "a; b; c" when an item holds the word "and" itself, so labels such as
// "illegal dumping and litter" never stack into "speeding, burglary and illegal dumping and litter".
import type { Translate } from '../i18n/index.js';

export function joinList(t: Translate, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const and = t('report.and');
  const word = new RegExp(`(^|\\s)${and}(\\s|$)`, 'u');
  if (items.some((item) => word.test(item))) return items.join(t('text.separator'));
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
