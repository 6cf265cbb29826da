// The codebook's words in Dutch (Flemish administrative usage): theme names, questions, answer scales and indicator labels.
import type { CodebookWords } from './en.js';

export const codebookNl = {
  /** Answer labels of the built-in scales, one per answer code (also accepted as answers on import). */
  // The texts of a Dutch LimeSurvey questionnaire (fixtures/limesurvey), so full-text exports are recognised.
  scales: {
    frequency: ['nooit', 'zelden', 'soms', 'vaak', 'altijd'],
    yesNo: ['nee', 'ja'],
    problem: ['helemaal geen probleem', 'eerder geen probleem', 'eerder wel een probleem', 'zeker een probleem'],
    satisfaction: ['zeer ontevreden', 'ontevreden', 'neutraal', 'tevreden', 'zeer tevreden'],
  },
  /** Problems and themes as a noun phrase (lists, rankings, key figures). */
  themes: {
    burglary: 'woninginbraak',
    vehicle_crime: 'diefstal uit of schade aan auto’s',
    speeding: 'overdreven snelheid',
    aggressive_traffic: 'verkeersagressie',
    parking: 'parkeeroverlast',
    dumping: 'sluikstorten en zwerfvuil',
    vandalism: 'vandalisme',
    noise: 'geluidsoverlast',
    drugs: 'drugsoverlast',
    youth_nuisance: 'overlast door jongeren',
  },
  /** The questions of the built-in items. */
  questions: {
    unsafe_freq: 'Gebeurt het dat u zich onveilig voelt?',
    unsafe_neighbourhood: 'Gebeurt het dat u zich onveilig voelt in uw buurt?',
    unsafe_dark: 'Gebeurt het dat u zich onveilig voelt als u ’s avonds alleen in uw buurt bent?',
    avoid_places: 'Vermijdt u bepaalde plaatsen?',
    victim_any: 'Bent u de voorbije 12 maanden slachtoffer geworden van een misdrijf?',
    police_satisfaction: 'Hoe tevreden bent u over de lokale politie?',
    problem_burglary: 'Is woninginbraak een probleem in uw buurt?',
    problem_vehicle_crime: 'Is diefstal uit of schade aan auto’s een probleem in uw buurt?',
    problem_speeding: 'Is overdreven snelheid een probleem in uw buurt?',
    problem_aggressive_traffic: 'Is verkeersagressie een probleem in uw buurt?',
    problem_parking: 'Is parkeeroverlast een probleem in uw buurt?',
    problem_dumping: 'Zijn sluikstorten en zwerfvuil een probleem in uw buurt?',
    problem_vandalism: 'Is vandalisme een probleem in uw buurt?',
    problem_noise: 'Is geluidsoverlast een probleem in uw buurt?',
    problem_drugs: 'Is drugsoverlast een probleem in uw buurt?',
    problem_youth_nuisance: 'Is overlast door jongeren een probleem in uw buurt?',
  },
  /** The built-in indicators, as a phrase about a resident ("voelt zich vaak of altijd onveilig"). */
  indicators: {
    unsafe_general: 'voelt zich minstens soms onveilig',
    unsafe_often: 'voelt zich vaak of altijd onveilig',
    unsafe_neighbourhood: 'voelt zich onveilig in de buurt',
    avoidance: 'vermijdt bepaalde plaatsen',
    victimisation: 'was de voorbije 12 maanden slachtoffer',
    police_satisfied: 'is tevreden over de lokale politie',
    insecurity_index: 'onveiligheidsindex van 0 tot 10',
    problem_burglary: 'ziet woninginbraak als probleem',
    problem_vehicle_crime: 'ziet diefstal uit of schade aan auto’s als probleem',
    problem_speeding: 'ziet overdreven snelheid als probleem',
    problem_aggressive_traffic: 'ziet verkeersagressie als probleem',
    problem_parking: 'ziet parkeeroverlast als probleem',
    problem_dumping: 'ziet sluikstorten en zwerfvuil als probleem',
    problem_vandalism: 'ziet vandalisme als probleem',
    problem_noise: 'ziet geluidsoverlast als probleem',
    problem_drugs: 'ziet drugsoverlast als probleem',
    problem_youth_nuisance: 'ziet overlast door jongeren als probleem',
  },
} satisfies CodebookWords;
