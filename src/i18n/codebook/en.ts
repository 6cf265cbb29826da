// The codebook's words in English: theme names, questions, answer scales and indicator labels.


export const codebookEn = {
  /** Answer labels of the built-in scales, one per answer code (also accepted as answers on import). */
  scales: {
    frequency: ['never', 'rarely', 'sometimes', 'often', 'always'],
    yesNo: ['no', 'yes'],
    problem: ['not at all', 'rather not', 'rather yes', 'certainly a problem'],
    satisfaction: ['very dissatisfied', 'dissatisfied', 'neither', 'satisfied', 'very satisfied'],
  },
  /** Problems and themes as a noun phrase (lists, rankings, key figures). */
  themes: {
    burglary: 'burglary',
    vehicle_crime: 'theft from or damage to cars',
    speeding: 'speeding',
    aggressive_traffic: 'aggressive driving',
    parking: 'nuisance parking',
    dumping: 'illegal dumping and litter',
    vandalism: 'vandalism',
    noise: 'noise nuisance',
    drugs: 'drugs',
    youth_nuisance: 'loitering youth',
  },
  /** The questions of the built-in items. */
  questions: {
    unsafe_freq: 'Does it happen that you feel unsafe?',
    unsafe_neighbourhood: 'Does it happen that you feel unsafe in your neighbourhood?',
    unsafe_dark: 'Does it happen that you feel unsafe alone in your neighbourhood after dark?',
    avoid_places: 'Do you avoid certain places?',
    victim_any: 'Were you the victim of a crime in the last 12 months?',
    police_satisfaction: 'How satisfied are you with the local police?',
    problem_burglary: 'Is burglary a problem in your neighbourhood?',
    problem_vehicle_crime: 'Is theft from or damage to cars a problem in your neighbourhood?',
    problem_speeding: 'Is speeding a problem in your neighbourhood?',
    problem_aggressive_traffic: 'Is aggressive driving a problem in your neighbourhood?',
    problem_parking: 'Is nuisance parking a problem in your neighbourhood?',
    problem_dumping: 'Is illegal dumping and litter a problem in your neighbourhood?',
    problem_vandalism: 'Is vandalism a problem in your neighbourhood?',
    problem_noise: 'Is noise nuisance a problem in your neighbourhood?',
    problem_drugs: 'Is drugs a problem in your neighbourhood?',
    problem_youth_nuisance: 'Is loitering youth a problem in your neighbourhood?',
  },
  /** The built-in indicators, as a phrase about a resident ("feels unsafe often or always"). */
  indicators: {
    unsafe_general: 'feels unsafe (sometimes or more)',
    unsafe_often: 'feels unsafe often or always',
    unsafe_neighbourhood: 'feels unsafe in the neighbourhood',
    avoidance: 'avoids certain places',
    victimisation: 'victim in the last 12 months',
    police_satisfied: 'satisfied with the local police',
    insecurity_index: 'insecurity index (0-10)',
    problem_burglary: 'sees burglary as a problem',
    problem_vehicle_crime: 'sees theft from or damage to cars as a problem',
    problem_speeding: 'sees speeding as a problem',
    problem_aggressive_traffic: 'sees aggressive driving as a problem',
    problem_parking: 'sees nuisance parking as a problem',
    problem_dumping: 'sees illegal dumping and litter as a problem',
    problem_vandalism: 'sees vandalism as a problem',
    problem_noise: 'sees noise nuisance as a problem',
    problem_drugs: 'sees drugs as a problem',
    problem_youth_nuisance: 'sees loitering youth as a problem',
  },
};

/** The shape every language's codebook words follow: the same keys as English. */
export interface CodebookWords {
  scales: Record<keyof typeof codebookEn.scales, readonly string[]>;
  themes: Record<keyof typeof codebookEn.themes, string>;
  questions: Record<keyof typeof codebookEn.questions, string>;
  indicators: Record<keyof typeof codebookEn.indicators, string>;
}
