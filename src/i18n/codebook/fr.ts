// The codebook's words in French: theme names, questions, answer scales and indicator labels.
import type { CodebookWords } from './en.js';

export const codebookFr = {
  /** Answer labels of the built-in scales, one per answer code (also accepted as answers on import). */
  scales: {
    frequency: ['jamais', 'rarement', 'parfois', 'souvent', 'toujours'],
    yesNo: ['non', 'oui'],
    problem: ['pas du tout', 'plutôt pas', 'plutôt oui', 'certainement un problème'],
    satisfaction: ['très insatisfait', 'insatisfait', 'ni satisfait ni insatisfait', 'satisfait', 'très satisfait'],
  },
  /** Problems and themes as a noun phrase (lists, rankings, key figures). */
  themes: {
    burglary: 'cambriolage',
    vehicle_crime: 'vol dans ou dégâts aux voitures',
    speeding: 'vitesse excessive',
    aggressive_traffic: 'conduite agressive',
    parking: 'stationnement gênant',
    dumping: 'dépôts clandestins et déchets',
    vandalism: 'vandalisme',
    noise: 'nuisances sonores',
    drugs: 'drogues',
    youth_nuisance: 'jeunes qui traînent',
  },
  /** The questions of the built-in items. */
  questions: {
    unsafe_freq: 'Vous arrive-t-il de vous sentir en insécurité ?',
    unsafe_neighbourhood: 'Vous arrive-t-il de vous sentir en insécurité dans votre quartier ?',
    unsafe_dark: 'Vous arrive-t-il de vous sentir en insécurité seul(e) dans votre quartier le soir ?',
    avoid_places: 'Évitez-vous certains endroits ?',
    victim_any: 'Avez-vous été victime d’un délit au cours des 12 derniers mois ?',
    police_satisfaction: 'Êtes-vous satisfait(e) de la police locale ?',
    problem_burglary: 'cambriolage : est-ce un problème dans votre quartier ?',
    problem_vehicle_crime: 'vol dans ou dégâts aux voitures : est-ce un problème dans votre quartier ?',
    problem_speeding: 'vitesse excessive : est-ce un problème dans votre quartier ?',
    problem_aggressive_traffic: 'conduite agressive : est-ce un problème dans votre quartier ?',
    problem_parking: 'stationnement gênant : est-ce un problème dans votre quartier ?',
    problem_dumping: 'dépôts clandestins et déchets : est-ce un problème dans votre quartier ?',
    problem_vandalism: 'vandalisme : est-ce un problème dans votre quartier ?',
    problem_noise: 'nuisances sonores : est-ce un problème dans votre quartier ?',
    problem_drugs: 'drogues : est-ce un problème dans votre quartier ?',
    problem_youth_nuisance: 'jeunes qui traînent : est-ce un problème dans votre quartier ?',
  },
  /** The built-in indicators, as a phrase about a resident ("feels unsafe often or always"). */
  indicators: {
    unsafe_general: 'se sent en insécurité (parfois ou plus)',
    unsafe_often: 'se sent souvent ou toujours en insécurité',
    unsafe_neighbourhood: 'se sent en insécurité dans le quartier',
    avoidance: 'évite certains endroits',
    victimisation: 'victime au cours des 12 derniers mois',
    police_satisfied: 'satisfait(e) de la police locale',
    insecurity_index: 'indice d’insécurité (0-10)',
    problem_burglary: 'voit cambriolage comme un problème',
    problem_vehicle_crime: 'voit vol dans ou dégâts aux voitures comme un problème',
    problem_speeding: 'voit vitesse excessive comme un problème',
    problem_aggressive_traffic: 'voit conduite agressive comme un problème',
    problem_parking: 'voit stationnement gênant comme un problème',
    problem_dumping: 'voit dépôts clandestins et déchets comme un problème',
    problem_vandalism: 'voit vandalisme comme un problème',
    problem_noise: 'voit nuisances sonores comme un problème',
    problem_drugs: 'voit drogues comme un problème',
    problem_youth_nuisance: 'voit jeunes qui traînent comme un problème',
  },
} satisfies CodebookWords;
