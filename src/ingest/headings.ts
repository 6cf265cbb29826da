// A file's headings in messages: each by `shownHeading`, and a hint when the first line is data, not headings.
import { shownName } from '../shown-name.js';
import { type ErrorDetails, InputError } from '../errors.js';
import { headingLooksLikeData, LONGEST_HEADING_CHECKED, shownHeading, WITHHELD } from './privacy.js';
import { normaliseHeader } from './values.js';

/** Headings as a message lists them: each by `shownHeading`, shortened by `shownName`, separated by commas. */
export function shownHeadings(headings: Iterable<string>): string {
  return [...headings].map((heading) => shownName(shownHeading(heading.trim()))).join(', ');
}

/** A cell that is a number (`40`, `2,5`), a single letter (`F`) or a year: common in data, rare as a heading. */
const DATA_LIKE_CELL = /^(?:[+-]?\d+(?:[.,]\d+)?|\p{L})$/u;

/**
 * True when a file's first line looks like a row of data (a file saved without its header row): a cell looks
 * like data (`headingLooksLikeData`), or more than half of its non-empty cells are numbers or single letters.
 */
export function firstLineLooksLikeData(header: readonly string[]): boolean {
  const cells = header.map((cell) => cell.trim()).filter(Boolean);
  if (cells.length === 0) return false;
  // a runaway heading is withheld for its length, which says nothing about the header row missing
  if (cells.some((cell) => cell.length <= LONGEST_HEADING_CHECKED && headingLooksLikeData(cell))) return true;
  return cells.filter((cell) => DATA_LIKE_CELL.test(cell)).length * 2 > cells.length;
}

/**
 * The error for a required column the file lacks, listing the file's headings (each by `shownHeading`); when
 * the first line looks like data, a hint that the header row may be missing instead, without the cells.
 */
export function missingColumnError(column: string, header: readonly string[], details: ErrorDetails): InputError {
  if (firstLineLooksLikeData(header)) return new InputError('input.column_missing_no_header', { column }, details);
  const columns = shownHeadings(header);
  return column === 'wave' ? new InputError('input.wave_missing', { columns }, details) : new InputError('input.column_missing', { column, columns }, details);
}

/**
 * Which headings of a file are withheld wherever the file's columns are listed (`map`, the columns an import
 * ignores or drops, their stored details): one that looks like data (`headingLooksLikeData`); and, when the file's
 * first line looks like data (`firstLineLooksLikeData`: a file saved without its header row has its first
 * respondent for headings), every one but the column names of the kind (`known`), whatever it looks like on its
 * own (`jan peeters`, `Q5 [Jan Peeters]`).
 */
export function withheldHeadings(header: readonly string[], known: ReadonlySet<string>): (heading: string) => boolean {
  const noHeader = firstLineLooksLikeData(header);
  return (heading) => headingLooksLikeData(heading) || (noHeader && !known.has(normaliseHeader(heading)));
}

/** A heading of the file as its column lists show it: WITHHELD by `withheldHeadings`, else itself. */
export function fileHeadingShown(header: readonly string[], known: ReadonlySet<string>): (heading: string) => string {
  const withheld = withheldHeadings(header, known);
  return (heading) => (withheld(heading) ? WITHHELD : heading);
}
