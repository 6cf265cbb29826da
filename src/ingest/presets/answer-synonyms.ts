// Other wordings of the built-in answer scales that questionnaires use (nl, fr, en, and the de of
// LimeSurvey's German interface): "neutraal" and "noch tevreden, noch ontevreden" are the same answer.
// The codebook's own labels are accepted everywhere; these only through the LimeSurvey preset.
import { codebookEn } from '../../i18n/codebook/en.js';
import type { CodebookItem } from '../../config/codebook.js';

type ScaleName = keyof typeof codebookEn.scales;

/** Per scale: each wording and the position (1-based) of the answer it means. */
const SYNONYMS: Readonly<Record<Exclude<ScaleName, 'yesNo'>, Readonly<Record<string, number>>>> = {
  frequency: {
    nooit: 1, zelden: 2, soms: 3, 'af en toe': 3, vaak: 4, dikwijls: 4, regelmatig: 4, altijd: 5, steeds: 5,
    jamais: 1, rarement: 2, parfois: 3, quelquefois: 3, 'de temps en temps': 3, souvent: 4, frequemment: 4, toujours: 5, 'tout le temps': 5,
    never: 1, rarely: 2, seldom: 2, sometimes: 3, occasionally: 3, 'now and then': 3, often: 4, frequently: 4, always: 5, 'all the time': 5,
    nie: 1, niemals: 1, selten: 2, manchmal: 3, gelegentlich: 3, oft: 4, haufig: 4, immer: 5,
  },
  problem: {
    'helemaal geen probleem': 1, 'geen probleem': 1, 'eerder geen probleem': 2, 'niet echt een probleem': 2, 'eerder wel een probleem': 3,
    'enigszins een probleem': 3, 'wel een probleem': 3, 'zeker een probleem': 4, 'een groot probleem': 4, 'groot probleem': 4,
    'pas du tout un probleme': 1, 'pas un probleme': 1, 'aucun probleme': 1, 'plutot pas un probleme': 2, 'pas vraiment un probleme': 2,
    'plutot un probleme': 3, 'certainement un probleme': 4, 'tout a fait un probleme': 4, 'un gros probleme': 4,
    'not at all': 1, 'not a problem at all': 1, 'no problem': 1, 'not a problem': 1, 'rather not': 2, 'rather not a problem': 2,
    'not really a problem': 2, 'rather yes': 3, 'rather a problem': 3, 'somewhat a problem': 3, 'certainly a problem': 4,
    'definitely a problem': 4, 'a big problem': 4,
    'uberhaupt kein problem': 1, 'kein problem': 1, 'eher kein problem': 2, 'eher ein problem': 3, 'sicher ein problem': 4,
  },
  satisfaction: {
    'zeer ontevreden': 1, 'heel ontevreden': 1, ontevreden: 2, 'niet tevreden': 2, neutraal: 3, 'noch tevreden, noch ontevreden': 3,
    'noch tevreden noch ontevreden': 3, 'niet tevreden, niet ontevreden': 3, 'niet tevreden en niet ontevreden': 3, tevreden: 4,
    'zeer tevreden': 5, 'heel tevreden': 5,
    'tres insatisfait': 1, 'tres insatisfaite': 1, 'tres mecontent': 1, insatisfait: 2, insatisfaite: 2, mecontent: 2, neutre: 3,
    'ni satisfait ni insatisfait': 3, 'ni satisfait, ni insatisfait': 3, satisfait: 4, satisfaite: 4, 'tres satisfait': 5, 'tres satisfaite': 5,
    'very dissatisfied': 1, 'very unsatisfied': 1, dissatisfied: 2, unsatisfied: 2, neutral: 3, neither: 3,
    'neither satisfied nor dissatisfied': 3, satisfied: 4, 'very satisfied': 5,
    'sehr unzufrieden': 1, unzufrieden: 2, 'weder noch': 3, zufrieden: 4, 'sehr zufrieden': 5,
  },
};

/** The built-in scale an item uses, recognised by its English labels (a local item has its own). */
function scaleOf(item: CodebookItem): Exclude<ScaleName, 'yesNo'> | null {
  const labels = item.labels.en?.join('|');
  for (const name of ['frequency', 'problem', 'satisfaction'] as const) {
    if (labels === codebookEn.scales[name].join('|') && item.values.length === codebookEn.scales[name].length) return name;
  }
  return null;
}

/** The item's answer code for each other wording of its scale (folded keys), or none for a local scale. */
export function answerSynonyms(item: CodebookItem): Array<[string, number]> {
  const scale = scaleOf(item);
  if (!scale) return [];
  return Object.entries(SYNONYMS[scale]).map(([wording, position]) => [wording, item.values[position - 1]]);
}
