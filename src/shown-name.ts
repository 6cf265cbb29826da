// Names that come with the data (a file's column headers) as messages show them: a header can be a whole
// megabyte of text, and a message that names it must stay one readable line (issue 17).

/** How much of a name a message shows. */
export const SHOWN_NAME_LENGTH = 60;

/** `name`, or its first 60 characters and "…" when it is longer (never half of a surrogate pair). */
export function shownName(name: string): string {
  if (name.length <= SHOWN_NAME_LENGTH) return name;
  const end = /[\ud800-\udbff]/.test(name[SHOWN_NAME_LENGTH - 1]) ? SHOWN_NAME_LENGTH - 1 : SHOWN_NAME_LENGTH;
  return `${name.slice(0, end)}…`;
}

/** Names as a message lists them: each shortened by `shownName`, separated by commas. */
export function shownNames(names: Iterable<string>): string {
  return [...names].map(shownName).join(', ');
}
