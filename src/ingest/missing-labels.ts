// The labels that mean "no answer" in nl, fr and en: a leaf module, so the refused-cell rule (privacy.ts) knows
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
