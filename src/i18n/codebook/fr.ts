// The codebook's words in French: theme names, questions, answer scales and indicator labels.
// Themes carry their article ("les cambriolages", "la drogue") because they stand both alone in lists and
// inside sentences; French puts a narrow no-break space (U+202F) before "?".
import type { CodebookWords } from './en.js';

export const codebookFr = {
  /** Answer labels of the built-in scales, one per answer code (also accepted as answers on import). */
  scales: {
    frequency: ['jamais', 'rarement', 'parfois', 'souvent', 'toujours'],
    yesNo: ['non', 'oui'],
    problem: ['pas du tout un problème', 'plutôt pas un problème', 'plutôt un problème', 'certainement un problème'],
    satisfaction: ['très insatisfait', 'insatisfait', 'ni satisfait ni insatisfait', 'satisfait', 'très satisfait'],
  },
  /** Problems and themes as a noun phrase (lists, rankings, key figures). */
  themes: {
    burglary: 'les cambriolages',
    vehicle_crime: 'les délits visant les voitures',
    speeding: 'la vitesse excessive',
    aggressive_traffic: 'la conduite agressive',
    parking: 'le stationnement gênant',
    dumping: 'les dépôts clandestins',
    vandalism: 'le vandalisme',
    noise: 'les nuisances sonores',
    drugs: 'la drogue',
    youth_nuisance: 'les rassemblements de jeunes',
  },
  /** The questions of the built-in items. */
  questions: {
    unsafe_freq: 'Vous arrive-t-il de vous sentir en insécurité\u202f?',
    unsafe_neighbourhood: 'Vous arrive-t-il de vous sentir en insécurité dans votre quartier\u202f?',
    unsafe_dark: 'Vous arrive-t-il de vous sentir en insécurité lorsque vous êtes seul(e) dans votre quartier, une fois la nuit tombée\u202f?',
    avoid_places: 'Évitez-vous certains endroits\u202f?',
    victim_any: 'Avez-vous été victime d’un délit au cours des 12 derniers mois\u202f?',
    police_satisfaction: 'Dans quelle mesure êtes-vous satisfait(e) de la police locale\u202f?',
    problem_burglary: 'Les cambriolages sont-ils un problème dans votre quartier\u202f?',
    problem_vehicle_crime: 'Les vols dans les voitures ou les dégâts aux voitures sont-ils un problème dans votre quartier\u202f?',
    problem_speeding: 'La vitesse excessive est-elle un problème dans votre quartier\u202f?',
    problem_aggressive_traffic: 'La conduite agressive est-elle un problème dans votre quartier\u202f?',
    problem_parking: 'Le stationnement gênant est-il un problème dans votre quartier\u202f?',
    problem_dumping: 'Les dépôts clandestins et les déchets abandonnés sont-ils un problème dans votre quartier\u202f?',
    problem_vandalism: 'Le vandalisme est-il un problème dans votre quartier\u202f?',
    problem_noise: 'Les nuisances sonores sont-elles un problème dans votre quartier\u202f?',
    problem_drugs: 'La drogue est-elle un problème dans votre quartier\u202f?',
    problem_youth_nuisance: 'Les rassemblements de jeunes qui traînent en rue sont-ils un problème dans votre quartier\u202f?',
  },
  /** The built-in indicators, as a phrase about a resident ("feels unsafe often or always"). */
  indicators: {
    unsafe_general: 'se sent au moins parfois en insécurité',
    unsafe_often: 'se sent souvent ou toujours en insécurité',
    unsafe_neighbourhood: 'se sent en insécurité dans son quartier',
    avoidance: 'évite certains endroits',
    victimisation: 'victime d’un délit au cours des 12 derniers mois',
    police_satisfied: 'satisfait de la police locale',
    insecurity_index: 'indice d’insécurité (0 à 10)',
    problem_burglary: 'considère les cambriolages comme un problème',
    problem_vehicle_crime: 'considère les délits visant les voitures comme un problème',
    problem_speeding: 'considère la vitesse excessive comme un problème',
    problem_aggressive_traffic: 'considère la conduite agressive comme un problème',
    problem_parking: 'considère le stationnement gênant comme un problème',
    problem_dumping: 'considère les dépôts clandestins comme un problème',
    problem_vandalism: 'considère le vandalisme comme un problème',
    problem_noise: 'considère les nuisances sonores comme un problème',
    problem_drugs: 'considère la drogue comme un problème',
    problem_youth_nuisance: 'considère les rassemblements de jeunes comme un problème',
  },
} satisfies CodebookWords;
