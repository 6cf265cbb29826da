// The codebook's words in Dutch: theme names, questions, answer scales and indicator labels.
import type { CodebookWords } from './en.js';

export const codebookNl = {
  /** Answer labels of the built-in scales, one per answer code (also accepted as answers on import). */
  scales: {
    frequency: ['nooit', 'zelden', 'soms', 'vaak', 'altijd'],
    yesNo: ['nee', 'ja'],
    problem: ['helemaal niet', 'eerder niet', 'eerder wel', 'zeker een probleem'],
    satisfaction: ['zeer ontevreden', 'ontevreden', 'noch tevreden noch ontevreden', 'tevreden', 'zeer tevreden'],
  },
  /** Problems and themes as a noun phrase (lists, rankings, key figures). */
  themes: {
    burglary: 'woninginbraak',
    vehicle_crime: 'diefstal uit of schade aan auto’s',
    speeding: 'te snel rijden',
    aggressive_traffic: 'agressief verkeersgedrag',
    parking: 'hinderlijk parkeren',
    dumping: 'sluikstorten en zwerfvuil',
    vandalism: 'vandalisme',
    noise: 'geluidsoverlast',
    drugs: 'drugs',
    youth_nuisance: 'rondhangende jongeren',
  },
  /** The questions of the built-in items. */
  questions: {
    unsafe_freq: 'Gebeurt het dat u zich onveilig voelt?',
    unsafe_neighbourhood: 'Gebeurt het dat u zich onveilig voelt in uw buurt?',
    unsafe_dark: 'Gebeurt het dat u zich ’s avonds alleen onveilig voelt in uw buurt?',
    avoid_places: 'Vermijdt u bepaalde plaatsen?',
    victim_any: 'Was u de voorbije 12 maanden slachtoffer van een misdrijf?',
    police_satisfaction: 'Hoe tevreden bent u over de lokale politie?',
    problem_burglary: 'Is woninginbraak een probleem in uw buurt?',
    problem_vehicle_crime: 'Is diefstal uit of schade aan auto’s een probleem in uw buurt?',
    problem_speeding: 'Is te snel rijden een probleem in uw buurt?',
    problem_aggressive_traffic: 'Is agressief verkeersgedrag een probleem in uw buurt?',
    problem_parking: 'Is hinderlijk parkeren een probleem in uw buurt?',
    problem_dumping: 'Is sluikstorten en zwerfvuil een probleem in uw buurt?',
    problem_vandalism: 'Is vandalisme een probleem in uw buurt?',
    problem_noise: 'Is geluidsoverlast een probleem in uw buurt?',
    problem_drugs: 'Is drugs een probleem in uw buurt?',
    problem_youth_nuisance: 'Is rondhangende jongeren een probleem in uw buurt?',
  },
  /** The built-in indicators, as a phrase about a resident ("feels unsafe often or always"). */
  indicators: {
    unsafe_general: 'voelt zich onveilig (soms of vaker)',
    unsafe_often: 'voelt zich vaak of altijd onveilig',
    unsafe_neighbourhood: 'voelt zich onveilig in de buurt',
    avoidance: 'vermijdt bepaalde plaatsen',
    victimisation: 'slachtoffer in de voorbije 12 maanden',
    police_satisfied: 'tevreden over de lokale politie',
    insecurity_index: 'onveiligheidsindex (0-10)',
    problem_burglary: 'ziet woninginbraak als probleem',
    problem_vehicle_crime: 'ziet diefstal uit of schade aan auto’s als probleem',
    problem_speeding: 'ziet te snel rijden als probleem',
    problem_aggressive_traffic: 'ziet agressief verkeersgedrag als probleem',
    problem_parking: 'ziet hinderlijk parkeren als probleem',
    problem_dumping: 'ziet sluikstorten en zwerfvuil als probleem',
    problem_vandalism: 'ziet vandalisme als probleem',
    problem_noise: 'ziet geluidsoverlast als probleem',
    problem_drugs: 'ziet drugs als probleem',
    problem_youth_nuisance: 'ziet rondhangende jongeren als probleem',
  },
} satisfies CodebookWords;
