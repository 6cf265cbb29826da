// One CSV record as every CSV writer of the tool writes it: control characters and line breaks in a cell
// shown escaped as on the terminal, each cell neutralised for spreadsheets, quoted where needed (RFC 4180),
// with CRLF as Excel expects.
import { oneLine, terminalText } from './terminal.js';

/** A plain number (`-1`, `+2,5`, `1e-7`): harmless in a spreadsheet, and kept as it is so it reads back as a number. */
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;

/**
 * A cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading ' so Excel and LibreOffice show it as text: `=HYPERLINK(...)`, `+cmd|' /C calc'!A0`, `@SUM`, `-1+2`.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The value `neutralise` was given: for a rejects file that is fixed and imported again. */
export function restoreNeutralised(value: string): string {
  return value.length > 1 && value.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/**
 * Quoted where needed, and also where the cell holds the other separator a spreadsheet may split on: Excel on a
 * Belgian or Dutch PC splits a comma file on `;` (and the other way round), so `Schoon;=1+2;x` unquoted became a
 * cell `=1+2` that runs (adversarial run r22b). Quotes keep it one cell in either reading.
 */
function quoted(value: string, delimiter: string): string {
  if (value.includes('"') || value.includes(delimiter) || /[,;\t\n\r]/.test(value) || /^\s|\s$/.test(value)) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

/** A cell on one line: a line break in a cell (a quoted export cell may hold one) is written `\u000a`, as on the terminal. */
export function csvField(value: string, delimiter: string): string {
  return quoted(neutralise(oneLine(terminalText(value))), delimiter);
}

export function csvLine(fields: readonly string[], delimiter: string): string {
  return fields.map((field) => csvField(field, delimiter)).join(delimiter) + '\r\n';
}
