// The words LimeSurvey writes in headings and answers, per export language (nl, nl-informal, fr, en, de,
// de-informal), read from its translation catalogues of releases 3.8 to 6.14 (docs/formats/limesurvey.md
// section 3). Translations drift between releases, so each role lists every spelling seen.

/** Metadata columns by their code heading (`id`, `submitdate`, ...) and role. */
export const METADATA_CODES: Readonly<Record<string, 'response_id' | 'submitdate' | 'metadata' | 'identifier'>> = {
  id: 'response_id',
  submitdate: 'submitdate',
  lastpage: 'metadata',
  startlanguage: 'metadata',
  seed: 'metadata',
  startdate: 'metadata',
  datestamp: 'metadata',
  token: 'identifier',
  ipaddr: 'identifier',
  refurl: 'identifier',
};

/** Participant-table fields an export may append (closed surveys): every one names or reaches a person. */
export const PARTICIPANT_CODES = new Set([
  'firstname', 'lastname', 'email', 'emailstatus', 'language', 'sent', 'remindersent', 'remindercount', 'usesleft',
  'completed', 'validfrom', 'validuntil', 'tid', 'participant_id', 'blacklisted',
]);

/** Full-text metadata headings (folded: lower case, no accents), to the code heading of the same column. */
export const METADATA_TEXTS: Readonly<Record<string, string>> = {
  'response id': 'id',
  'respons-id': 'id',
  'id de la reponse': 'id',
  'antwort id': 'id',
  'date submitted': 'submitdate',
  'datum verzonden': 'submitdate',
  'date de soumission': 'submitdate',
  'datum abgeschickt': 'submitdate',
  'last page': 'lastpage',
  'laatste pagina': 'lastpage',
  'derniere page': 'lastpage',
  'letzte seite': 'lastpage',
  'start language': 'startlanguage',
  'begin taal': 'startlanguage',
  'langue de depart': 'startlanguage',
  'start-sprache': 'startlanguage',
  seed: 'seed',
  plaats: 'seed',
  'tete de serie': 'seed',
  zufallsgeneratorstartwert: 'seed',
  zufallsstartwert: 'seed',
  zufallswert: 'seed',
  'date started': 'startdate',
  startdatum: 'startdate',
  'date de lancement': 'startdate',
  'datum gestartet': 'startdate',
  'date last action': 'datestamp',
  'datum laatste actie': 'datestamp',
  'date de la derniere action': 'datestamp',
  'datum letzte aktivitat': 'datestamp',
  token: 'token',
  'access code': 'token',
  toegangscode: 'token',
  code: 'token',
  "code d'acces": 'token',
  zugangsschlussel: 'token',
  zugangscode: 'token',
  'ip address': 'ipaddr',
  'ip-adres': 'ipaddr',
  'adresse ip': 'ipaddr',
  'ip-adresse': 'ipaddr',
  'referrer url': 'refurl',
  'verwijzer url': 'refurl',
  'verwijzer-url': 'refurl',
  'url referente': 'refurl',
  'weiterleitungs-url': 'refurl',
};

/** Participant fields as full-text headings. */
export const PARTICIPANT_TEXTS = new Set([
  'first name', 'voornaam', 'prenom', 'vorname',
  'last name', 'achternaam', 'nom', 'nachname',
  'email address', 'e-mailadres', 'adresse de courriel', 'e-mail-adresse',
  'email status', 'e-mail status', 'language code', 'taalcode', 'invitation sent date', 'verzenddatum uitnodiging',
  'completed', 'voltooid', 'uses left', 'aantal overgebleven pogingen',
]);

/** Timing headings: `interviewtime`, `groupTime12`, `Q1Time`; `Totaaltijd`, `Groepstijd: ...`, `Vraagtijd: ...`. */
export const TIMING_CODE = /^(interviewtime|grouptime\d+|[a-z][a-z0-9]*time)$/i;
export const TIMING_TEXT = /^(total time|totaaltijd|temps total\s*:?|gesamtzeit)$|^(group time|groepstijd|duree pour le groupe|gruppenzeit|question time|vraagtijd|duree pour la question|fragenzeit)\s*:/;

/** The subquestion part of a free-text column: `[other]`, `[comment]`, `[SQ001comment]`, and their translations. */
export const FREE_TEXT_CODE = /(^|\[|_)(other|comment|[a-z0-9]*comment|othercomment)\]?$/i;
export const FREE_TEXT_LABELS = new Set([
  'other', 'overige', 'autre', 'sonstiges',
  'comment', 'opmerking', 'commentaire', 'kommentar',
  'other comment', 'andere opmerkingen', 'commentaire pour autre', 'anderer kommentar',
]);

/** Yes/no and gender words of full answers (LimeSurvey's own, in every export language). */
export const YES_WORDS = ['y', 'yes', 'ja', 'oui', 'si', 'true', '1'];
export const NO_WORDS = ['n', 'no', 'nee', 'neen', 'non', 'nein', 'false', '0'];
export const SEX_WORDS: Readonly<Record<string, 'M' | 'F' | 'X'>> = {
  male: 'M', man: 'M', mann: 'M', masculin: 'M', mannlich: 'M', homme: 'M', jongen: 'M',
  female: 'F', woman: 'F', vrouw: 'F', feminin: 'F', weiblich: 'F', frau: 'F', femme: 'F', meisje: 'F',
  divers: 'X', 'non-binair': 'X', 'non-binaire': 'X', 'non-binary': 'X', nonbinair: 'X', ander: 'X', anders: 'X', autre: 'X', other: 'X',
};
