// The codes a key figure's organisation type and a signal's source may take: the built-in partner kinds and
// channels in their English, Dutch and French spellings, and the codes the configuration declares. A code column
// that took any text could hold a person's name; one that takes only these never does.
import { fold } from '../values.js';

/** Each built-in organisation type (a key figure's position) and the ways it is written in en, nl and fr. */
export const ORGANISATION_TYPES: Readonly<Record<string, readonly string[]>> = {
  school: ['school', 'schools', 'school head', 'schooldirectie', 'scholen', 'ecole', 'direction d ecole', 'enseignement', 'onderwijs', 'education'],
  shop: ['shop', 'shops', 'shopkeeper', 'retail', 'trader', 'winkel', 'winkelier', 'handelaar', 'handel', 'middenstand', 'commerce', 'commercant', 'magasin'],
  hospitality: ['hospitality', 'horeca', 'cafe', 'restaurant', 'bar', 'cafe owner', 'cafebaas', 'uitbater'],
  youth_work: ['youth work', 'youth worker', 'youth', 'jeugdwerk', 'jeugdwerker', 'jeugdhuis', 'jeugddienst', 'jeugd', 'travail de jeunesse', 'animateur jeunesse', 'maison de jeunes', 'jeunesse'],
  social_work: ['social work', 'social worker', 'welzijn', 'welzijnswerk', 'welzijnswerker', 'maatschappelijk werk', 'maatschappelijk werker', 'ocmw', 'cpas', 'travail social', 'assistant social', 'aide sociale'],
  housing: ['housing', 'housing company', 'social housing', 'huisvesting', 'huisvestingsmaatschappij', 'woonmaatschappij', 'sociale huisvesting', 'logement', 'logement social', 'societe de logement'],
  neighbourhood_officer: ['neighbourhood officer', 'neighbourhood police officer', 'community officer', 'wijkagent', 'wijkinspecteur', 'agent de quartier', 'inspecteur de quartier'],
  police: ['police', 'politie', 'police officer', 'politieagent', 'agent de police'],
  municipality: ['municipality', 'city', 'local government', 'gemeente', 'stad', 'lokaal bestuur', 'commune', 'ville', 'administration communale'],
  prevention: ['prevention', 'preventie', 'preventiedienst', 'gemeenschapswacht', 'service de prevention', 'gardien de la paix', 'community guard'],
  residents_association: ['residents association', 'residents committee', 'bewonersgroep', 'bewonersvereniging', 'buurtcomite', 'comite de quartier', 'association de riverains'],
  health_care: ['health care', 'healthcare', 'care', 'zorg', 'gezondheidszorg', 'huisarts', 'soins', 'soins de sante', 'medecin'],
  transport: ['transport', 'public transport', 'openbaar vervoer', 'de lijn', 'transport public', 'transports en commun', 'stib', 'tec'],
  religious: ['religious', 'faith community', 'religieus', 'geloofsgemeenschap', 'communaute religieuse'],
  sports_club: ['sports club', 'sport', 'sportclub', 'sportvereniging', 'club sportif'],
  other: ['other', 'ander', 'andere', 'overig', 'overige', 'autre', 'autres'],
};

/** Each built-in source of signals (the channel it came in by) and the ways it is written in en, nl and fr. */
export const SIGNAL_SOURCES: Readonly<Record<string, readonly string[]>> = {
  police_cafe: ['police cafe', 'politiecafe', 'politie cafe', 'cafe police', 'cafe de police'],
  neighbourhood_officer: ['neighbourhood officer', 'neighbourhood police officer', 'wijkagent', 'wijkinspecteur', 'agent de quartier', 'inspecteur de quartier', 'questionnaire neighbourhood officer', 'vragenlijst wijkagent'],
  complaint: ['complaint', 'complaints', 'klacht', 'klachten', 'plainte', 'plaintes'],
  report: ['report', 'melding', 'meldingen', 'meldpunt', 'signalement', 'signalements'],
  residents_meeting: ['residents meeting', 'neighbourhood meeting', 'bewonersvergadering', 'buurtvergadering', 'wijkvergadering', 'reunion de quartier', 'reunion des habitants'],
  hotline: ['hotline', 'phone line', 'telefonische lijn', 'ligne telephonique', 'permanence telephonique'],
  web_form: ['web form', 'website', 'online', 'webformulier', 'formulier', 'formulaire', 'formulaire en ligne', 'site web', 'e-loket', 'e loket'],
  app: ['app', 'application', 'applicatie', 'mobile app'],
  social_media: ['social media', 'sociale media', 'reseaux sociaux', 'facebook'],
  survey: ['survey', 'bevraging', 'enquete', 'questionnaire', 'vragenlijst'],
  municipality: ['municipality', 'city', 'gemeente', 'stad', 'commune', 'ville'],
  prevention: ['prevention', 'preventie', 'preventiedienst', 'gemeenschapswacht', 'service de prevention', 'gardien de la paix'],
  other: ['other', 'ander', 'andere', 'overig', 'overige', 'autre', 'autres'],
};

/** A code's key for lookup: folded (case and accents), spaces, hyphens, apostrophes and dots as `_`. */
export function codeKey(text: string): string {
  return fold(text)
    .replace(/[\s\-'’.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The codes a column takes, by key: each built-in code and its spellings, then each code `declared` in the
 * configuration (a built-in spelling keeps its built-in code).
 */
export function codeList(builtIn: Readonly<Record<string, readonly string[]>>, declared: readonly string[]): ReadonlyMap<string, string> {
  const codes = new Map<string, string>();
  for (const [code, spellings] of Object.entries(builtIn)) {
    codes.set(codeKey(code), code);
    for (const spelling of spellings) if (!codes.has(codeKey(spelling))) codes.set(codeKey(spelling), code);
  }
  for (const code of declared) if (!codes.has(codeKey(code))) codes.set(codeKey(code), code);
  return codes;
}
