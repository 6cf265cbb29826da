// Names that come with the data (a file's column headers) as messages show them: a header can be a whole
// megabyte of text, and a message that names it must stay one readable line (issue 17).
import { oneLine } from './render/terminal.js';

/** How much of a name a message shows. */
export const SHOWN_NAME_LENGTH = 60;

/**
 * `name`, or its first 60 characters and "…" when it is longer (never half of a surrogate pair), on one line: a
 * line break inside a name (a quoted CSV header may hold one) is shown as `\u000a`, so a header cannot start a
 * line of its own in a message (the other control characters are escaped where every message is written).
 */
export function shownName(name: string): string {
  const end = name.length <= SHOWN_NAME_LENGTH ? name.length : /[\ud800-\udbff]/.test(name[SHOWN_NAME_LENGTH - 1]) ? SHOWN_NAME_LENGTH - 1 : SHOWN_NAME_LENGTH;
  const shown = oneLine(name.slice(0, end));
  return end < name.length ? `${shown}…` : shown;
}

/** Names as a message lists them: each shortened by `shownName`, separated by commas. */
export function shownNames(names: Iterable<string>): string {
  return [...names].map(shownName).join(', ');
}
