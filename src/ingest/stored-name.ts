// The one rule for a file's, a sheet's and a folder's name wherever the tool keeps or shows it (the store's
// `batches.file_name` and `details.sheet`, the rejects file's name, status, forget, the report's feedback errors,
// messages and `--json`): adversarial run r32, item B1.
import { freeTextHoldsPersonalData, storedFileName as piecesOfFileNameWithheld, storedSheetName as piecesOfSheetNameWithheld, WITHHELD } from './privacy.js';

/** A file's extension: a dot and up to five letters or digits at the end (`.csv`, `.xlsx`, `.gz`), as privacy.ts reads it. */
const EXTENSION = /\.[A-Za-z][A-Za-z0-9]{0,4}$/;
/** Between the parts of a name judged as a free text: a dot (`Peeters, J.signals.rejects`), kept as written. */
const DOT_SEPARATED = /(\.+)/;

/**
 * A part of a name (between its dots), its `_` read as spaces (`Asked_by_Jan_Peeters`), judged as a district's cell
 * and a goal's title are (`freeTextHoldsPersonalData`, the judge `personalDistrict` shares): a name after a person's
 * label or an introducer (`Verantwoordelijke: Jan Peeters`, `Submitted by John Smith`), before its role (`Jan
 * Peeters (wijkagent)`) or a surname and an initial after a comma (`Peeters, J`). Not `personalDistrict` itself:
 * a date among a name's words (`signals 2026-01-31`) is a file's date, not a birth date (adversarial run r32, B1).
 * Judged part by part: a dot in a file name parts a name from what follows (`x.signals.rejects` is no user name).
 */
function personalPart(part: string): boolean {
  const text = part.replace(/_+/g, ' ').trim();
  return text !== '' && freeTextHoldsPersonalData(text);
}

/** `name` (no extension) with each part between dots that `personalPart` judges personal written as WITHHELD. */
function partsWithheld(name: string): string {
  return name
    .split(DOT_SEPARATED)
    .map((part, i) => (i % 2 === 0 && part !== WITHHELD && personalPart(part) ? WITHHELD : part))
    .join('');
}

/**
 * A file's name as the store keeps it and every message shows it: the pieces that look like an identifier, a
 * street address or a marked name withheld (privacy.ts's `storedFileName`: `survey_jan@x.be.csv` ->
 * `survey_***.csv`), then each part of the name without its extension that a district's cell would refuse as a
 * free text withheld whole (`Peeters, J.csv`, `Asked by Jan Peeters.csv` -> `***.csv`): the extension was read as
 * part of the name before, and the pieces one by one lose the words around a name (adversarial run r32, B1).
 */
export function storedFileName(name: string): string {
  const kept = piecesOfFileNameWithheld(name);
  const extension = EXTENSION.exec(kept)?.[0] ?? '';
  return `${partsWithheld(kept.slice(0, kept.length - extension.length))}${extension}`;
}

/** A sheet's (or a folder's) name as the store keeps it and messages show it: `storedFileName`'s rule without an extension (`Peeters, J` -> `***`). */
export function storedSheetName(name: string): string {
  return partsWithheld(piecesOfSheetNameWithheld(name));
}
