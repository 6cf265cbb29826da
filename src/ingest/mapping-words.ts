// Which canonical column or codebook item a question is, from its heading or text in nl, fr, en or de
// (`Wijk`, `Quartier`, `Geslacht`, `Sexe`, `Leeftijd`, `Âge`, "... onveilig ...", "... insécurité ..."):
// the guesses `safety-scan map` prints for the analyst to check. An import never guesses.
import { fold } from './values.js';

const UNSAFE = /onveilig|insecurite|unsafe|unsicher|pas en securite|pas en secu/;
const DARK = /avond|donker|'s nachts|soir|nuit|dark|night|abends|nachts/;
const NEIGHBOURHOOD = /buurt|quartier|neighbourhood|neighborhood|nachbarschaft|wijk/;
const PROBLEM = /probleem|probleme|problem/;

const THEMES: Array<[string, RegExp]> = [
  ['burglary', /inbraak|cambriol|burglar|einbr/],
  ['vehicle_crime', /auto|voiture|\bcars?\b|fahrzeug/],
  ['speeding', /snel|vitesse|speed|schnell/],
  ['aggressive_traffic', /agress|aggress/],
  ['parking', /parkeer|parker|stationnement|parking|parken/],
  ['dumping', /sluikstort|zwerfvuil|depot|dechet|dumping|litter|mull/],
  ['vandalism', /vandal/],
  ['noise', /geluid|lawaai|bruit|sonore|noise|larm/],
  ['drugs', /drug|drogue|drogen/],
  ['youth_nuisance', /jongeren|jeunes|young|youth|jugend/],
];

/** In the order they are tried: a question about avoiding places may also say "unsafe". */
const RULES: Array<[string, (text: string) => boolean]> = [
  ['birth_year', (t) => /geboortejaar|annee de naissance|year of birth|birth year|geburtsjahr|in welk jaar bent u geboren|en quelle annee|which year were you born|welchem jahr sind sie geboren/.test(t)],
  ['age_group', (t) => /leeftijdsgroep|leeftijdscategorie|leeftijdsklasse|tranche d'age|categorie d'age|age group|age band|altersgruppe/.test(t)],
  ['age', (t) => /leeftijd|\bage\b|hoe oud|how old|wie alt|^alter$/.test(t)],
  ['sex', (t) => /geslacht|\bsexe?\b|gender|geschlecht/.test(t)],
  ['avoid_places', (t) => /vermijd|evite|avoid|meiden/.test(t)],
  ['victim_any', (t) => /slachtoffer|victime|victim|opfer/.test(t)],
  ['police_satisfaction', (t) => /politie|police|polizei/.test(t) && /tevreden|satisf|zufrieden/.test(t)],
  ['unsafe_dark', (t) => UNSAFE.test(t) && DARK.test(t)],
  ['unsafe_neighbourhood', (t) => UNSAFE.test(t) && NEIGHBOURHOOD.test(t)],
  ['unsafe_freq', (t) => UNSAFE.test(t)],
  ['district', (t) => /wijk|deelgemeente|quartier|\bsection\b|district|ortsteil|stadsdeel|woonkern/.test(t)],
];

/**
 * The canonical column a question most likely is: for a subquestion (`Question [Sub]`), the problems of the
 * codebook by the subquestion's words, then the rules above on the whole text.
 */
export function guessTarget(question: string, sub: string | undefined, taken: ReadonlySet<string>): string | null {
  const text = fold(question);
  const part = sub === undefined ? '' : fold(sub);
  if (sub !== undefined && PROBLEM.test(text)) {
    const theme = THEMES.find(([name, words]) => words.test(part) && !taken.has(`problem_${name}`));
    return theme ? `problem_${theme[0]}` : null;
  }
  const whole = sub === undefined ? text : `${text} ${part}`;
  const rule = RULES.find(([target, test]) => !taken.has(target) && test(whole));
  return rule ? rule[0] : null;
}
