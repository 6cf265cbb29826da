// The labels that mean "no answer" in nl, fr and en, and the error values of spreadsheets: a leaf module, so the refused-cell rule (privacy.ts) knows
// them as labels without importing the mapping machinery.
import { fold } from './values.js';

/** Folded (lower case, no accents), as cells are compared. */
export const BUILT_IN_MISSING: readonly string[] = [
  'n/a', 'na', 'n.a.', 'nvt', 'n.v.t.', 'n.v.t', '?',
  // nl
  'weet niet', 'weet ik niet', 'ik weet het niet', 'weet het niet', 'geen antwoord', 'geen mening', 'niet van toepassing',
  'wil ik niet zeggen', 'zeg ik liever niet', 'geen idee', 'onbekend',
  // fr
  'ne sait pas', 'je ne sais pas', 'nsp', 'pas de reponse', 'sans reponse', 'sans opinion', 'pas d\'opinion', 'non applicable',
  'sans objet', 'je prefere ne pas repondre', 'prefere ne pas repondre', 'ne se prononce pas', 'inconnu',
  // en
  "don't know", 'dont know', 'do not know', 'no answer', 'no opinion', 'not applicable', 'prefer not to say',
  'rather not say', 'unknown', 'dk',
].map(fold);

/**
 * The error values a spreadsheet writes for a formula that failed, folded: Excel's (`#N/A`, `#DIV/0!`, `#SPILL!`,
 * ...; LibreOffice writes those too) and LibreOffice's numbered ones (`Err:502`). No value of any column: a cell
 * holding one is missing wherever it stands (it was stored as a district or an area named `#N/A`: adversarial run
 * r28, item 9), and a row that needs that cell is refused as holding a spreadsheet error (src/ingest/validate.ts).
 */
export const SPREADSHEET_ERRORS: readonly string[] = [
  '#n/a', '#div/0!', '#value!', '#ref!', '#name?', '#num!', '#null!', '#spill!', '#calc!', '#getting_data',
  '#field!', '#blocked!', '#connect!', '#busy!', '#unknown!', '#python!',
  // LibreOffice's error codes, Err:501 to Err:540
  ...Array.from({ length: 40 }, (_, i) => `err:${501 + i}`),
].map(fold);

const SPREADSHEET_ERROR_SET: ReadonlySet<string> = new Set(SPREADSHEET_ERRORS);

/** True for a cell that is a spreadsheet's error value (SPREADSHEET_ERRORS), in any case, spaces around it aside. */
export function isSpreadsheetError(text: string): boolean {
  // every error value begins with `#` or `Err:` and none is longer than 13 characters: any other cell (a respondent's
  // id, a weight: a new text on every row) is told apart without being folded
  const first = text.trimStart().charCodeAt(0);
  return (first === 0x23 || first === 0x45 || first === 0x65) && text.length <= 40 && SPREADSHEET_ERROR_SET.has(fold(text));
}
