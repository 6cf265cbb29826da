// Privacy by design: direct identifiers never reach the store, and ids are kept only as keyed hashes.
import * as crypto from 'node:crypto';
import { createCipheriv, createHmac, randomFillSync } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { isKnownLabel } from './known-labels.js';

/** Characters outside printable ASCII: a text of none is already plain (the fast path of `plainCharacters`). */
const NOT_PLAIN_ASCII = /[^\x20-\x7e]/;
/**
 * Characters that do not show: soft hyphens, zero-width spaces and joiners, byte-order marks, direction marks, and
 * every other default-ignorable character (Hangul fillers, variation selectors, the grapheme joiner) and the blank
 * Braille pattern (adversarial run r23b: `Dhr.\u3164Peeters`).
 */
const FORMAT_CHARACTERS = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]|\u20e3/gu;
/** Full stops of other scripts, read as `.` (`Dhr。Peeters`): NFKC leaves the ideographic one as it is. */
const OTHER_FULL_STOPS = /[\u3002\uff61\u0589\u06d4\u00b7\u2022\u2219\u2024]/g;
/**
 * Trade mark and copyright signs and superscript digits, which NFKC would make letters and digits glued to a word
 * (`Dr. Peeters™` -> `Dr. PeetersTM`, `Peeters²` -> `Peeters2`): read as spaces (adversarial run r26, F1).
 */
const SIGNS_AND_SUPERSCRIPTS = /[™®©℠¹²³⁰ⁱ⁴-⁹]/g;
/** An at sign written as an HTML reference (`&#64;`, `&#x40;`, `&commat;`), read as `@`. */
const AT_REFERENCE = /&#0*64;|&#x0*40;|&commat;/gi;
/** A decimal digit of another script (Arabic-Indic `٠٤٧٠`, Devanagari `०४७०`), read as its ASCII digit. */
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu;
/** A letter O between digits, written for a zero (`047O123456`). */
const LETTER_O_FOR_ZERO = /(?<=\d)[Oo](?=[Oo]*\d)/g;
/**
 * A word of digits and letters O only, a digit among them: its O's are zeros, at its start and end too (`o47o 12 34
 * 56`, `O470123456`: adversarial run r29, item 5). Bounded, so a long run of digits is tried from its start only.
 */
const NUMBER_WITH_O = /(?<![\p{L}\p{N}])(?=[Oo]{0,40}\d)[Oo\d]{2,40}(?![\p{L}\p{N}])/gu;

/** The value of a decimal digit of any script: its place in its run of ten (Unicode keeps each script's digits 0 to 9 in a row). */
function digitValue(digit: string): string {
  let code = digit.codePointAt(0) ?? 0;
  let place = 0;
  while (place < 9 && /\p{Nd}/u.test(String.fromCodePoint(code - 1))) {
    code--;
    place++;
  }
  return String(place);
}
/** Dashes and minus signs other than the hyphen-minus (`‐`, `‑`, `–`, `—`, `−`). */
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63]/g;

/**
 * A text as every personal-data rule judges it: in its compatibility form (NFKC: full-width `０４７０` and `＠` read
 * as `0470` and `@`, a no-break space as a space, `ﬁ` as `fi`), characters that do not show removed, every dash
 * read as a hyphen, other scripts' full stops and digits as `.` and ASCII digits, a letter O between digits as a
 * zero (adversarial run r23b: `Dhr。Peeters`, `٠٤٧٠١٢٣٤٥٦`, `047O123456`). Each exported judge reads its text through this once, so no rule sees another spelling of the
 * same characters (adversarial run r19: `０４７０ １２ ３４ ５６`, `jan.peeters＠telenet．be` were stored).
 */
export function plainCharacters(value: string): string {
  const plain = (NOT_PLAIN_ASCII.test(value) ? value.replace(SIGNS_AND_SUPERSCRIPTS, ' ').normalize('NFKC').replace(FORMAT_CHARACTERS, '').replace(DASHES, '-').replace(OTHER_FULL_STOPS, '.').replace(OTHER_DIGIT, digitValue) : value).replace(
    AT_REFERENCE,
    '@',
  );
  // a combining mark on no letter (`Dr.́ Peeters`) and a doubled at sign (`jan@@telenet.be`: adversarial run r27) read away
  const marked = /[^\x20-\x7e]/.test(plain) ? plain.replace(/(?<![\p{L}\p{N}\p{M}])\p{M}+/gu, '') : plain;
  const atOnce = marked.includes('@@') ? marked.replace(/@{2,}/g, '@') : marked;
  if (!/\d[Oo]|[Oo]\d/.test(atOnce)) return atOnce;
  return atOnce.replace(NUMBER_WITH_O, (word) => word.replace(/[Oo]/g, '0')).replace(LETTER_O_FOR_ZERO, '0');
}

/**
 * Words that name a direct identifier on their own (nl, fr, en, de), folded, hyphens removed: a heading,
 * or a label inside it, made only of these (and filler words) is an identifier column.
 */
const IDENTIFIER_WORDS = new Set([
  'name', 'naam', 'nom', 'fullname', 'firstname', 'lastname', 'surname', 'familyname', 'givenname', 'voornaam', 'achternaam',
  'familienaam', 'voornamen', 'prenom', 'prenoms', 'vorname', 'nachname', 'familienname',
  'email', 'mail', 'emailadres', 'emailaddress', 'emailadresse', 'mailadres', 'courriel',
  'phone', 'telephone', 'telefoon', 'telefon', 'tel', 'gsm', 'mobile', 'mobiel', 'handy', 'portable', 'cellphone', 'mobilephone',
  'address', 'adres', 'adresse', 'street', 'straat', 'rue', 'strasse', 'huisnummer', 'housenumber',
  'ip', 'ipaddr', 'ipadres', 'ipaddress', 'ipadresse',
  'token', 'toegangscode', 'accesscode', 'codeacces', 'zugangscode', 'zugangsschlussel',
  'refurl', 'referrer', 'referer', 'verwijzer', 'referente', 'weiterleitungsurl', 'verwijzerurl', 'referrerurl',
  'rijksregister', 'rijksregisternummer', 'insz', 'inss', 'bsn', 'ssn', 'niss', 'nationalnumber', 'registrenational',
  'numeronational', 'sozialversicherungsnummer', 'geboortedatum', 'birthdate', 'dateofbirth', 'geburtsdatum', 'datedenaissance', 'dob',
  'anschrift', 'postadres', 'iban', 'rekeningnummer', 'bankrekeningnummer', 'kenteken', 'nummerplaat', 'licenseplate', 'immatriculation', 'kennzeichen',
  'wachtwoord', 'password', 'motdepasse', 'passwort', 'contactgegevens', 'contactdetails', 'coordonnees', 'kontaktdaten',
]);

/** Words that only complete an identifier phrase (`URL référente`, `date of birth`, `phone 2`). */
const PHRASE_WORDS = new Set([
  'url', 'code', 'acces', 'access', 'ip', 'date', 'birth', 'naissance', 'national', 'register', 'registre', 'e',
  'home', 'work', 'private', 'prive', 'contact', 'werk', 'thuis', 'domicile', 'personal', 'personnel', 'perso',
  'full', 'first', 'last', 'given', 'family', 'middle', 'alternative', 'second', 'mobile', 'cell',
  'famille', 'postal', 'postale', 'respondent', 'plaque', 'repondant', 'repondante', 'deelnemer', 'participant', 'teilnehmer',
  'befragten', 'bevraagde', 'ondervraagde', 'personne', 'persoon', 'person', 'interviewer', 'interviewster', 'enqueteur',
  'enqueteuse', 'enquetrice', 'contactpersoon', 'contactperson', 'melder',
]);

/** Words that do not change what a label names: articles, "your", "what is", "number". */
const FILLER_WORDS = new Set([
  'uw', 'je', 'jouw', 'your', 'votre', 'vos', 'ton', 'ihr', 'ihre', 'ihren', 'dein', 'deine',
  'wat', 'is', 'what', 'quel', 'quelle', 'est', 'wie', 'lautet', 'welk', 'welke', 'which',
  'de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'of', 'the', 'van', 'het', 'een', 'a', 'an', 'der', 'die', 'das', 'en', 'and', 'et', 'und',
  'nummer', 'number', 'numero', 'nr', 'no', 'n', 'nummern', 'numbers', 'numeros',
  // whether the answer was asked for does not change what it is (`Uw e-mailadres (optioneel)`)
  'optioneel', 'optionnel', 'optionnelle', 'optional', 'facultatief', 'facultatif', 'facultative', 'freiwillig', 'verplicht',
  'obligatoire', 'required', 'pflicht',
]);

/** The labels a heading carries: itself, the code and text of `code. text`, the parts in and before brackets. */
export function headingLabels(header: string): string[] {
  const heading = header.replace(/^\ufeff/, '').trim();
  const labels = [heading];
  const codeText = /^([A-Za-z][A-Za-z0-9_]*(?:\[[^\]]*\])*)\. (.+)$/s.exec(heading);
  if (codeText) labels.push(codeText[1], codeText[2]);
  for (const label of [...labels]) {
    let first = true;
    // one push per bracket: spreading hundreds of thousands of them into one call overflowed the stack (r7)
    for (const match of label.matchAll(/\[([^[\]]*)\]/g)) {
      if (first) labels.push(label.slice(0, label.indexOf('[')));
      first = false;
      labels.push(match[1]);
    }
  }
  return [...new Set(labels.map((label) => label.trim()).filter(Boolean))];
}

/** The words of a label: folded, hyphens and dots inside words removed, a trailing "number" of a compound dropped. */
function labelWords(label: string): string[] {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/([a-z0-9])[-.]([a-z0-9])/g, '$1$2')
    .replace(/([a-z0-9])[-.]([a-z0-9])/g, '$1$2')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const NUMBER_ENDINGS = ['nummer', 'number', 'numero', 'nr'];

/**
 * A compound without its trailing "number" (`telefoonnummer` -> `telefoon`), keeping three letters or more. A
 * suffix test, not a regular expression: an unanchored `(.{3,})(nummer|...)$` backtracks from every position,
 * and one 100 KB heading took seconds (issue 17).
 */
function numberStem(word: string): string {
  const ending = NUMBER_ENDINGS.find((end) => word.length >= end.length + 3 && word.endsWith(end));
  return ending === undefined ? word : word.slice(0, -ending.length);
}

/** True when `start` (three letters or more) begins one of the words: the cut last word of an abbreviated heading. */
function beginsOneOf(words: ReadonlySet<string>, start: string): boolean {
  return start.length >= 3 && [...words].some((word) => word.length > start.length && word.startsWith(start));
}

/**
 * A label made only of identifier words and the words that complete them, with at least one identifier word.
 * An abbreviated label (`Rijksregisternu.. `, LimeSurvey's "abbreviated" headings) may end in a cut word.
 */
function namesIdentifier(label: string): boolean {
  const abbreviated = /\.\.\s*$/.test(label);
  const words = labelWords(abbreviated ? label.replace(/\.\.\s*$/, '') : label);
  if (words.length === 0 || words.length > 6) return false;
  const content = words.filter((word) => !FILLER_WORDS.has(word));
  if (content.length === 0) return false;
  const compact = content.join('');
  if (IDENTIFIER_WORDS.has(compact) || IDENTIFIER_WORDS.has(words.join(''))) return true;
  const stems = content.map(numberStem);
  const cut = abbreviated && words.at(-1) === content.at(-1) ? stems.length - 1 : -1;
  // a compound is an identifier word whole (`huisnummer`) or by its stem (`telefoonnummer`)
  const identifier = (word: string, i: number) => IDENTIFIER_WORDS.has(word) || IDENTIFIER_WORDS.has(content[i]) || (i === cut && beginsOneOf(IDENTIFIER_WORDS, word));
  const completing = (word: string, i: number) =>
    PHRASE_WORDS.has(word) || /^\d+$/.test(word) || (i === cut && (beginsOneOf(PHRASE_WORDS, word) || beginsOneOf(FILLER_WORDS, word)));
  return stems.some(identifier) && stems.every((word, i) => identifier(word, i) || completing(word, i));
}

/**
 * True for columns that carry direct identifiers (names, e-mail, phone, address, IP address, tokens, national
 * numbers), by their heading in nl, fr, en or de, in every heading style: `email`, `E-mailadres`, `GSM-nummer`,
 * `Adresse IP`, `token. Toegangscode`, `Contact[Email]`, `Laat uw gegevens na. [E-mailadres]`. A question
 * whose text merely mentions a phone is not one.
 */
export function isIdentifierColumn(header: string): boolean {
  return identifierColumn(plainCharacters(header));
}

function identifierColumn(header: string): boolean {
  if (/^attribute_\d+$/i.test(header.trim())) return true;
  return headingLabels(header).some(namesIdentifier);
}

/** What a rejects file or a message shows instead of a cell that looks like a direct identifier. */
export const WITHHELD = '***';

// Every pattern is tried from a literal or within a bounded length, so a cell of a megabyte is checked in one
// pass: an e-mail pattern that began with `[^...]+` rescanned the rest of the cell from every position (minutes).
/** An e-mail address (also with a full-width ＠ or ﹫): the part after the sign has a dot, or is one bounded host name. */
const EMAIL = /(?<=[^\s@＠﹫<>()[\],;:"])[@＠﹫](?:[^\s@＠﹫<>()[\],;:"]+\.[a-z]+|[a-z0-9-]{1,63}(?![^\s<>()[\],;:"]))/i;
/**
 * An e-mail address written another way (adversarial run r22, F1): its sign percent-encoded, as in a web address
 * (`piet%40example.com`), or with spaces around it and its dots (`jan @ example.be`, `jan @ peeters . be`): a name,
 * the sign, a domain with a dot and a top-level domain of letters.
 */
const EMAIL_OTHERWISE = /[\p{L}\p{N}._-](?:%40|\s{0,3}[@＠﹫]\s{0,3})[\p{L}\p{N}-]{1,63}(?:\s{0,3}\.\s{0,3}[\p{L}\p{N}-]{1,63}){0,4}\s{0,3}\.\s{0,3}\p{L}{2,6}(?![\p{L}\p{N}])/iu;
/**
 * An address written to dodge a filter: `jan (at) x.be`, `jan[at]x[dot]be`, `jan at x dot be`, `jan at x punt be`,
 * or joined as one code (`jan_peeters_at_telenet_be`, `jan-at-x-dot-be`): `at` between words, a domain and a
 * top-level one after it. The sign's Dutch and French names (`apenstaartje`, `arobase`; `arroba`) name nothing
 * else, so they count before a domain and the top-level one after `dot`, `punt`, `point` or a dot (`jan punt
 * peeters apenstaartje telenet punt be`, `jan arobase telenet point be`); after `at`, `point` does not, as English
 * writes it (`look at this point of view`).
 */
const EMAIL_SPELT =
  /[([{]\s{0,3}at\s{0,3}[)\]}]|[\p{L}\p{N}._-]\s{1,3}at\s{1,3}[\p{L}\p{N}-]{1,63}\s{1,3}(?:dot|punt)\s{1,3}\p{L}{2}|[\p{L}\p{N}._-]\s{1,3}(?:apenstaartje|apenstaart|arobase|arroba)\s{1,3}[\p{L}\p{N}-]{1,63}(?:\s{1,3}(?:dot|punt|point|punto)\s{1,3}|\.)\p{L}{2,6}(?![\p{L}\p{N}])|[\p{L}\p{N}]([_-])at\1[\p{L}\p{N}]{1,63}(?:\1dot)?\1[a-z]{2,6}(?![\p{L}\p{N}])/iu;
/** An IPv4 address, a sentence's full stop after it or not (`192.168.1.20.`: adversarial run r24, F4). */
const IPV4 = /(?:^|[^\d.]|(?<!\d)\.)(?:\d{1,3}\.){3}\d{1,3}(?:$|[^\d.]|\.(?!\d))/;
/** A network card's (MAC) address: six pairs of hexadecimal digits joined by `:` or `-` (`00-1A-2B-3C-4D-5E`). */
const MAC = /(?<![\w:-])[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}(?![\w:-])/i;
/** A place to the metre: a latitude and a longitude with four decimals or more (`51.05431, 3.71742`, `51,05431; 3,71742`). */
const COORDINATES = /(?<![\d.,])-?\d{1,2}([.,])\d{4,}\s*[,;/ ]\s*-?\d{1,3}\1\d{4,}(?![\d.,])/;
/**
 * A secret after its name (`api_key=abcdef1234567890`, `password: Hunter2Hunter2`, `wachtwoord=...`, `mdp: ...`); after a name
 * that is also an ordinary word (`key`, `token`, `session`) only a value with a digit (`token=abc123def456`, not
 * `Key: important`); a signature in a web address's query (an Azure SAS token's `sig=AbCdEf123%2BxyZ%3D`: adversarial
 * run r28, item 5), after `=` only (`sig` alone is a signal file's short name). Spanish and Portuguese name a password
 * too (`contraseña: hunter2`), and `pass` is an ordinary word, so a value with a digit only (`pass: hunter2`, not
 * `pass: gratis`: adversarial run r29, item 3).
 */
const SECRET =
  /(?<![\p{L}\p{N}])(?:api[_-]?key|apikey|secret|client[_-]?secret|password|passwd|pwd|pw|wachtwoord|paswoord|mot[_ -]?de[_ -]?passe|mdp|passwort|kennwort|contrase[ñn]a|senha|access[_-]?key|(?:access|refresh|id|auth)[_-]?token)\s{0,3}[:=]\s{0,3}\S{6,}|(?<![\p{L}\p{N}])sig=[\w%+/=-]{6,}|(?<![\p{L}\p{N}])(?:auth|token|session(?:[_-]?id)?|sid|key|cookie|jwt|pass)\s{0,3}[:=]\s{0,3}(?=\S{0,200}\d)\S{6,}/iu;
/**
 * A user name or an account after the word for it (`username: jpeeters`, `login=jpeeters`, `instagram: @marie.dubois`),
 * a Reddit (`u/janpeeters`) or Discord (`janpeeters#1234`) name (adversarial run r25b, F2); a network's short name
 * too (`fb: janpeeters`, `ig: janpeeters`: adversarial run r29, item 7).
 */
const ACCOUNT =
  /(?<![\p{L}\p{N}])(?:user(?:[_-]?name)?|login|gebruiker(?:snaam)?|utilisateur|identifiant|account|snap(?:chat)?|instagram|insta|ig|twitter|tiktok|facebook|fb|reddit|discord|telegram|whatsapp|linkedin|youtube|mastodon|bluesky|skype)\s{0,3}[:=@]\s{0,3}@?[\p{L}\p{N}._-]{3,40}|(?<![\p{L}\p{N}/])u\/[A-Za-z0-9_-]{3,20}(?![\p{L}\p{N}])|(?<![\p{L}\p{N}#])[A-Za-z0-9_.]{2,32}#(?!(?:19|20)\d{2}(?!\d))\d{4}(?!\d)/iu;
/**
 * An account right after a network's name, without `:`, `=` or `@` (adversarial run r33, left item 5: `instagram
 * janpeeters`, `facebook jan.peeters`, `twitter jpeeters85`): one word of 3 to 30 letters and digits, single dots or
 * `_` between them. Which such word is a handle is `platformHandle`'s to say.
 */
const PLATFORM_AND_WORD =
  /(?<![\p{L}\p{N}])(?:instagram|insta|twitter|tiktok|facebook|linkedin|snapchat|youtube|telegram|mastodon|bluesky|reddit|discord)\s{1,3}([\p{L}\p{N}](?:[._]?[\p{L}\p{N}]){2,29})(?![\p{L}\p{N}@]|[._][\p{L}\p{N}])/giu;
/**
 * How the words a plan writes after a network's name end (`Instagram campagne`, `Facebook sensibiliseringscampagne`,
 * `TikTok filmpjes`), folded: a person's handle hardly ends so.
 */
const AFTER_PLATFORM_ENDINGS = [
  'campagne', 'campagnes', 'campaign', 'campaigns', 'actie', 'acties', 'pagina', 'paginas', 'page', 'pages', 'groep', 'groepen', 'group', 'groups',
  'groupe', 'groupes', 'account', 'accounts', 'bericht', 'berichten', 'posts', 'advertentie', 'advertenties', 'advertising', 'publicite', 'kanaal',
  'kanalen', 'volgers', 'followers', 'abonnes', 'abonnees', 'gebruikers', 'users', 'utilisateurs', 'community', 'marketing', 'promotie', 'promotion',
  'livestream', 'filmpje', 'filmpjes', 'videos', 'stories', 'reels', 'influencers', 'oproep', 'oproepen', 'werving', 'aanwezigheid', 'presence',
  'sensibilisering', 'sensibilisation', 'communicatie', 'communication', 'enquete', 'bevraging', 'survey',
  // what a signal's source or a goal names after a network's name (`Facebook meldingen`, `Instagram reacties`, `TikTok politiezone`)
  'melding', 'meldingen', 'reactie', 'reacties', 'klacht', 'klachten', 'comments', 'commentaren', 'messages', 'signalen', 'signalement',
  'signalements', 'zone', 'politie', 'police',
];

/**
 * The word after a network's name (PLATFORM_AND_WORD) that is an account, decided so (adversarial run r33, left item 5):
 * one with a letter and a digit, a dot or `_` (`jpeeters85`, `jan.peeters`, `jan_peeters`; a dot with five letters or
 * digits at least, so `i.s.m.` is an abbreviation), or words joined in small letters, nine or more (`janpeeters`,
 * `mariedubois`), unless it ends as a plan's word after a network's name does (AFTER_PLATFORM_ENDINGS: `advertenties`,
 * `sensibiliseringscampagne`). A capitalised word (`Facebook Noord`), a short one (`Instagram campagne`, `Facebook
 * groep`), a year (`Facebook 2026`) and the name glued to a word (`Facebookgroep`) or alone (`via Facebook`) are none: a
 * handle written capitalised or of eight letters or fewer passes, the price of not refusing a plan's every word.
 */
function platformHandleIn(text: string): boolean {
  if (!/instagram|insta|twitter|tiktok|facebook|linkedin|snapchat|youtube|telegram|mastodon|bluesky|reddit|discord/i.test(text)) return false;
  for (const match of text.matchAll(PLATFORM_AND_WORD)) {
    const handle = match[1];
    if (!/\p{L}/u.test(handle)) continue;
    const marked = /\d|_/.test(handle) || (handle.includes('.') && handle.replace(/\./g, '').length >= 5);
    const joined = /^\p{Ll}{9,}$/u.test(handle) && !AFTER_PLATFORM_ENDINGS.some((ending) => foldedWord(handle).endsWith(ending));
    if (marked || joined) return true;
  }
  return false;
}
/** The endings of web addresses a zone's residents write most (a handle with a dot ends otherwise: `@jan.peeters`). */
const COMMON_DOMAIN_ENDINGS = new Set(['com', 'be', 'nl', 'fr', 'de', 'lu', 'eu', 'org', 'net', 'info', 'io', 'uk', 'co', 'gov', 'edu', 'it', 'es', 'ch', 'at', 'brussels', 'vlaanderen', 'gent']);
/** An at sign starting a word, then a name with dots (`@jan.peeters`, `@m.dubois_`): a handle unless it ends as a web address does. */
const DOTTED_HANDLE = /(?<![\p{L}\p{N}._%+-])[@＠]([A-Za-z0-9_]{1,30}(?:\.[A-Za-z0-9_]{1,30}){1,3})(?![@\p{L}\p{N}])/u;

function dottedHandleIn(text: string): boolean {
  const handle = DOTTED_HANDLE.exec(text)?.[1];
  return handle !== undefined && !COMMON_DOMAIN_ENDINGS.has((handle.split('.').at(-1) ?? '').toLowerCase());
}

/**
 * A place to within a few metres written in degrees and minutes (`51°03′15″N`, `N 51° 03.258 E 003° 43.043`) or after
 * the words for it (`lat 51.0543 lon 3.7174`) (adversarial run r25b, F2).
 */
const COORDINATES_OTHERWISE = /-?\d{1,3}[.,]\d{3,}\s?°?\s?[NSZ](?![\p{L}])\s*[,;/]?\s*-?\d{1,3}[.,]\d{3,}\s?°?\s?[EOW](?![\p{L}])|\d{1,3}\s?°\s?\d{1,2}(?:[.,]\d+)?\s?['′]|\d{1,3}\s?°\s?\d{1,2}[.,]\d{2,}|(?<![\p{L}])(?:lat|latitude|lon|lng|long|longitude|breedte|lengte)\s{0,3}[:=]?\s{0,3}-?\d{1,3}[.,]\d{3,}/iu;
/**
 * A place with its N/S and E/W letters before its numbers (`N51.05431 E3.71742`, `N 51.05431, E 3.71742`: adversarial
 * run r29, item 7): three decimals or more, so a road's number (`N60`, `E40`) is none.
 */
const COORDINATES_LETTER_FIRST = /(?<![\p{L}])[NSZ]\s?-?\d{1,2}[.,]\d{3,}\s{0,3}[,;/]?\s{0,3}[EOW]\s?-?\d{1,3}[.,]\d{3,}/iu;
/**
 * An Open Location Code, a plus code (`9F47+3Q`, `9F47+3Q Gent`: adversarial run r29, item 7): four to eight of its
 * characters with a digit among them, `+`, two or three more.
 */
const PLUS_CODE = /(?<![\w+])(?=[23456789CFGHJMPQRVWX]{0,7}\d)[23456789CFGHJMPQRVWX]{4,8}\+[23456789CFGHJMPQRVWX]{2,3}(?![\w+])/;
/**
 * Four numbers joined by `-`, `_`, a space or a dot between spaces, or after `ip` (`ip-192-168-1-20`, `192_168_1_20`,
 * `192 168 1 1`, `192 . 168 . 1 . 1`: adversarial run r28, item 6), or by commas (`192,168,1,1`: adversarial run r33,
 * left item 3); not four numbers of a longer list joined by commas (`100,2,3,4,5`).
 */
const IPV4_OTHERWISE = /(?<![\p{L}\p{N}.]|\p{N},)(ip[\s_:=-]{0,3})?(\d{1,3})([-_ ,]|\s{1,2}\.\s{0,2}|\.\s{1,2})(\d{1,3})\3(\d{1,3})\3(\d{1,3})(?![\p{N}.]|,\p{N})/giu;
/** What a text holds for IPV4_OTHERWISE to find anything: four numbers with a mark between them. */
const IPV4_OTHERWISE_START = /\d{1,3}(?:[-_ ,]|\s{0,2}\.\s{0,2})\d{1,3}(?:[-_ ,]|\s{0,2}\.\s{0,2})\d{1,3}(?:[-_ ,]|\s{0,2}\.\s{0,2})\d/;
/** An IPv4 address in hexadecimal, by its bytes or as one number (`0xC0.0xA8.0x01.0x01`, `0xC0A80101`: adversarial run r28, item 6). */
const IPV4_HEX = /(?<![\w.])0x[0-9a-f]{1,2}(?:\.0x[0-9a-f]{1,2}){3}(?![\w.])|(?<![\w.])0x[0-9a-f]{8}(?![\w.])/i;
/** Groups of hexadecimal digits joined by `:` or `::` with spaces around them (`2001 : db8 :: 1`): perhaps an IPv6 address. */
const IPV6_SPACED = /(?<![\w:])[0-9a-f]{1,4}(?:\s{0,2}:{1,2}\s{0,2}[0-9a-f]{1,4}){2,7}(?![\w:])/gi;

/**
 * An IPv6 address written with spaces around its colons (adversarial run r28, item 6): without them, an address with
 * `::` (IPV6_SHORT) or eight groups, one of three digits or more; a ratio (`1 : 2 : 3`) or a time (`12 : 30`) is none.
 */
function spacedIpv6(text: string): boolean {
  if (!/\s:|:\s/.test(text)) return false;
  for (const [spaced] of text.matchAll(IPV6_SPACED)) {
    const address = spaced.replace(/\s/g, '');
    const groups = address.split(/:+/);
    if (!groups.some((group) => group.length >= 3)) continue;
    if (groups.length === 8 || (address.includes('::') && looksLikeShortIpv6(address))) return true;
  }
  return false;
}

/**
 * An IPv4 address written with other separators (adversarial run r25, F1): each number up to 255, and after `ip`,
 * or with one number of three digits from 100 (a plain `1-2-3-4` counts nothing). With commas the same (adversarial
 * run r33, left item 3): a list of small numbers (`1,2,3,4`, `18,25,35,45` as a monitor's label) counts nothing, so
 * `10,0,0,1` alone does not either (after `ip` it does); a number written in thousands (`100,000,000,000`), its groups
 * after the first of three digits each, is none.
 */
function ipv4Otherwise(text: string): boolean {
  if (!IPV4_OTHERWISE_START.test(text)) return false;
  for (const match of text.matchAll(IPV4_OTHERWISE)) {
    const parts = [match[2], match[4], match[5], match[6]].map(Number);
    if (parts.some((part) => part > 255)) continue;
    if (match[3] === ',' && [match[4], match[5], match[6]].every((group) => group.length === 3)) continue;
    if (match[1] !== undefined || parts.some((part) => part >= 100)) return true;
  }
  return false;
}

/** A network card's address written in Cisco's three groups (`001A.2B3C.4D5E`) or as twelve hexadecimal digits (`001A2B3C4D5E`). */
const MAC_OTHERWISE = /(?<![\w.])[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}(?![\w.])|(?<![0-9a-z])(?=[0-9a-f]{0,11}\d)(?=[0-9a-f]{0,11}[a-f])[0-9a-f]{12}(?![0-9a-z])/i;
/**
 * A date of birth after a word or sign for birth (`geb. 30/07/1985`, `°30-07-1985`, `Geboren op 30 juli 1985`,
 * `née le 30 juillet 1985`, `born 30 July 1985`) (adversarial run r25b, F4), the year first too (`born 1985-07-30`:
 * adversarial run r31, B7; a district's cell refused it as a date among words, a goal's title did not).
 */
const BIRTH_DATE =
  /(?:(?<![\p{L}])(?:geb|geboren(?:\s+op)?|née?(?:\s+le)?|born(?:\s+on)?|dob|geb\.\s*datum)\.?\s{0,3}:?\s{0,3}|°\s{0,2}|\*\s{0,2})(?:\d{1,2}[-/. ]\s?(?:\d{1,2}|\p{L}{3,10}\.?)[-/. ]\s?\d{2,4}|(?:19|20)\d{2}([-/.])\d{1,2}\1\d{1,2})(?!\d)/iu;
/** An e-mail address with its at sign spelt (`jan at telenet.be`), its name quoted (`"jan"@telenet.be`) or its sign in brackets (`jan[@]telenet.be`). */
const EMAIL_DISGUISED =
  /[\p{L}\p{N}._-]\s{0,3}[([{<]\s{0,3}(?:a|at|@)\s{0,3}[)\]}>]\s{0,3}[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,4}\.\p{L}{2,6}(?![\p{L}\p{N}])|(?<![\p{L}\p{N}._-])[\p{L}\p{N}]{1,64}[._][\p{L}\p{N}._-]{0,64}\s{1,3}(?:chez|bij|at|a)\s{1,3}[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,4}\.\p{L}{2,6}(?![\p{L}\p{N}.])|(?<![\p{L}\p{N}.])[\p{L}\p{N}.]{1,64}[_-]at[_-][\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,4}\.\p{L}{2,6}(?![\p{L}\p{N}.])|[)"\]>]\s{0,3}[@＠﹫]\s{0,3}[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,4}\.\p{L}{2,6}(?![\p{L}\p{N}])|[\p{L}\p{N}._-]\s{1,3}at\s{1,3}[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,4}\.\p{L}{2,6}(?![\p{L}\p{N}.])|"[^"\s]{1,64}"\s?[@＠]\s?[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,4}\.\p{L}{2,6}|[\p{L}\p{N}._-]\s?[[({]\s?[@＠]\s?[\])}]\s?[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,4}\.\p{L}{2,6}/iu;
const IPV6 = /(?:[0-9a-f]{0,4}:){3,7}[0-9a-f]{0,4}/i;
/** A short IPv6 address (`fe80::1`, `::1`), or any with a zone after it (`fe80::1%eth0`): groups around `::`. */
const IPV6_SHORT = /(?<![\w:.])(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?(?:%[\w.-]{1,32})?(?![\w:.%])/i;
/**
 * A Belgian national register number as written (`85.07.30-033.61`), its groups of 2, 2, 2, 3 and 2 digits joined
 * by dots, hyphens or nothing in any mix (`85.07.30.033.61`, `85-07-30-033-61`, `850730.033.61`), judged with
 * the spaces within it removed (`85 07 30 033 61`), not those that part it from a word (`85.07.30.033.61 Gent`).
 */
const NATIONAL_NUMBER = /(?<![\p{L}\p{N}])\d{2}[.-]?\d{2}[.-]?\d{2}[.-]?\d{3}[.-]?\d{2}(?![\p{L}\p{N}])/u;
/** Spaces between digits, dots and hyphens: within a number as written in groups. */
const SPACE_IN_NUMBER = /(?<=[\d.-])\s+(?=[\d.-])/g;
/** An IBAN, grouped or not: BE68 5390 0754 7034 (a country, two check digits, 11 to 30 letters and digits). */
const IBAN = /(?<![\p{L}\p{N}])[a-z]{2}\d{2}(?: ?[a-z0-9]){11,30}(?![\p{L}\p{N}])/iu;
/**
 * An IBAN written in groups of four, the country apart or not and the groups joined by spaces, hyphens or dots
 * (`BE 68 5390 0754 7034`, `BE68-5390-0754-7034`): the country, two check digits and three to eight groups.
 */
const IBAN_GROUPED = /(?<![\p{L}\p{N}])[a-z]{2}[ .-]?\d{2}(?:[ .-][a-z0-9]{4}){3,7}(?:[ .-][a-z0-9]{1,3})?(?![\p{L}\p{N}])/iu;
/**
 * An IBAN in groups joined by slashes or underscores (`BE71/0961/2345/6769`, `BE71_0961_2345_6769`,
 * `NL91_ABNA_0417_1643_00`): one joiner throughout, the groups after the first all digits, so codes joined the same
 * way (`ab12_ab12_ab12_ab12`, `wk12_bu34_...`) are not taken for one.
 */
const IBAN_JOINED = /(?<![\p{L}\p{N}])[a-z]{2}\d{2}([/_])[a-z0-9]{4}(?:\1\d{4}){2,6}(?:\1[a-z0-9]{1,4})?(?![\p{L}\p{N}])/iu;
/**
 * A JSON web token (`eyJ...` `.eyJ...`) or an access token by its known prefix (GitHub, Slack, OpenAI, AWS). A
 * start only where no token character precedes, so the runs scanned never overlap.
 */
const TOKEN = /(?<![\w-])(?:eyJ[\w-]*\.eyJ|(?:gh[pousr]_|github_pat_|glpat-|xox[abposr]-|sk-|hf_)[\w-]{8}|AKIA[0-9A-Z]{16}|AIza[\w-]{20}|SG\.[\w-]{8,}\.[\w-]{8})/;
/**
 * A private key's or a password's hash as stored (adversarial run r29, item 3): a PEM header of any key
 * (`-----BEGIN PRIVATE KEY-----`, `-----BEGIN RSA PRIVATE KEY-----`), a bcrypt hash (`$2y$10$` and its 22 characters of salt).
 */
const KEY_OR_HASH = /-{5}BEGIN [A-Z0-9 ]{0,40}KEY(?: BLOCK)?-{5}|(?<![\w$])\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{22}/;
/** Anything after `Bearer` that may be a token (`Bearer abc.def.ghi`): the word names what follows as one (adversarial run r27, F3). */
const BEARER = /(?<![\p{L}\p{N}])bearer\s{1,3}[\w.~+/=-]{5,512}/iu;
/** A post office box and its number (`Postbus 123`, `BP 123`, `Boîte postale 12`, `PO Box 12`): an address. */
const POST_BOX = /(?<![\p{L}\p{N}])(?:postbus|pb|bp|bo[iî]te postale|postfach|p\.?\s?o\.?\s?box)\s{0,3}\d{1,6}(?![\p{N}])/iu;
/** A PIN code after its name (`pin 1234`, `pincode: 123456`). */
const PIN = /(?<![\p{L}\p{N}])pin(?:code)?\s{0,3}[:=]?\s{0,3}\d{4,8}(?![\p{N}])/iu;
/**
 * A credential after the word that introduces it (`Bearer abc...`, `token abc...`, `Basic dXNlcjpw...`): 16 characters
 * or more of a token's alphabet with a letter and a digit among them. From a literal, within a bounded length.
 */
const INTRODUCED_TOKEN = /(?<![\p{L}\p{N}])(?:bearer|token|basic)[\s:=]{1,3}(?=[\w.~+/=-]{0,512}\d)(?=[\w.~+/=-]{0,512}[a-z])[\w.~+/=-]{10,512}/iu;
/** A UUID (`550e8400-e29b-41d4-a716-446655440000`): an id made for one record, a respondent's or a session's. */
const UUID = /(?<![\p{L}\p{N}-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\p{L}\p{N}-])/iu;
/** A word of 10 to 64 letters and digits, the candidates for a random token in mixed case (bounded: linear in the cell). */
const MIXED_CASE_WORD = /(?<![\w-])[A-Za-z0-9]{10,64}(?![\w-])/g;
/**
 * Camel case as people write it: a word in lower case or a code of capitals and digits ending in a digit first
 * (`unsafe`, `G01Q01`, `65`), then words of one capital and lower-case letters with a vowel among them, or a short
 * word of a capital vowel (`Of`, `En`), digits after a word allowed (`G01Q01Time`, `unsafeFreqPerYear`,
 * `WijkNoordOostZuid`, `65JaarOfOuder`, `k0Tot15Jaar`), and a word in lower case last.
 */
const READABLE_CAMEL_CASE = /^(?:[a-z]*\d*|[A-Z0-9]*\d)(?:(?:[A-Z][a-z]*[aeiouy][a-z]*|[AEIOU][a-z]{1,2})\d*)*(?:[a-z]*[aeiouy][a-z]*)?$/;

/**
 * A random token in mixed case, LimeSurvey's access tokens with or without digits (`omlvOtHlxZh5Zk5`,
 * `EnUGtFRDFdwqQFL`, `zPcdusJvhlHxOjz`, `lydyahoudiZnYtc`): one word of 10 letters and digits or more, capitals and
 * lower case among them, whose kind of character (upper case, lower case, digit) changes three times or more, not
 * camel case as people write it (READABLE_CAMEL_CASE). `McDonald`, `DeSmet`, `IJzendijke`, `BU03630205` change less.
 */
function looksLikeMixedCaseToken(text: string): boolean {
  for (const [word] of text.matchAll(MIXED_CASE_WORD)) {
    if (!/[a-z]/.test(word) || !/[A-Z]/.test(word) || READABLE_CAMEL_CASE.test(word)) continue;
    if ((word.match(/[a-z](?=[A-Z\d])|[A-Z](?=[a-z\d])|\d(?=[A-Za-z])/g)?.length ?? 0) >= 3) return true;
  }
  return false;
}
/**
 * A web address of any scheme with a host (`https://x.example/r?id=jan`, `ftp://x.be`): it may carry a person's
 * id or name in its host, path or query; a `mailto:` address names its person. A local file's address (`file:///etc`) names no one.
 */
const URL_TEXT = /\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s/]|(?<![\w.@])www\.[a-z0-9-]+\.[a-z]|\bmailto:\S/i;
/** A web address without its scheme, with a path (`x.be/pad`, `gent.be/jan`): a host in lower case, a top-level domain, a slash. */
const HOST_AND_PATH = /(?<![\w.@/-])[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,4}\.[a-z]{2,6}\/(?!\/)/;
/**
 * A web address without its scheme or path (`x.be`, `jan-peeters.com`, `www.example.com`): host names and a top-level
 * domain of COMMON_DOMAIN_ENDINGS (adversarial run r31, B7). `www.gent.be` was refused in a goal's title and `x.be` as a
 * district, `x.be` in a goal's title was not: the same address either way.
 */
const BARE_HOST = /(?<![\p{L}\p{N}.@/_-])(\p{L}[\p{L}\p{N}-]{0,62})(?:\.[\p{L}\p{N}-]{1,63}){0,3}\.(\p{L}{2,11})(?![\p{L}\p{N}@_-]|\.[\p{L}\p{N}])/gu;

/** A web address without its scheme (BARE_HOST), not a saint's or a street's abbreviation before a name (`St.Gillis`). */
function bareHostIn(text: string): boolean {
  if (!text.includes('.')) return false;
  for (const match of text.matchAll(BARE_HOST)) {
    if (COMMON_DOMAIN_ENDINGS.has(match[2].toLowerCase()) && !PLACE_ABBREVIATIONS.has(foldedWord(match[1]))) return true;
  }
  return false;
}
/** One word of 12 to 64 letters, digits, `_` and `-`, the candidates for a random token (bounded: linear in the cell). */
const TOKEN_WORD = /(?<![\w-])[\w-]{12,64}(?![\w-])/g;
/**
 * A vehicle's number plate: Belgian `1-ABC-123`, or a Dutch sidecode (`AB-123-C`, `1-AB-123`, `12-AB-34`): three
 * groups of capitals or digits joined by hyphens, six or seven in all, with both letters and digits.
 */
const PLATE = /(?<![\w-])(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})(?![\w-])/g;
/**
 * A Belgian plate since 2010, a digit, three letters and three digits, written together, with hyphens or dots
 * (any case: `1ABC123`, `1-abc-123`, `1.ABC.123`) or with spaces (capitals: `1 ABC 123`, not `1 per 100`).
 */
const BELGIAN_PLATE = /(?<![\p{L}\p{N}.-])[1-9]([.-]?)[a-z]{3}\1\d{3}(?![\p{L}\p{N}]|[.-]\p{N})/iu;
const BELGIAN_PLATE_SPACED = /(?<![\p{L}\p{N}.-])[1-9] [A-Z]{3} \d{3}(?![\p{L}\p{N}]|[.-]\p{N})/u;
/**
 * The Dutch side codes 1 to 14 (`XX-99-99` ... `999-XX-9`, letters L, digits D), the French `AB-123-CD` and the old
 * Belgian `ABC-123`, in any case (`ab-12-cd`, `12-abc-3`, `xy-123-z`): the groups joined by hyphens, as on the
 * plate, nothing but hyphens and other letters or digits around them. Fixed lengths, so linear in the cell.
 */
const PLATE_SHAPES = [
  'LL-DD-DD', 'DD-DD-LL', 'DD-LL-DD', 'LL-DD-LL', 'LL-LL-DD', 'DD-LL-LL', 'DD-LLL-D', 'D-LLL-DD', 'LL-DDD-L', 'L-DDD-LL',
  'LLL-DD-L', 'L-DD-LLL', 'D-LL-DDD', 'DDD-LL-D', 'LL-DDD-LL', 'LLL-DDD',
];
const PLATE_ANY_CASE = new RegExp(`(?<![\\w-])(?:${PLATE_SHAPES.map((shape) => shape.replace(/L/g, '[a-z]').replace(/D/g, '\\d')).join('|')})(?![\\w-])`, 'i');
/**
 * A plate written with a space, the whole cell: the Belgian `1 abc 123` and the German `B-AB 1234` (a district of
 * one to three letters, a hyphen, one or two letters, a space, up to four digits, `E` or `H` after them) in any
 * case; the old Belgian `ABC 123` and the German `B AB 1234` in capitals. The whole cell only, and three letters
 * and three digits only in capitals: within a text or in lower case (`Top 100 problemen`, `per 100`) they are words.
 */
// not a year after a party's letters (`N-VA 2024`: adversarial run r32)
const PLATE_WHOLE = /^(?:[1-9] [a-z]{3} \d{3}|[a-zäöü]{1,3}-[a-z]{1,2} (?!(?:19|20)\d{2}$)\d{1,4}[eh]?)$/i;
const PLATE_WHOLE_CAPITALS = /^(?:[A-Z]{3} \d{3}|[A-ZÄÖÜ]{1,3} [A-Z]{1,2} \d{1,4}[EH]?)$/;
/**
 * A German plate in capitals among other words (`Auto M-AB 1234`: adversarial run r31, B7; as a whole text PLATE_WHOLE
 * finds it): its district's letters, a hyphen, one or two letters, a number. Not a year after letters (`N-VA 2024`).
 */
const GERMAN_PLATE_AMONG_WORDS = /(?<![\p{L}\p{N}-])[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} (?!(?:19|20)\d{2}(?![\p{N}]))\d{1,4}[EH]?(?![\p{L}\p{N}])/u;
/**
 * The old Belgian plate the other way round and a diplomatic one, in capitals (`123-ABC`, `CD-123`: adversarial run
 * r28, item 6); in small letters they are words (`een 100-tal`).
 */
const PLATE_OTHER = /(?<![\w-])(?:\d{3}-[A-Z]{3}|CD-\d{3})(?![\w-])/;
/**
 * Plates of other shapes, in capitals (adversarial run r29, item 7): two, three letters and three digits (`TX-ABC-123`),
 * the old French (`123 ABC 75`: three or four digits, two or three letters, a department) and the British (`AB12 CDE`).
 */
const PLATE_MORE = /(?<![\w-])(?:[A-Z]{2}-[A-Z]{3}-\d{3}|\d{3,4}[ -][A-Z]{2,3}[ -](?:\d{2}|2[AB])|[A-Z]{2}\d{2} ?[A-Z]{3})(?![\w-])/;
/**
 * Plates written without their hyphens or with spaces (adversarial run r32, B3): the Dutch side codes of three groups
 * whose letters and digits alternate (`12ABC3`, `AB123C`, `1AB123`), the French `AB123CD` (`AB 123 CD` in capitals),
 * the old Belgian `ABC123`, the German `B-AB1234` and `HH-AB-1234`. A side code of two groups joined (`AB1234`,
 * `1234AB`) is left out: it is a CBS municipality's code (`GM0363`) or a Dutch postcode. `ABC123`, three letters and
 * three digits, may be a district's code, rarely: it is refused all in capitals or all in small letters (as written
 * on a plate or typed), not in mixed case (`Top100`). Not a year after a German district's letters (`N-VA2024`).
 */
const JOINED_PLATE_SHAPES = ['DDLLDD', 'LLDDLL', 'DDLLLD', 'DLLLDD', 'LLDDDL', 'LDDDLL', 'LLLDDL', 'LDDLLL', 'DLLDDD', 'DDDLLD', 'LLDDDLL'];
// in one case, as a plate is written or typed: a joined code in mixed case (`QS84Pw`, `uDy71k`) is a random name, the
// suffix of a temporary folder (mkdtemp), never a plate (found as tests failed by their folder's random name)
const joinedShapes = (letter: string) => JOINED_PLATE_SHAPES.map((shape) => shape.replace(/L/g, letter).replace(/D/g, '\\d')).join('|');
const PLATE_JOINED = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${joinedShapes('[A-Z]')}|${joinedShapes('[a-z]')})(?![\\p{L}\\p{N}]|-\\p{N})`, 'u');
const PLATE_SPACED_OR_GERMAN =
  /(?<![\p{L}\p{N}-])(?:[A-Z]{2} \d{3} [A-Z]{2}|[A-Z]{3}\d{3}|[a-z]{3}\d{3}|[A-ZÄÖÜ]{1,3}-[A-Z]{1,2}-\d{1,4}[EH]?|[A-ZÄÖÜ]{1,3}-[A-Z]{1,2}(?!(?:19|20)\d{2}(?!\p{N}))\d{1,4}[EH]?)(?![\p{L}\p{N}]|-\p{N})/u;
/**
 * Plates written with spaces among other words (adversarial run r33, left item 1: `Noord ABC 123`, `AB 12 CD`, `12 ABC 3`):
 * the old Belgian three letters and three digits and the Dutch side codes of three groups whose letters and digits
 * alternate, each group a word of its own in capitals, as on the plate. PLATE_WHOLE_CAPITALS took `ABC 123` as the whole
 * text only; among words a group of capitals beside a number of a plate's length is that plate all the same. Words in
 * mixed or small case (`Top 100 problemen`), a road's number glued to its letter (`E40`, `R4 Zuid`), a party's letters
 * joined by a hyphen (`N-VA 2024`) and two groups (`Zone A 12`, `Fase 2 B`) are none.
 */
const SPACED_PLATE_SHAPES = ['LLL DDD', 'LL DD LL', 'DD LL DD', 'DD LLL D', 'D LLL DD', 'LL DDD L', 'L DDD LL', 'LLL DD L', 'L DD LLL', 'D LL DDD', 'DDD LL D'];
const PLATE_SPACED_AMONG_WORDS = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?:${SPACED_PLATE_SHAPES.map((shape) => shape.replace(/L/g, '[A-Z]').replace(/D/g, '\\d')).join('|')})(?![\\p{L}\\p{N}]|[-.,]\\p{N})`,
  'u',
);
/** The plate patterns that match a whole text, for a file name's plate withheld whole (`storedName`), not in part. */
const WHOLE_PLATES = [PLATE, BELGIAN_PLATE, BELGIAN_PLATE_SPACED, PLATE_ANY_CASE, PLATE_WHOLE, PLATE_WHOLE_CAPITALS, PLATE_OTHER, PLATE_MORE, PLATE_JOINED, PLATE_SPACED_OR_GERMAN, PLATE_SPACED_AMONG_WORDS].map(
  (pattern) => new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace('g', '')),
);

/** True for a text that is a number plate as a whole (`1-ABC-123`, `1 abc 123`), not one with more around it. */
function wholePlate(text: string): boolean {
  const plain = plainCharacters(text);
  return WHOLE_PLATES.some((pattern) => pattern.test(plain)) && identifierIn(plain);
}

/**
 * A part written in camel case: capitalised words with digits after them, the first word possibly in lower case
 * (`65JaarOfOuder`, `k0Tot15Jaar`, `unsafeFreq2023`): how people name columns, not how tokens look. Each segment
 * starts at a capital, so the pattern is unambiguous (no backtracking).
 */
const CAMEL_CASE = /^\d*(?:[a-z]+\d*)?(?:[A-Z][a-z]+\d*)*$/;

/**
 * True for a word that reads as a random token (LimeSurvey's access tokens `LCNPyrty5w2hJQG`, session ids): a
 * part of it between `_` and `-` of 12 characters or more that mixes digits with letters of both cases, changes
 * between upper case, lower case and digits at least five times and is not camel case; or 16 hexadecimal digits
 * or more, letters and digits changing at least six times. Words, codes and ids as people write them
 * (`G01Q01SQ001`, `respondent_id`, `WK036300`, CBS's `k_65JaarOfOuder_12`) are neither.
 */
function looksLikeRandomToken(text: string): boolean {
  for (const [word] of text.matchAll(TOKEN_WORD)) {
    for (const part of word.split(/[_-]/)) {
      if (part.length < 12) continue;
      let upper = 0;
      let lower = 0;
      let digits = 0;
      let changes = 0;
      let previous = '';
      for (const character of part) {
        const kind = character >= '0' && character <= '9' ? 'd' : character >= 'A' && character <= 'Z' ? 'u' : 'l';
        if (kind === 'd') digits++;
        else if (kind === 'u') upper++;
        else lower++;
        if (previous !== '' && kind !== previous) changes++;
        previous = kind;
      }
      if (digits > 0 && upper > 0 && lower > 0 && changes >= 5 && !CAMEL_CASE.test(part)) return true;
      if (digits > 0 && part.length >= 16 && /^[0-9a-f]+$/i.test(part) && upper + lower > 0 && changes >= 6) return true;
      if (upper === 0 && digits > 0 && looksLikeLowerCaseToken(part)) return true;
    }
  }
  return false;
}

/** Vowels, folded: a word people write has about one letter in three of them, a random token one in five. */
const VOWELS = /[aeiou]/g;
/** The consonants in a row (`y` among them): a word people write has at most a few, a random token more. */
const CONSONANT_RUN = /[b-df-hj-np-tv-z]{4,}/;

/**
 * A token in lower case (a LimeSurvey token lowered, `lcnpyrty5w2hjqg`): letters and digits, at least eight
 * letters, a digit between letters, one letter in five or fewer a vowel and four consonants in a row. Codes people
 * write (`monitoring2026`, `g01q01sq001comment`, `wijk12buurt3`) have more vowels or shorter runs of consonants.
 */
function looksLikeLowerCaseToken(part: string): boolean {
  if (!/^[a-z0-9]+$/.test(part) || !/[a-z]\d+[a-z]/.test(part)) return false;
  const letters = part.replace(/\d/g, '');
  if (letters.length < 8) return false;
  return (letters.match(VOWELS)?.length ?? 0) * 5 <= letters.length && CONSONANT_RUN.test(part);
}

/** A short IPv6 address (IPV6_SHORT) with a group of hexadecimal digits on at least one side of its `::`. */
function looksLikeShortIpv6(text: string): boolean {
  const match = IPV6_SHORT.exec(text)?.[0];
  return match !== undefined && match.replace(/%.*$/, '') !== '::';
}

/** An IBAN in groups (IBAN_GROUPED, IBAN_JOINED) with ten digits or more, as every country's account number has: not words. */
function looksLikeGroupedIban(text: string): boolean {
  return [IBAN_GROUPED, IBAN_JOINED].some((pattern) => {
    const match = pattern.exec(text)?.[0];
    return match !== undefined && (match.match(/\d/g)?.length ?? 0) >= 10;
  });
}

/** True for a number plate (PLATE) with six or seven letters and digits, both kinds among them. */
function looksLikePlate(text: string): boolean {
  for (const [plate] of text.matchAll(PLATE)) {
    const characters = plate.replace(/-/g, '');
    if ((characters.length === 6 || characters.length === 7) && /\d/.test(characters) && /[A-Z]/.test(characters)) return true;
  }
  return false;
}

/**
 * A phone number: + or 0 first, then 9 to 15 digits with spaces, dashes, dots, slashes, underscores or brackets; not a
 * decimal number.
 */
function looksLikePhone(text: string): boolean {
  // (an underscore between groups too, as a code joins them: `0470_12_34_56`, adversarial run r29, item 5)
  if (!/^\(?(?:\+|0)[\d\s\-./()_]+$/.test(text) || /^0[.,]\d+$/.test(text)) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 9 && digits <= 15;
}

/**
 * Digits written with any single mark between them (`85,07,30,033,28`, `85_07_30_033_28`, `592-1234567-89`), glued to
 * letters or not (`RRN85073003328`, `85073003328Noord`): a number an identifier's check digits can be tried on.
 */
const DIGIT_RUN = /\d(?:[\s.,_/:-]?\d){8,30}/g;
/** Nine digits marked so: what a text must hold for DIGIT_RUN to find anything. */
const NINE_DIGITS = /\d(?:[\s.,_/:-]?\d){8}/;

/** The remainder of a number written in decimal digits (of any length) divided by 97. */
function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i++) remainder = (remainder * 10 + digits.charCodeAt(i) - 48) % 97;
  return remainder;
}

/** A Belgian national number's check: 97 minus its first nine digits modulo 97 (with a 2 before them for births from 2000). */
function nationalNumberChecks(digits: string): boolean {
  const check = Number(digits.slice(9));
  return 97 - mod97(digits.slice(0, 9)) === check || 97 - mod97(`2${digits.slice(0, 9)}`) === check;
}

/** A Dutch citizen service number (BSN): nine digits passing the eleven test (weights 9 to 2, the last -1). */
function bsnChecks(digits: string): boolean {
  let sum = -Number(digits[8]);
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  return sum > 0 && sum % 11 === 0;
}

/** A Belgian identity card's or old bank account's number: twelve digits, the last two the first ten modulo 97 (97 for 0). */
function twelveDigitChecks(digits: string): boolean {
  return (mod97(digits.slice(0, 10)) || 97) === Number(digits.slice(10));
}

/** A French social security number (NIR): fifteen digits, a sex digit first, the key 97 minus the first thirteen modulo 97. */
function nirChecks(digits: string): boolean {
  return /^[1278]/.test(digits) && 97 - mod97(digits.slice(0, 13)) === Number(digits.slice(13));
}

/** A payment card's number: 13 to 19 digits passing the Luhn check. */
function luhnChecks(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0 && !/^(\d)\1+$/.test(digits);
}

/**
 * Digits that an identifier's own check confirms (adversarial run r24b, A and B): a Belgian national number, a Dutch
 * BSN, a Belgian identity card or bank account, a French NIR or a payment card, however its groups are marked and
 * glued to letters or not (`RRN85073003328`, `85,07,30,033,28`, `BSN 111222333`, `4111 1111 1111 1111`). Each run of
 * consecutive groups in a run of digits is tried, so a number beside another (`Wijk 12 85073003328`) is found too.
 * A BSN's nine digits are taken only when grouped alike (`123.456.782`, not an amount `1.234.567,82`).
 */
function checkedNumberIn(text: string): boolean {
  // most texts hold no nine digits: they are never searched run by run (matchAll copies its pattern each call)
  if (!NINE_DIGITS.test(text)) return false;
  for (const [run] of text.matchAll(DIGIT_RUN)) {
    const groups = run.split(/[\s.,_/:-]/);
    const marks = run.replace(/\d/g, '');
    for (let from = 0; from < groups.length; from++) {
      let digits = '';
      for (let to = from; to < groups.length && digits.length < 19; to++) {
        digits += groups[to];
        const length = digits.length;
        if (length === 11 && nationalNumberChecks(digits)) return true;
        if (length === 9 && new Set(marks).size <= 1 && !marks.includes(',') && bsnChecks(digits)) return true;
        if (length === 12 && twelveDigitChecks(digits)) return true;
        if (length === 15 && nirChecks(digits)) return true;
        if (length >= 13 && luhnChecks(digits)) return true;
      }
    }
  }
  return false;
}

/** How long an IBAN is in the countries a zone's residents bank in most, by its country code. */
const IBAN_LENGTHS: Record<string, number> = {
  BE: 16, NL: 18, LU: 20, FR: 27, DE: 22, GB: 22, IE: 22, ES: 24, IT: 27, PT: 25, AT: 20, CH: 21, PL: 28, RO: 24, BG: 22, TR: 26, MA: 28, DK: 18, SE: 24,
  NO: 15, FI: 18, CZ: 24, SK: 24, HU: 28, GR: 27, HR: 21, SI: 19, LT: 20, LV: 21, EE: 20, MT: 31, CY: 28, IS: 26, LI: 21, MC: 27,
};
/** Two letters, two digits and the rest of an account, its groups marked any way, glued to letters or not (`IBANBE71096123456769`). */
const IBAN_CANDIDATE = /[a-z]{2}[\s.-]?\d{2}(?:[\s./_-]?[a-z0-9]){11,31}/gi;
/** What an IBAN starts with: a text without it is never searched candidate by candidate. */
const IBAN_START = /[a-z]{2}[\s.-]?\d{2}/i;

/** An IBAN's characters (no marks, in capitals) that start with one whose check digits are right (ISO 13616: the account, then the country and check, modulo 97 is 1). */
function startsWithIban(plain: string): boolean {
  const length = IBAN_LENGTHS[plain.slice(0, 2)];
  if (length === undefined || plain.length < length) return false;
  const iban = plain.slice(0, length);
  const moved = iban.slice(4) + iban.slice(0, 4);
  return mod97(moved.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55))) === 1;
}

/** An IBAN whose check digits are right, however it is written and glued to letters or not (`IBANBE71096123456769`, `BE71096-1234567-69`). */
function checkedIbanIn(text: string): boolean {
  if (text.length < 15 || !IBAN_START.test(text)) return false;
  for (const [candidate] of text.matchAll(IBAN_CANDIDATE)) if (startsWithIban(candidate.replace(/[\s./_-]/g, '').toUpperCase())) return true;
  return false;
}

/** An IBAN with right check digits as the whole text (a file name's pieces: `BE68 5390 0754 7034`), its groups marked any way. */
function wholeCheckedIban(text: string): boolean {
  const plain = text.replace(/[\s./_-]/g, '').toUpperCase();
  return IBAN_LENGTHS[plain.slice(0, 2)] === plain.length && startsWithIban(plain);
}

/**
 * A Belgian number plate glued to letters or with other marks between its parts (adversarial run r24b, A):
 * `Plaat1-ABC-123`, `1-ABC-123Noord`, `1ABC 123`, `1/ABC/123`, `1_ABC_123`, `1:ABC:123`; in small letters only with a
 * mark other than a space (`1/abc/123`).
 */
const PLATE_GLUED = /(?<!\d)[1-9](?:[-. /_:][A-Z]{3}[-. /_:]?|[A-Z]{3}[-. /_:])\d{3}(?!\d)|(?<!\d)[1-9][-./_:][a-z]{3}[-./_:]\d{3}(?!\d)/;

/** An at sign that starts a word (not after a letter, a digit or an e-mail address's marks), where a handle begins. */
const HANDLE_AT = /(?<![\p{L}\p{N}._%+-])[@＠]/u;
/** A spreadsheet function's name in capitals and its bracket (`SUM(`, `IF(`), after HANDLE_AT. */
const FUNCTION_CALL = '[A-Z][A-Z0-9]{1,29}\\(';

/**
 * A social network's handle (`@janpeeters`, `Twitter @Jan_Peeters`): an at sign starting a word, then its name
 * (`@example.com` is a domain). A spreadsheet's function called with `@` (`@SUM(A1)`, `@IF(`: a name in capitals and
 * its bracket) is no one's handle, as `=SUM(A1)` is not (adversarial run r35, minor 14).
 */
const HANDLE = new RegExp(`${HANDLE_AT.source}(?!${FUNCTION_CALL})[A-Za-z0-9_]{2,30}(?![@\\p{L}\\p{N}]|\\.\\p{L})`, 'u');

/** A vehicle identification number: seventeen capitals and digits (no I, O or Q), three of each at least (`WVWZZZ1JZXW000001`). */
const VIN = /(?<![A-Za-z0-9])(?=(?:[A-Z]*\d){3})(?=(?:\d*[A-Z]){3})[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])/;

/**
 * Words that name an identifier written as a code, folded: a code of five characters or more with four digits
 * after one (`Paspoort EH123456`, `eID 592-1234567-89`, `Sécu 185077512345678`, `VIN ...`) or glued to it
 * (`RRN85073003328`, `INSZ85073003328`) is that identifier, whatever its check digits.
 */
const ID_LABELS = [
  'rrn', 'insz', 'inss', 'niss', 'rijksregister', 'rijksregisternummer', 'bsn', 'burgerservicenummer', 'sofinummer', 'ssn', 'nir', 'secu',
  'eid', 'identiteitskaart', 'identiteitskaartnummer', 'kaartnummer', 'paspoort', 'paspoortnummer', 'passport', 'passeport', 'reisepass',
  'rijbewijs', 'rijbewijsnummer', 'permis', 'vin', 'chassisnummer', 'chassis', 'iban', 'rekening', 'rekeningnummer', 'compte', 'klantnummer',
  'creditcard', 'kredietkaart', 'bankkaart',
  // (adversarial run r37, B3) a Belgian identity card's number in French (`carte d'identité 591-1234567-89`)
  "carte d'identite", 'carte identite',
];
/**
 * Words that name a number plate (adversarial run r32, B3: `Kenteken 12ABC3`, `Nummerplaat ab12c`), folded: after one,
 * a code of four to ten letters and digits with both among them is that plate, whatever its shape (a plate of another
 * country, in small letters); an identifier's code (four digits) too.
 */
const PLATE_LABELS = ['kenteken', 'nummerplaat', 'plaque', 'immatriculation', 'kennzeichen', 'license plate', 'licence plate', 'number plate', 'licenseplate'];
/**
 * Words that name a police case or its file (adversarial run r28, item 5: `PV 123456`, `PV-nummer 123456`, `pv nr.
 * GE.12.L3.012345/2024`, `dossier 2024/12345`, `numéro de PV 123456`), folded: a code with four digits after one, apart
 * from it, is that case's number. `Dossier drugs`, `dossier 2` and `PV-installaties: 1234` are not.
 */
const CASE_LABELS = [
  'pv', 'pvnummer', 'proces-verbaal', 'proces-verbal', 'dossier', 'dossiernummer', 'notitienummer', 'zaaknummer', 'parketnummer',
  // (adversarial run r29, item 4) short forms and references: `dossiernr 123456`, `zaaknr 123`, `ref. 2024/12345`, `case 2024-12345`
  'pvnr', 'dossiernr', 'zaaknr', 'notitienr', 'parketnr', 'ref', 'referentie', 'reference', 'kenmerk', 'case', 'affaire', 'aktenzeichen',
  // (adversarial run r33, B2) a complaint, a note, a report, a prosecutor's or a court's roll, a German file (`Az.`), an
  // incident or a ticket and its number (`Aangifte 2024/12345`, `Plainte 2024/12345`, `Melding 12345678`, `Parket
  // 24/123`, `Rolnummer 24/1234/A`, `Az. 12 Js 345/24`, `Incident 2024-00123`, `Ticket 123456`)
  'aangifte', 'plainte', 'notitie', 'melding', 'parket', 'rolnummer', 'rolnr', 'az', 'incident', 'ticket',
  // (adversarial run r37, B3) a complaint's or a report's number (`klachtnr 12345`, `meldingsnummer 12345`, `pv-nr 12345`)
  'klachtnr', 'klachtnummer', 'meldingsnr', 'meldingsnummer', 'pv-nr',
];
/**
 * A Belgian police report's (PV's) number by its shape alone (adversarial run r29, item 4: `GE.55.L7.001234/2024`): two
 * letters, two digits, a letter and a digit, six digits, and the year after a slash or not (a file's name has no
 * slash: `GE.55.L7.001234-2024`). (adversarial run r36, B5) A shorter serial number, or slashes between the parts and
 * no letters first, with the year after it (`GE.55.L7.1234/24`, `55/L7/001234/24`): the letter and digit of the
 * police's office between the numbers, which no span or step has (`2024-25`, `12/2025`). (adversarial run r37, B5) The
 * office written as two letters in the full shape (`GE.12.LB.123456/2024`).
 */
const PV_NUMBER =
  /(?<![\p{L}\p{N}])(?:\p{L}{2}[.-]\d{2}[.-]\p{L}[\p{L}\d][.-]\d{6}(?:[/_-](?:19|20)?\d{2})?|(?:\p{L}{2}[./-])?\d{2}[./-]\p{L}\d[./-]\d{2,6}[/_-](?:19|20)?\d{2})(?![\p{N}])/u;
/**
 * A case's number by its shape alone (adversarial run r33, B2: `Noord 2024/123456`): a year, a slash and five to eight
 * digits, the form of a prosecutor's or a police file's number, which no place's name or a plan's span holds (`2025/26`).
 */
const CASE_NUMBER_OF_YEAR = /(?<![\p{L}\p{N}/.-])(?:19|20)\d{2}\/\d{5,8}(?![\p{N}/])/u;
/**
 * A German file's number after its label (`Az. 12 Js 345/24`: adversarial run r33, B2): a department's number, its
 * register's letters, a number and the year after a slash.
 */
const GERMAN_FILE_NUMBER = /^\d{1,5} \p{L}{1,4} \d{1,6}\/\d{2,4}(?![\p{N}])/u;
/**
 * Words that name a password (adversarial run r28, item 5: `wachtwoord hunter2`, `mdp hunter2`, `mot de passe
 * hunter2`), folded: a word with a digit after one, apart from it, is that password (`Wachtwoord vergeten` is none).
 */
const SECRET_LABELS = [
  'password', 'passwd', 'pwd', 'pw', 'wachtwoord', 'paswoord', 'passwort', 'kennwort', 'mdp', 'mot de passe', 'motdepasse',
  // a secret code (adversarial run r29, item 3: `code secret 1234`, `geheime code 1234`)
  'code secret', 'geheime code', 'geheimcode', 'secret code', 'code confidentiel', 'code personnel', 'persoonlijke code',
  // (adversarial run r37, B3) Dutch short forms and a Flemish spelling (`ww: Zomer2024`, `wachtw Zomer2024`, `passwoord: ...`)
  'ww', 'wachtw', 'passwoord',
  // (adversarial run r38-B, B2) a password in Spanish, Polish, Italian, Portuguese, Turkish, Russian and Ukrainian
  // (`contraseña hunter2`, `hasło: hunter2`, `parola: hunter2`, `şifre hunter2`, `пароль hunter2`; folded) and a SIM
  // card's PUK code (`PUK 12345678`): a word with a digit after one; `parola chiave` and `PUK-code vergeten` are none
  'contrasena', 'haslo', 'parola', 'senha', 'sifre', 'пароль', 'puk', 'pukcode', 'puk code',
];
/**
 * Words that name a login (adversarial run r37, B3: `login jpeeters/Zomer2024`), folded: a user name and a password
 * joined by `/` after one, the password with a digit, is that login (LOGIN_VALUE); `login problemen` is none.
 */
const LOGIN_LABELS = ['login', 'logon', 'inlog', 'inloggegevens', 'aanmelding', 'identifiants', 'zugangsdaten', 'credentials'];
/** A user name, `/` or `:` and a password with a digit, as the first word after a login's label. */
const LOGIN_VALUE = /^[\s:=]{1,6}[\p{L}\p{N}._@-]{2,40}[/:](?=\S{0,64}\d)\S{4,64}/u;
/**
 * Words that name a key or a secret of a program (adversarial run r33, left item 4: `apikey abcd1234efgh5678`, `api key
 * 8f3a...`, `access key ...`, `secret ...`), folded: SECRET names them before `:` or `=` only. Apart from its word, a key
 * is a word of eight characters or more with a letter and a digit (KEY_VALUE): `secret` and `key` are also ordinary
 * words (`Secret shopper actie`, `Secret Santa 2024`, `api key v2`).
 */
const KEY_LABELS = ['apikey', 'api key', 'access key', 'secret', 'secret key', 'client secret', 'private key', 'access token', 'auth token'];
/** A key after its label (KEY_LABELS): its first word, eight characters or more, a letter and a digit among them. */
const KEY_VALUE = /^(?=[^\s]{0,64}\d)(?=[^\s]{0,64}\p{L})\S{8,64}/u;
/** What a label names: an identifier (ID_LABELS), a police case (CASE_LABELS), a password (SECRET_LABELS) or a key (KEY_LABELS). */
type LabelKind = 'identifier' | 'plate' | 'case' | 'secret' | 'key' | 'login';
/** A label as LABEL_KINDS keys it: its words joined (`mot de passe`, `mot_de_passe` -> `motdepasse`). */
function labelKey(label: string): string {
  return label.toLowerCase().replace(/[\s_-]/g, '').replace(/’/g, "'");
}
const LABEL_KINDS: ReadonlyMap<string, LabelKind> = new Map<string, LabelKind>([
  ...ID_LABELS.map((label): [string, LabelKind] => [labelKey(label), 'identifier']),
  ...PLATE_LABELS.map((label): [string, LabelKind] => [labelKey(label), 'plate']),
  ...CASE_LABELS.map((label): [string, LabelKind] => [labelKey(label), 'case']),
  ...SECRET_LABELS.map((label): [string, LabelKind] => [labelKey(label), 'secret']),
  ...KEY_LABELS.map((label): [string, LabelKind] => [labelKey(label), 'key']),
  ...LOGIN_LABELS.map((label): [string, LabelKind] => [labelKey(label), 'login']),
]);
/** Any label of LABEL_KINDS as a word of a folded text, the words of one apart by up to three spaces, `_` or `-` (`mot de passe`). */
const LABEL_WORD = new RegExp(
  `(?<![\\p{L}])(?:${[...ID_LABELS, ...PLATE_LABELS, ...CASE_LABELS, ...SECRET_LABELS, ...KEY_LABELS, ...LOGIN_LABELS]
    .sort((a, b) => b.length - a.length)
    .map((label) => label.replace(/[- ]/g, '[\\s_-]{1,3}').replace(/'/g, "['’]"))
    .join('|')})(?![\\p{L}])`,
  'giu',
);
/** A code after such a label: letters and digits, its groups marked by single dots, slashes, dashes or spaces. */
const LABELLED_CODE = /^\.?[\s:#=-]*(?:(?:nr|no|nummer|number|numero|n°)\.?[\s:#=]*)?([\p{L}\p{N}](?:[\p{L}\p{N}]|[./ -](?=[\p{L}\p{N}])){2,40})/iu;
/** What follows a label apart from it: a space, a colon, `=`, `#` or a hyphen (a label glued to a word is another word: `pv2024`, `Dossiers`). */
const APART = /^\.?[\s:#=-]/;
/** A password after its label: its first word, four characters or more (`hunter2`). */
const SECRET_VALUE = /^[\s:=]{1,6}(\S{4,64})/;

/** A year or a span of years (`2030`, `2025-2030`, `2025/26`): a plan's, no one's code. */
const YEAR_OR_SPAN = /^(?:19|20)\d{2}(?:\s?[-/]\s?(?:19|20)?\d{2})?$/;

/** A code of five characters or more holding four digits, not a year or a span of years (`2025-2030`). */
function identifierCode(code: string): boolean {
  return code.length >= 5 && (code.match(/\d/g)?.length ?? 0) >= 4 && !YEAR_OR_SPAN.test(code);
}

/**
 * A plate's code after its label (PLATE_LABELS): four to ten letters and digits, its separators aside, both among them,
 * no four letters in a row (a plate has at most three: `Plaque tournante 2`, `Kenteken wagen 12` are words).
 */
function plateCode(code: string): boolean {
  const characters = code.replace(/[./ -]/g, '');
  return characters.length >= 4 && characters.length <= 10 && /\d/.test(characters) && /\p{L}/u.test(characters) && !/\p{L}{4}/u.test(characters);
}

/**
 * A case's number after its label (CASE_LABELS): an identifier's code, or, after a label that says it is a number
 * (`zaaknr 123`, `dossiernummer 123`: adversarial run r29, item 4), three digits or more, not a year.
 */
function caseNumber(code: string, numbered: boolean): boolean {
  return identifierCode(code) || (numbered && (code.match(/\d/g)?.length ?? 0) >= 3 && !YEAR_OR_SPAN.test(code));
}

/**
 * True when what follows a label (`after`) is what the label names: an identifier's code spaced from it or glued to it
 * (`RRN85073003328`, `Paspoort EH 123456`), a case's number as its first word apart from it (`PV 123456`), a password
 * as its first word apart from it with a digit in it, not a year (`wachtwoord hunter2`), a key as its first word with a
 * letter and a digit, eight characters or more (`apikey abcd1234efgh5678`).
 */
function labelledValue(kind: LabelKind, after: string, numbered: boolean): boolean {
  if (kind === 'secret') {
    const value = SECRET_VALUE.exec(after)?.[1];
    return value !== undefined && /\d/.test(value) && !/^(?:19|20)\d{2}$/.test(value);
  }
  if (kind === 'login') return LOGIN_VALUE.test(after);
  if (kind === 'key') {
    const value = SECRET_VALUE.exec(after)?.[1];
    return value !== undefined && KEY_VALUE.test(value);
  }
  const code = LABELLED_CODE.exec(after)?.[1]?.trim();
  if (code === undefined) return false;
  if (kind === 'plate') return identifierCode(code) || plateCode(code);
  if (kind === 'identifier') return identifierCode(code);
  return APART.test(after) && (caseNumber(code.split(' ')[0], numbered) || GERMAN_FILE_NUMBER.test(code));
}

/**
 * A value after a word that names it (ID_LABELS, CASE_LABELS, SECRET_LABELS, KEY_LABELS): an identifier's code, a police case's
 * number, a password or a key (adversarial run r28, item 5: one rule for every label and what follows it).
 */
function labelledIdentifierIn(text: string): boolean {
  const folded = /[^\x20-\x7e]/.test(text) ? foldedWord(text) : text;
  for (const match of folded.matchAll(LABEL_WORD)) {
    const kind = LABEL_KINDS.get(labelKey(match[0]));
    const from = (match.index ?? 0) + match[0].length;
    // a label that says its value is a number, or a number's word after it (`zaaknr 123`, `dossier nr. 123`)
    const numbered = /(?:nr|nummer|number|numero)$/.test(labelKey(match[0])) || /^\.?[\s:#=-]{0,3}(?:nr|nummer|number|numero|n°)(?![\p{L}])/iu.test(folded.slice(from, from + 12));
    if (kind !== undefined && labelledValue(kind, folded.slice(from, from + 80), numbered)) return true;
  }
  return false;
}

/**
 * A phone number joined to a word as one code (`tel_0470123456`, `gsm-0470.12.34.56`, `tel.0470123456`): after a
 * `_`, `-`, `:`, `=` or `.` that follows a letter, + or 0 and 9 to 15 digits to the end of the part.
 */
const PHONE_JOINED = /\p{L}[_\-:=.]\(?((?:\+|0)\d[\d\-./()]{7,24})(?![\p{L}\p{N}])/u;

function looksLikeJoinedPhone(text: string): boolean {
  const phone = PHONE_JOINED.exec(text)?.[1];
  return phone !== undefined && looksLikePhone(phone);
}

/**
 * True for a cell that looks like a direct identifier whatever its column is called: an e-mail address (also
 * spelt out to dodge a filter, `jan_peeters_at_telenet_be`), a phone number (also in brackets or joined to a
 * word, `tel_0470123456`), an IP address (also `fe80::1%eth0`), a national register number, an IBAN (grouped
 * or not), an access token (by its prefix, or a random-looking word, also in lower case), a web address (any
 * scheme with a host, or a host and a path: `x.be/pad`) or a number plate (`1-ABC-123`, `1ABC123`, `1 abc 123`, `ABC-123`,
 * `ab-12-cd` and the other Dutch side codes, `B-AB 1234`). Rejects files and
 * messages withhold such a cell (a respondent id that is an e-mail address,
 * say); the store never holds one, as ids are pseudonymised.
 */
export function looksLikeIdentifier(value: string): boolean {
  return identifierIn(plainCharacters(value));
}

/** `looksLikeIdentifier` of a text already plain (`plainCharacters`). */
function identifierIn(value: string): boolean {
  const text = value.trim();
  // an e-mail address may be short (`a@b.c`, `a@b`), and a handle (`@jan`) and a diplomatic plate (`CD-123`); every other identifier is longer
  // and a plate of six joined letters and digits (`12ABC3`, `ABC123`: adversarial run r32, B3)
  if (text.length < 7) return EMAIL.test(text) || HANDLE.test(text) || looksLikeShortIpv6(text) || POST_BOX.test(text) || PLATE_OTHER.test(text) || PLATE_JOINED.test(text) || PLATE_SPACED_OR_GERMAN.test(text);
  return (
    EMAIL.test(text) ||
    HANDLE.test(text) ||
    EMAIL_OTHERWISE.test(text) ||
    EMAIL_SPELT.test(text) ||
    EMAIL_DISGUISED.test(text) ||
    IPV4.test(text) ||
    MAC.test(text) ||
    COORDINATES.test(text) ||
    SECRET.test(text) ||
    BEARER.test(text) ||
    KEY_OR_HASH.test(text) ||
    PV_NUMBER.test(text) ||
    CASE_NUMBER_OF_YEAR.test(text) ||
    POST_BOX.test(text) ||
    PIN.test(text) ||
    ACCOUNT.test(text) ||
    platformHandleIn(text) ||
    dottedHandleIn(text) ||
    COORDINATES_OTHERWISE.test(text) ||
    COORDINATES_LETTER_FIRST.test(text) ||
    PLUS_CODE.test(text) ||
    MAC_OTHERWISE.test(text) ||
    ipv4Otherwise(text) ||
    IPV4_HEX.test(text) ||
    spacedIpv6(text) ||
    BIRTH_DATE.test(text) ||
    IPV6.test(text) ||
    looksLikeShortIpv6(text) ||
    NATIONAL_NUMBER.test(text.replace(SPACE_IN_NUMBER, '')) ||
    IBAN.test(text) ||
    looksLikeGroupedIban(text) ||
    TOKEN.test(text) ||
    INTRODUCED_TOKEN.test(text) ||
    UUID.test(text) ||
    looksLikeMixedCaseToken(text) ||
    URL_TEXT.test(text) ||
    HOST_AND_PATH.test(text) ||
    looksLikePhone(text) ||
    looksLikeJoinedPhone(text) ||
    PHONE_NORTH_AMERICAN.test(text) ||
    US_SOCIAL_SECURITY.test(text) ||
    BELGIAN_ID_CARD.test(text) ||
    MOBILE_WITHOUT_ZERO_AFTER_LABEL.test(text) ||
    (MOBILE_WITHOUT_ZERO.test(text) && /\p{L}/u.test(text)) ||
    looksLikeRandomToken(text) ||
    looksLikePlate(text) ||
    BELGIAN_PLATE.test(text) ||
    BELGIAN_PLATE_SPACED.test(text) ||
    PLATE_ANY_CASE.test(text) ||
    PLATE_WHOLE.test(text) ||
    PLATE_WHOLE_CAPITALS.test(text) ||
    GERMAN_PLATE_AMONG_WORDS.test(text) ||
    PLATE_GLUED.test(text) ||
    PLATE_OTHER.test(text) ||
    PLATE_MORE.test(text) ||
    PLATE_JOINED.test(text) ||
    PLATE_SPACED_OR_GERMAN.test(text) ||
    PLATE_SPACED_AMONG_WORDS.test(text) ||
    VIN.test(text) ||
    checkedNumberIn(text) ||
    checkedIbanIn(text) ||
    labelledIdentifierIn(text)
  );
}

/** A cell as a rejects file or a message may show it: WITHHELD when it looks like a direct identifier. */
export function shownCell(value: string): string {
  return looksLikeIdentifier(value) ? WITHHELD : value;
}

/** A short code: up to 12 ASCII letters, digits and `.,-_/` (`forty`, `R-12`, `2,5`, `A4`, `nvt`). */
const SHORT_CODE = /^[A-Za-z0-9.,\-_/]{0,12}$/;
/** An upper-case letter before a lower-case one: a capitalised word (`Jan`, `Peeters`, `Sint-Denijs`). */
const CAPITALISED = /[A-Z][a-z]/;
/** Letters on both sides of a dot, a word on one: `jan.peeters`, `gent.be`, `j.peeters` (not `1.5`, not `a.b`). */
const WORD_DOT_WORD = /[A-Za-z]{2}\.[A-Za-z]|[A-Za-z]\.[A-Za-z]{2}/;

/**
 * A word in capitals of three letters or more, or joined by hyphens (`PEETERS`, `JAN`, `DE-VOS`): a name as
 * administrations write it. A code in capitals is shorter (`M`, `DK`) or holds a digit (`SQ001`); the few
 * longer ones are CODES_IN_CAPITALS.
 */
const WORD_IN_CAPITALS = /^[A-Z]{3,}$|^[A-Z]{2,}(?:['-][A-Z]{2,})+$/;
/** Answer codes in capitals that are no one's name: not applicable, don't know, refused, unknown, empty. */
const CODES_IN_CAPITALS = new Set(['NVT', 'NSP', 'NRP', 'REF', 'ONB', 'DNK', 'NAP', 'NULL', 'NAN', 'NONE', 'TRUE', 'FALSE', 'YES', 'OUI', 'NON', 'NEE']);
/** A date in digits (`1985-07-30`, `30/07/1985`, `30.07.85`): perhaps a date of birth. */
const DATE_IN_DIGITS = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;
/** A word and a number of four digits or more (`desmet1985`, `jan2001`): a user name, a year of birth in it. */
const WORD_AND_YEAR = /[A-Za-z]{3}\d{4}/;
/** A date of eight digits, year first or last (`19850730`, `30071985`): perhaps a date of birth. */
const DATE_OF_EIGHT_DIGITS = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$|^(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d{2}$/;
/** The day of a month (`1`, `01`, `30`, `1er`, `30.`). */
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])(?:er|st|nd|rd|th|e)?\.?`;
/** A month by its name in nl, fr, en or de, whole or shortened, folded (`juli`, `juil.`, `aout`). */
const MONTH_NAME = String.raw`(?:(?:januari|januar|janvier|january|jan|janv|februari|februar|fevrier|february|feb|febr|fevr|maart|marz|mars|march|mrt|mar|april|avril|apr|avr|mei|mai|may|juni|juin|june|jun|juli|juillet|july|jul|juil|augustus|august|aout|aug|september|septembre|sep|sept|oktober|octobre|october|okt|oct|november|novembre|nov|december|dezember|decembre|dec)\.?)`;
/** A month in digits, by its name (MONTH_NAME) or in Roman numerals (`07`, `juli`, `VII`): between `-`, `/` or `.` only. */
const MONTH = String.raw`(?:0?[1-9]|1[0-2]|${MONTH_NAME}|i{1,3}|iv|vi{0,3}|ix|xi{0,2})`;
/** A year of four digits (`1985`). */
const YEAR = String.raw`(?:19|20)\d{2}`;
/** A time after a date (`T00:00`, ` 08:15:00`, ` 8h15`). */
const TIME = String.raw`(?:[t ]\s?\d{1,2}[:h]\d{2}(?::\d{2})?)?`;

/**
 * A date, day, month and year, in any written form (adversarial run r29, item 6): in digits either way round
 * (`30/07/1985`, `1985-07-30`), the month by its name or in Roman numerals (`30 juli 1985`, `30-jul-1985`, `30-VII-1985`,
 * `July 30, 1985`), a time after it or not (`1985-07-30T00:00`). Read on a folded text (`août` -> `aout`). `shortYear`: a
 * year of two digits too, after a `-`, `/` or `.` (`30-07-85`), as a whole name only.
 */
function dateWritten(shortYear: boolean, fullYear = YEAR): string {
  const year = shortYear ? String.raw`(?:${fullYear}|\d{2})` : fullYear;
  // between spaces only a month's name (`30 juli 1985`): `Fase 2 x 2026`, `Plan 12 12 2024` are no dates
  const dayFirst = String.raw`${DAY}([-/.])\s?${MONTH}\1\s?${year}|${DAY}\s${MONTH_NAME}\s${fullYear}`;
  const yearFirst = String.raw`${fullYear}([-/.])(?:0?[1-9]|1[0-2])\2(?:0?[1-9]|[12]\d|3[01])`;
  // (adversarial run r36, B5) the month first, as English writes it (`7/30/1985`): a day above 12 second, else `dayFirst` reads it
  const monthFirst = String.raw`(?:0?[1-9]|1[0-2])([-/.])(?:1[3-9]|2\d|3[01])\3${year}`;
  return String.raw`(?:${dayFirst}|${yearFirst}|${monthFirst}|${MONTH_NAME}\s${DAY},?\s${fullYear})${TIME}`;
}
/** A date as the whole text (`dateWritten`). */
const WHOLE_DATE = new RegExp(`^${dateWritten(true)}$`, 'iu');
/** A date with a year of four digits among other words (`Noord 30/07/1985`), apart from them. */
const DATE_AMONG_WORDS = new RegExp(String.raw`(?<![\p{L}\p{N}])${dateWritten(false)}(?![\p{L}\p{N}])`, 'iu');

/**
 * A full date of the years 1900 to 2009 among a free text's words (adversarial run r38-B, minor item 5: a goal's
 * title `Overlast 30/07/1985`): a birth date's shape. A plan's deadline or start, and a baseline of the monitor's
 * waves, are of 2010 or later (`Minder inbraken tegen 31/12/2030`), so they pass; a year alone (`Oudegem 1985`) too.
 */
const BIRTH_ERA_DATE = new RegExp(String.raw`(?<![\p{L}\p{N}])${dateWritten(false, String.raw`(?:19\d{2}|200\d)`)}(?![\p{L}\p{N}])`, 'iu');

/** Two digits of a day (`01` to `31`), of a month (`01` to `12`) and of a year or any number (`85`). */
const DD = String.raw`(?:0[1-9]|[12]\d|3[01])`;
const MM = String.raw`(?:0[1-9]|1[0-2])`;
/**
 * A date with a year of two digits among other words (adversarial run r36, B5: `Noord 30-07-85`, `Noord 30.07.85`,
 * `Noord 30/07/85`, `Noord 85-07-30`, `Noord 30 jul 85`, `Noord 30 juli '85`), read on a folded text: the day and the
 * month of two digits each around the same mark, day first or year first, or the month by its name. All three parts
 * are there, so a span (`2024-25`, `2023-24`), a month of a year (`12/2025`), a step (`1/2`, `12-3`) or a kilometre
 * (`12.5`) is none; SMALL_NUMBERS_ONLY leaves out three numbers of 12 or less (`10-11-12`: sectors or steps as well).
 * Group: the numbers, for SMALL_NUMBERS_ONLY.
 */
const SHORT_YEAR_DATE_AMONG_WORDS = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,/-])(?:(${DD}([-/.])${MM}\2\d{2}|\d{2}([-/.])${MM}\3${DD})|${DAY}\s${MONTH_NAME}\s['’]?\d{2}|${DAY}-${MONTH_NAME}-\d{2})(?![\p{L}\p{N}]|[.,/-]\p{N})`,
  'iu',
);
/** Three numbers of 12 or less (`10-11-12`): no part is a day above 12 or a year, so perhaps sectors or steps, no date. */
const SMALL_NUMBERS_ONLY = /^(?:0\d|1[0-2])\D(?:0\d|1[0-2])\D(?:0\d|1[0-2])$/;
/**
 * A day, a month in capital Roman numerals and a year of four digits between spaces (adversarial run r36, B5: `Noord 30
 * VII 1985`), read on the text as written: in small letters `x` between numbers is a product (`Fase 2 x 2026`).
 */
const ROMAN_MONTH_DATE_AMONG_WORDS = new RegExp(String.raw`(?<![\p{L}\p{N}])${DAY}\s(?:XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)\s${YEAR}(?![\p{L}\p{N}])`, 'u');

/**
 * A date with a year of two digits (SHORT_YEAR_DATE_AMONG_WORDS, not SMALL_NUMBERS_ONLY) or a Roman month between
 * spaces (ROMAN_MONTH_DATE_AMONG_WORDS) in a text, as written there; undefined when none.
 */
function otherDateIn(text: string): string | undefined {
  const short = SHORT_YEAR_DATE_AMONG_WORDS.exec(foldedWord(text));
  if (short !== null && !(short[1] !== undefined && SMALL_NUMBERS_ONLY.test(short[1]))) return short[0];
  return ROMAN_MONTH_DATE_AMONG_WORDS.exec(text)?.[0];
}

/**
 * True when a name is a date (`dateWritten`, or eight digits that make one: `19850730`): no place, perhaps
 * a birth date (adversarial run r29, item 6). A district's name may not be one (`districtNameProblem`).
 */
export function isWrittenDate(name: string): boolean {
  const plain = name.normalize('NFKC').trim();
  const text = foldedWord(plain);
  // (adversarial run r36, B5) a year of two digits first or after a month's name, a Roman month between spaces (`85-07-30`, `30 VII 1985`)
  return WHOLE_DATE.test(text) || DATE_OF_EIGHT_DIGITS.test(text) || (/\d/.test(plain) && otherDateIn(plain)?.length === plain.length);
}

/**
 * True when a text holds a date among other words, with a year of four digits (`Noord 30/07/1985`, `ddn: 30 juli
 * 1985`), of two digits or a Roman month between spaces (`otherDateIn`: `Noord 30.07.85`). A date as the whole name is not: `districtNameProblem` refuses it with its own reason ("a date, not a district").
 */
function dateAmongWords(text: string): boolean {
  return /\d/.test(text) && (DATE_AMONG_WORDS.test(foldedWord(text)) || otherDateIn(text) !== undefined) && !isWrittenDate(text);
}

/** Words of letters joined by `_` or `-` (`jan_peeters`, `van_den_berg`, `PEETERS_J`, `jan-peeters`): a name as a code. */
const JOINED_WORDS = /^[A-Za-z]{2,}(?:[_-][A-Za-z]+)+$/;

/** A number as a cell holds one: digits, a decimal point or comma, a sign, an exponent, a per-cent sign (`99`, `-1`, `2,5`, `1e3`, `36 %`). */
const NUMBER_CELL = /^[+-]?\d{1,12}(?:[.,]\d{1,12})?(?:[eE][+-]?\d{1,3})?\s?%?$/;

/** Numbers joined as a range or an open end, as age groups are written (`15-29`, `15-`, `75+`). */
const NUMBER_RANGE = /^\d{1,3}\s?[-+]\s?\d{0,3}$/;

/**
 * The cell whose value caused a refusal, as a rejects file and every message show it: itself when it is empty, a
 * number or a range of numbers (not a date of eight digits, not an identifier), one letter or a label the tool knows (`isKnownLabel`: an answer,
 * a missing-answer label, a sex, a trend, a theme or a partner code, in en, nl or fr), else WITHHELD. A refused
 * cell is what the file holds where something else was expected, so it may be a name, a date of birth, an
 * address or free text (issue 17, A3; adversarial runs r11, 14 and r13, 7); a text that at least min_cell rows
 * share names no one, and is shown by `sharedRefusedCell`. The message names the file, line and column, so the
 * analyst finds a withheld cell in their own file.
 */
export function refusedCell(value: string): string {
  const text = plainCharacters(value).trim();
  if (text === '') return value;
  if (identifierIn(text) || DATE_IN_DIGITS.test(text) || DATE_OF_EIGHT_DIGITS.test(text) || MOBILE_WITHOUT_ZERO_ALONE.test(text)) return WITHHELD;
  return NUMBER_CELL.test(text) || NUMBER_RANGE.test(text) || NOT_FINITE.test(text) || /^[A-Za-z]$/.test(text) || isKnownLabel(text) ? value : WITHHELD;
}

/**
 * A number that is not finite as programs write it (R's `Inf` and `NaN`, Python's `inf` and `nan`, JavaScript's
 * `Infinity`), signed or not: a number, no one's data. `NaN` was shown (a known no-answer label) and `Infinity`
 * withheld, in one column for one reason; then the reason showed it and the rejects file's cell did not
 * (adversarial run r31, item 7).
 */
const NOT_FINITE = /^[+-]?(?:inf(?:inity)?|nan)$/i;

/**
 * A refused cell that at least min_cell rows of the file share: a code the file uses throughout, naming no one
 * person. Shown when it is a short code that is not a capitalised word, a word in capitals, word.word, words
 * joined by `_` or `-`, a date, a word with a year or an identifier (a name typed in many rows, an interviewer's,
 * is still withheld); else as `refusedCell` shows it.
 */
export function sharedRefusedCell(value: string): string {
  return isShortCode(value) ? value : refusedCell(value);
}

/**
 * A short code that names no one: up to 12 ASCII letters, digits and `.,-_/`, not a capitalised word, a word in
 * capitals, word.word, words joined by `_` or `-`, a date, a word with a year, six digits in a row or an identifier
 * (`x9`, `oudgem`).
 */
export function isShortCode(value: string): boolean {
  const text = plainCharacters(value).trim();
  const name = CAPITALISED.test(text) || (WORD_IN_CAPITALS.test(text) && !CODES_IN_CAPITALS.has(text)) || WORD_DOT_WORD.test(text) || WORD_AND_YEAR.test(text) || JOINED_WORDS.test(text);
  const date = DATE_IN_DIGITS.test(text) || DATE_OF_EIGHT_DIGITS.test(text);
  // six digits in a row are an id's or a number's (`x85073003361`: adversarial run r24), never a code the file uses throughout
  return SHORT_CODE.test(text) && !name && !date && !/\d{6}/.test(text) && !identifierIn(text);
}

/** The pseudonym of an id as text (16 hex digits), from its two 32-bit halves. */
export function pseudonymText(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/**
 * An id as a rejects file writes it (adversarial run r29, D1: the rejects file beside the store kept `R31`):
 * `~` and 32 hex digits, its pseudonym sealed (AES-128 under a key derived from the store's) with 4 random bytes
 * and a 4-byte check. An import opens it back into that pseudonym, so a repaired row is the respondent it was;
 * without the key it matches nothing in the store. Rejects files written before wrote the pseudonym itself
 * (`~` and 16 hex digits), which linked a stored row to its line in the export, and through the line to a
 * sequential id (adversarial run r36, D1); they are still read.
 */
const SEALED_ID = /^~[0-9a-f]{32}$/;
/** The pseudonym itself after `~`, as rejects files of earlier versions wrote it: read, never written. */
const BARE_KEYED_ID = /^~[0-9a-f]{16}$/;

/** True for an id a rejects file wrote keyed (SEALED_ID, or BARE_KEYED_ID of earlier versions). */
export function isKeyedId(text: string): boolean {
  return SEALED_ID.test(text) || BARE_KEYED_ID.test(text);
}

/**
 * Why an id can name no respondent (adversarial run r38, F7): `***`, which a dry run's rejects file writes for an
 * id it cannot key, or a sealed code (SEALED_ID) this store cannot open, one a rejects file wrote for another store
 * or a code changed by hand. Taken as an id of its own, the same respondent counted twice. `keys`: the store's
 * pseudonymiser, null when there is no key yet (a dry run before any store): then no sealed code is this store's.
 */
export function unreadableId(id: string, keys: Pseudonymiser | null): 'withheld_id' | 'foreign_id' | null {
  if (id === WITHHELD) return 'withheld_id';
  if (SEALED_ID.test(id) && (keys === null || !keys.opens(id))) return 'foreign_id';
  return null;
}

/** A refused row's id as a rejects file writes it: sealed (SEALED_ID), a keyed one sealed afresh, an empty one empty, one that names no respondent (unreadableId) `***`. */
export function keyedIdText(id: string, pseudonyms: Pseudonymiser): string {
  const text = id.trim();
  if (text === '') return text;
  // sealed afresh, an id that names no respondent would be read back as one (unreadableId)
  if (unreadableId(text, pseudonyms) !== null) return WITHHELD;
  const [hi, lo] = pseudonyms.keysNow([text]);
  return pseudonyms.sealed(hi, lo);
}

/** The keys an id's pseudonym is made with: the store's secret, and the two derived for sealing ids in rejects files. */
interface IdKeys {
  secret: Buffer;
  seal: Buffer;
  check: Buffer;
}

function idKeys(secret: Buffer): IdKeys {
  const derived = (purpose: string) => createHmac('sha256', secret).update(purpose).digest();
  return { secret, seal: derived('safety-scan rejects id seal v1').subarray(0, 16), check: derived('safety-scan rejects id check v1') };
}

/**
 * An id's pseudonym in its first 8 bytes: HMAC-SHA256 of the id with the store's secret; for an id a rejects file
 * sealed (SEALED_ID), the pseudonym inside when its check holds (else the code is hashed as any id: a code changed
 * by hand, or of another store, is an id of its own); for BARE_KEYED_ID, the pseudonym it spells. The worker runs
 * this very function from its source text, so it uses nothing but its arguments (no nested functions).
 */
function idDigest(id: string, keys: IdKeys, crypto: typeof import('node:crypto')): Buffer {
  if (/^~[0-9a-f]{32}$/.test(id)) {
    const decipher = crypto.createDecipheriv('aes-128-ecb', keys.seal, null);
    decipher.setAutoPadding(false);
    const block = Buffer.concat([decipher.update(id.slice(1), 'hex'), decipher.final()]);
    const check = crypto.createHmac('sha256', keys.check).update(block.subarray(0, 12)).digest().subarray(0, 4);
    if (check.equals(block.subarray(12, 16))) return block.subarray(0, 8);
  } else if (/^~[0-9a-f]{16}$/.test(id)) {
    return Buffer.from(id.slice(1), 'hex');
  }
  return crypto.createHmac('sha256', keys.secret).update(id).digest();
}

/**
 * The worker's code, run from this string: the same code serves the bundle and the sources (tests run the
 * CLI in-process from TypeScript), with no second entry file to ship or to find at run time; `idDigest` is the
 * function the main thread runs, from its own source text.
 */
const WORKER_SOURCE = `
const crypto = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const keys = { secret: Buffer.from(workerData.secret, 'hex'), seal: Buffer.from(workerData.seal, 'hex'), check: Buffer.from(workerData.check, 'hex') };
const idDigest = ${idDigest.toString()};
parentPort.on('message', (ids) => {
  const keys64 = new Uint32Array(ids.length * 2);
  for (let i = 0; i < ids.length; i++) {
    const digest = idDigest(ids[i], keys, crypto);
    keys64[2 * i] = digest.readUInt32BE(0);
    keys64[2 * i + 1] = digest.readUInt32BE(4);
  }
  parentPort.postMessage(keys64, [keys64.buffer]);
});
`;

/**
 * Keyed hashing of ids (HMAC-SHA256 with the store's secret, first 64 bits): duplicates stay detectable,
 * the id itself is gone. Large files hash on a worker thread while the main thread parses. An id a rejects file
 * wrote keyed (SEALED_ID) is taken as the pseudonym inside it.
 */
export class Pseudonymiser {
  private worker: Worker | null = null;
  private readonly waiting: Array<{ resolve: (keys: Uint32Array) => void; reject: (error: unknown) => void }> = [];
  private readonly keys: IdKeys;

  constructor(secret: Buffer) {
    this.keys = idKeys(secret);
  }

  /** Hashes here, synchronously. */
  keysNow(ids: string[]): Uint32Array {
    const keys = new Uint32Array(ids.length * 2);
    for (let i = 0; i < ids.length; i++) {
      const digest = idDigest(ids[i], this.keys, crypto);
      keys[2 * i] = digest.readUInt32BE(0);
      keys[2 * i + 1] = digest.readUInt32BE(4);
    }
    return keys;
  }

  /** True when `code` is a SEALED_ID this store sealed: its check holds, and idDigest gives the 8 bytes inside. */
  opens(code: string): boolean {
    return SEALED_ID.test(code) && idDigest(code, this.keys, crypto).length === 8;
  }

  /** A pseudonym sealed for a rejects file (SEALED_ID): new random bytes each time, so two codes of one id differ too. */
  sealed(hi: number, lo: number): string {
    const block = Buffer.alloc(16);
    block.writeUInt32BE(hi >>> 0, 0);
    block.writeUInt32BE(lo >>> 0, 4);
    randomFillSync(block, 8, 4);
    createHmac('sha256', this.keys.check).update(block.subarray(0, 12)).digest().copy(block, 12, 0, 4);
    const cipher = createCipheriv('aes-128-ecb', this.keys.seal, null);
    cipher.setAutoPadding(false);
    return `~${Buffer.concat([cipher.update(block), cipher.final()]).toString('hex')}`;
  }

  /** Hashes on the worker thread; results arrive in the order asked for. */
  keysLater(ids: string[]): Promise<Uint32Array> {
    if (!this.worker) {
      const hex = (key: Buffer) => key.toString('hex');
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { secret: hex(this.keys.secret), seal: hex(this.keys.seal), check: hex(this.keys.check) } });
      this.worker.on('message', (keys: Uint32Array) => this.waiting.shift()?.resolve(keys));
      this.worker.on('error', (error) => {
        for (const waiter of this.waiting.splice(0)) waiter.reject(error);
      });
    }
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      worker.postMessage(ids);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

/**
 * A word of a person's name: a capitalised word of letters (`Jan`, `Peeters`, `Sint-Denijs`, `D'Hondt`, `An`), an
 * elided particle before it in either case (`d'Hondt`, `l'Écuyer`), combining marks among its small letters (`Şahi̇n`,
 * as `ŞAHİN` is written small: adversarial run r23b, F1).
 * Names of two to four such words (`Jan Peeters`, `Marie Van den Bossche`) are told from title-case headings
 * (`Age Group`, `Date Submitted`) by HEADING_WORDS: a label with one of those words is not a name.
 */
const NAME_WORD = /^(?:\p{L}['’])?\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{Lu}?[\p{Ll}\p{M}]+)*$/u;
/** The particles of Dutch, French and German names, which may also be written in lower case (`van`, `de`, `der`). */
const NAME_PARTICLES = new Set(['van', 'de', 'der', 'den', 'von', 'vanden', 'vander', 'ver', 'ter', 'ten', 'le', 'la', 'du', 'des', 'di', 'da', 'zu', "'t", '’t']);
/** Words of headings, folded: a label holding one is a heading, not a person's name. */
const HEADING_WORDS = new Set([
  'date', 'time', 'page', 'language', 'total', 'group', 'start', 'end', 'last', 'first', 'response', 'question', 'answer',
  'score', 'wave', 'year', 'jaar', 'annee', 'area', 'zone', 'district', 'wijk', 'buurt', 'quartier', 'sex', 'age', 'gender',
  'geslacht', 'leeftijd', 'sexe', 'police', 'politie', 'problem', 'probleem', 'value', 'waarde', 'valeur', 'count', 'aantal',
  'population', 'bevolking', 'indicator', 'theme', 'thema', 'trend', 'note', 'status', 'type', 'level', 'code', 'label',
  'submitted', 'started', 'action', 'seed', 'id', 'datum', 'tijd', 'temps', 'pagina', 'taal', 'langue', 'totaal',
  'groep', 'groupe', 'vraag', 'antwoord', 'reponse', 'item', 'interview', 'organisation', 'severity', 'respondent',
  'gemeente', 'commune', 'municipality', 'region', 'regio', 'provincie', 'province', 'country', 'land', 'pays',
  'seite', 'sprache', 'zeit', 'gruppe', 'frage', 'antwort', 'gesamt', 'letzte', 'erste', 'gemeinde', 'bezirk', 'alter', 'geschlecht',
  'sint', 'saint', 'sainte', 'st',
  // a saint after whom schools, parishes and districts are named, after a title (`Don Bosco`: adversarial run r34, F2)
  'bosco',
  // what follows a role of TITLES in a service's or a plan's name (`Victim Support`, `Patient Care`, `Witness Service`,
  // `Täter Opfer Ausgleich`) and a town's word (`Stad Gent (burgemeester)`): adversarial run r31, B6 and B1
  'support', 'care', 'safety', 'service', 'services', 'protection', 'rights', 'hulp', 'zorg', 'opvang', 'rechten', 'hilfe', 'schutz', 'ausgleich',
  'aide', 'soins', 'droits', 'stad', 'ville', 'stadt', 'city', 'town',
  // (adversarial run r33, B1) after `Family` of TITLES: `Family Justice Center`, a service
  'justice',
  // (adversarial run r35, F5) what follows an English role of TITLES in a programme's or a study's name (`Offender
  // Management`, `Caller Survey`, `Informant Network`, `Tenant Team`), as `Victim Support`
  'survey', 'management', 'network', 'team', 'unit',
  // (adversarial run r36, B2) what follows an English role added to TITLES in a programme's or a survey's name
  // (`Resident Satisfaction`, `Teacher Training`, `Landlord Registration`, `Nurse Programme`)
  'satisfaction', 'training', 'registration', 'programme', 'program', 'association', 'council', 'meeting', 'panel', 'engagement', 'involvement',
  'parking', 'permit', 'permits', 'licence', 'license',
  // a code's quantifier after a role (`victim_any`, `victim_none` read as `Victim Any`)
  'any', 'none', 'all', 'ever', 'never',
]);

/**
 * Cyrillic and Greek letters that look like Latin ones, as those (adversarial run r38-B, B1b: `Jаn Peeters` with a
 * Cyrillic а, `Мarie Dubois` with a Cyrillic М).
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', к: 'k', м: 'm', н: 'h', т: 't', в: 'b',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', ο: 'o',
};
/** A Greek or a Cyrillic letter. */
const GREEK_OR_CYRILLIC = /[\u0370-\u03ff\u0400-\u04ff]/;

/**
 * A word written in Latin letters and Greek or Cyrillic lookalikes as its Latin skeleton (LOOKALIKES), so the word
 * lists find a first name or a title however it is disguised (adversarial run r38-B, B1b: `Jаn` -> `Jan`). Only a run of
 * letters that mixes the scripts: a Greek or a Cyrillic word (`Москва`, `κος`, `г-н`) stays as written.
 */
function latinSkeleton(word: string): string {
  if (!GREEK_OR_CYRILLIC.test(word) || !/[A-Za-z]/.test(word)) return word;
  return word.replace(/[\p{L}\p{M}]+/gu, (run) => (/[A-Za-z]/.test(run) && GREEK_OR_CYRILLIC.test(run) ? [...run].map((letter) => LOOKALIKES[letter] ?? letter).join('') : run));
}

/** Ligatures and the sharp s, which no decomposition splits, as the letters they join (`sœur`, `Lætitia`, `Straße`). */
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae', ß: 'ss', ı: 'i', ł: 'l' };

/**
 * A word as the word lists hold it: lower case, accents removed and ligatures written out (`Sœur`, `SŒUR` -> `soeur`:
 * adversarial run r28, item 1), so a title is found however it is spelt.
 */
function foldedWord(word: string): string {
  const folded = latinSkeleton(word).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  // Turkish's dotless i, which no decomposition turns into `i` either (`Sayın`: adversarial run r29, item 2)
  // and Polish's ł (`Paweł`, `Michał`, `hasło`: adversarial run r38-B, B1 and B2)
  return /[œæßıł]/.test(folded) ? folded.replace(/[œæßıł]/g, (letter) => LIGATURES[letter]) : folded;
}

/** A surname in capitals, as Belgian administrations write it first (`PEETERS Jan`, `VAN DEN BOSSCHE Marie`). */
const SURNAME_IN_CAPITALS = /^\p{Lu}{2,}(?:[-'’]\p{Lu}{2,})*$/u;
/**
 * A first name's initials (`J.`, `J.-P.`, `M.A.`): a name word beside a surname (`J. Peeters`, `Peeters J.`); two
 * capitals and one dot too (`JP. Peeters`: adversarial run r31, B6), not an abbreviation of a saint, a police zone, a
 * company, a number or a country (`ST. Gillis`, `PZ. Gent`, `NV. Peeters`, `NR. 12`, `BE.`).
 */
const INITIALS = /^(?:\p{Lu}\.(?:-?\p{Lu}\.){0,2}|(?:Ph|Th|Ch|Chr|Jos|Wm|Joh|Jac|Alb|Hub|Wil)\.|(?!(?:ST|PZ|NV|BV|CV|SA|SC|NR|NO|EU|BE|NL|FR|DE|LU|UK|US|VS|TV|OK|PS|NB|OL|LV|KU|UZ|AZ)\.)\p{Lu}{2}\.)$/u;
/** A title before a name (`Dr. Jan Peeters`, `Mevr. Marie Dubois`, `Mme Marie Dubois`), folded, without its dot. */
const TITLES = new Set([
  'dr', 'prof', 'mr', 'mrs', 'ms', 'mw', 'mevr', 'mevrouw', 'dhr', 'heer', 'mme', 'mlle', 'madame', 'monsieur', 'ir', 'ing', 'drs',
  'mej', 'mejuffrouw', 'meneer', 'mijnheer', 'fam', 'mademoiselle', 'herr', 'frau',
  // written out or in other languages (adversarial run r21, F2): `Dokter Peeters`, `Maître Dubois`, `Zr. Maria`
  'dokter', 'docteur', 'doctor', 'professor', 'pr', 'me', 'maitre', 'meester', 'zr', 'zuster', 'soeur', 'wed', 'weduwe', 'veuve',
  'familie', 'famille', 'mgr', 'ds', 'pater', 'pastoor', 'abbe', 'eh',
  // a role before a surname names the person who holds it: `Agent Claes`, `wijkagent Claes`, `huisarts Peeters`
  'agent', 'wijkagent', 'inspecteur', 'hoofdinspecteur', 'commissaris', 'huisarts', 'notaris', 'notaire', 'advocaat', 'avocat',
  // more titles, ranks and degrees (adversarial run r22, F1): `Hr. Peeters`, `Sir Peeters`, `Sr. Peeters` (señor, senior,
  // sister), `Dame Peeters`, `Broeder Jan`, `Juffrouw Peeters`, `Insp. Peeters`, `Kapt. Peeters`, `Sgt. Peeters`, `Lic. Peeters`, `Dra. Peeters`
  'hr', 'sir', 'sr', 'dame', 'broeder', 'juffrouw', 'insp', 'kapt', 'sgt', 'lic', 'dra',
  // a widow's abbreviation and junior (adversarial run r23b, F1: `Wwe Peeters`, `Peeters Jr.`)
  'wwe', 'jr',
  // ranks, offices and forms of address (adversarial run r24, F4): `Commissaire Dubois`, `Cdt. Peeters`, `Dr. med. Peeters`
  'commissaire', 'inspectrice', 'cdt', 'adj', 'kol', 'lt', 'jhr', 'jkvr', 'rev', 'miss', 'mx', 'med', 'korpschef', 'hoofdcommissaris', 'hoofdinsp',
  'burgemeester', 'schepen', 'procureur', 'substituut', 'rechter', 'juge', 'bourgmestre', 'echevin', 'gouverneur', 'kapitein', 'luitenant',
  'majoor', 'kolonel', 'generaal', 'adjudant', 'brigadier', 'hoofdagent', 'commandant', 'sergeant', 'capitaine', 'lieutenant', 'mayor', 'judge',
  'officer', 'constable', 'captain', 'sheriff', 'cmdt', 'maj', 'col', 'gen', 'capt', 'sgt', 'insp',
  // forms of address of other languages and of family (adversarial run r25b, F4): `Juf Peeters`, `Opa Jan`, `Sra. Garcia`
  // (not `sig`, a signal file's short name)
  'juf', 'opa', 'oma', 'jonkheer', 'jonkvrouw', 'lady', 'lord', 'sra', 'srta', 'signor', 'signora', 'senor', 'senora',
  // Flemish `Mvr.`, nobility, clergy, professions (adversarial run r25, F1)
  // (adversarial run r27, F1) degrees, compound and foreign titles, functions, addressee markers (read as `attn`)
  'dipl', 'h.c', 'dott', 'hon', 'kpl', 'buurtagent', 'maire', 'wethouder', 'raadslid', 'gemeenteraadslid', 'conseiller', 'conseillere', 'attn', 'phd', 'msc',
  'mvr', 'baron', 'barones', 'graaf', 'gravin', 'ridder', 'pere', 'frere', 'mag', 'msc', 'dominee', 'imam', 'rabbijn', 'rabbi', 'pastor', 'tandarts',
  'apotheker', 'politieagent', 'wijkinspecteur',
  // (adversarial run r28, item 2) forms of address in the plural and of other languages, clergy, offices, degrees
  // written before a name once moved there (`Peeters MBA` is read as `MBA Peeters`); `Sig.ra` with its dot inside
  'mere', 'professeur', 'mmes', 'messieurs', 'mesdames', 'vve', 'mter', 'doktor', 'hadji', 'hodja', 'pani', 'senhor', 'dona', 'minister', 'senator',
  'kardinaal', 'bisschop', 'ministre', 'senateur', 'cardinal', 'eveque', 'sig.ra', 'bsc', 'mba', 'llm', 'md', 'esq',
  // (adversarial run r30, B) forms of address, family, ranks and professions of English, German, Dutch and French
  'mister', 'mother', 'inspector', 'kommissar', 'kommissarin', 'schwester', 'bruder', 'onkel', 'nonkel', 'agente', 'gendarme',
  'wachtmeester', 'korporaal', 'monseigneur', 'richter', 'richterin', 'notar', 'notarin', 'rechtsanwalt', 'rechtsanwaltin', 'leraar', 'lerares',
  'polizist', 'polizistin',
  // (adversarial run r29, item 1) a police-sensitive role before a surname names the person a case is about, in any case
  // (`verdachte Peeters`, `slachtoffer Peeters`, `témoin Dubois`, `Verdächtiger Müller`), as `agent Claes` names the agent
  // (not German nouns, which are capitalised before any noun: `Opfer von Diebstahl` is a question's heading)
  'verdachte', 'dader', 'slachtoffer', 'dealer', 'getuige', 'buurman', 'buurvrouw', 'suspect', 'suspecte', 'victime', 'temoin', 'verdachtiger',
  'verdachtige',
  // (adversarial run r29, item 2) clergy, family, offices, nobility and forms of address of other languages and scripts
  // (`Pfarrer Müller`, `Father Brown`, `Tante Maria`, `Onderzoeksrechter Peeters`, `Gezin Peeters`, `г-н Петров`, `Κος
  // Παπαδόπουλος`, `Sayın Yılmaz`); not `Melle`, Mademoiselle's short form, which is also a municipality (`Melle Centrum`)
  'pfarrer', 'pfarrerin', 'fraulein', 'herrn', 'reverend', 'father', 'sister', 'brother', 'uncle', 'aunt', 'tante', 'oom', 'directeur', 'directrice',
  'onderzoeksrechter', 'abt', 'abdis', 'kanunnik', 'deken', 'kapelaan', 'sheikh', 'sjeik', 'cheikh', 'mullah', 'mollah', 'pan', 'gospodin', 'gospoja',
  'burggraaf', 'burggravin', 'markies', 'markiezin', 'erevoorzitter', 'voorzitter', 'gezin', 'huize', 'sayin', 'bey', 'hanim',
  'г-н', 'г-жа', 'д-р', 'господин', 'госпожа', 'доктор', 'κος', 'κα', 'κυριος', 'κυρια', 'δρ',
  // (adversarial run r31, B6) the police-sensitive roles of English, German and French as their Dutch forms above
  // (`Witness Smith`, `Zeuge Müller`, `Plaignant Dubois`), more Dutch ones (`Gedetineerde Peeters`), care and other
  // professions (`Patiënt Peeters`, `Deurwaarder Peeters`, `Kinesist Peeters`) and a president (`Président Jean Dupont`).
  // German nouns among them (NOUN_ROLES) only before a name itself: `Opfer von Gewalt` is a heading
  'witness', 'victim', 'complainant', 'accused', 'defendant', 'detainee', 'prisoner', 'zeuge', 'zeugin', 'opfer', 'tater', 'taterin', 'beschuldigter',
  'beschuldigte', 'plaignant', 'plaignante', 'prevenu', 'prevenue', 'inculpe', 'inculpee', 'detenu', 'detenue', 'gedetineerde', 'gevangene',
  'arrestant', 'beklaagde', 'beschuldigde', 'aangeklaagde', 'patient', 'patiente', 'patientin', 'deurwaarder', 'gerechtsdeurwaarder', 'huissier',
  'kinesist', 'kinesitherapeut', 'kine', 'makelaar', 'verpleegkundige', 'verpleger', 'verpleegster', 'infirmier', 'infirmiere', 'krankenpfleger',
  'krankenschwester', 'vroedvrouw', 'psycholoog', 'psychologue', 'president', 'presidente', 'prasident', 'prasidentin',
  // (adversarial run r33, B1) forms of address, ranks, offices of law and state, nobility, clergy, family, a late person's
  // mark and roles of a home or a school (`Messrs. Smith`, `Frl. Müller`, `Colonel Mustard`, `Oberst Müller`, `Vrederechter
  // Peeters`, `Kamerlid Peeters`, `Prins Laurent`, `Eerwaarde Peeters`, `Neef Jan`, `Bompa Jan`, `Wijlen Peeters`, `Feu
  // Dubois`, `Family Smith`, `Huisbaas Peeters`, `Bewoner Peeters`, `Leerling Peeters`); a street of one (`Prins
  // Boudewijnlaan`) stays a street, as `Graaf Karel de Goedelaan` does
  'messrs', 'frl', 'colonel', 'oberst', 'hauptmann', 'vrederechter', 'griffier', 'greffier', 'kamerlid', 'staatssecretaris', 'depute', 'deputee',
  'ambassadeur', 'ambassadrice', 'comte', 'comtesse', 'prins', 'prinses', 'prince', 'princesse', 'eerwaarde', 'neef', 'nicht', 'meme', 'pepe', 'bompa',
  'bomma', 'family', 'wijlen', 'feu', 'huisbaas', 'bewoner', 'bewoonster', 'leerling',
  // (adversarial run r34, F2 and F5) French clergy (`Curé Dubois`, `Pasteur Dubois`, `Prêtre Dubois`), a spouse
  // (`Echtgenote Peeters`), French family words (`Mamie Dubois`, `Tonton Dubois`), Turkish and Greek forms of address
  // in Latin letters (`Bayan Yılmaz`, `Bay Yılmaz`, `Kyrios Papadopoulos`: `Bay` alone names no one, as any title
  // alone) and the Italian and Spanish `Don` (`Don Corleone`); `Don Bosco`, after whom schools and parishes are
  // named, is a place by HEADING_WORDS
  'cure', 'pasteur', 'pretre', 'echtgenote', 'echtgenoot', 'mamie', 'papy', 'tonton', 'tata', 'bayan', 'bay', 'kyrios', 'kyria', 'don',
  // (adversarial run r35, F5) who a police case or a neighbourhood's matter is about, by their part in it, before a
  // surname as `Plaignant Dubois` (`Klager Peeters`, `Aangever Peeters`, `Melder Peeters`, `Geschädigter Müller`,
  // `Déclarant Dubois`, `Offender Smith`, `Tenant Smith`, and in small letters in a title: `bij klager Peeters`); the
  // plural (`Melders van inbraken`, `Huurders Noord`) and a heading's word after one (`Caller ID`) name no one
  'klager', 'klaagster', 'aangever', 'aangeefster', 'melder', 'melster', 'benadeelde', 'betrokkene', 'overtreder', 'overtreedster', 'tipgever',
  'tipgeefster', 'huurder', 'huurster', 'verhuurder', 'verhuurster', 'informant', 'informante', 'geschadigter', 'geschadigte', 'anzeigeerstatter',
  'anzeigeerstatterin', 'declarant', 'declarante', 'locataire', 'offender', 'caller', 'tenant',
  // (adversarial run r36, B2 and B4) offices, professions, a home's and a neighbourhood's roles and family words of
  // every language before a surname name its holder, as `Burgemeester Peeters`, `Huurder Peeters` and `Buurman
  // Peeters` do (`Bürgermeister Müller`, `Lawyer Smith`, `Vader Peeters`, `Médecin Dubois`, `Senhora Silva`); a
  // neighbour's word (`Voisine Dubois`, `Neighbour Smith`) was refused only as a district's first person
  // (FIRST_PERSON): one vocabulary for districts, titles and headings. German nouns among them only before a name
  // itself (NOUN_ROLES); the plural (`Residents Noord`, `Voisins Dubois`) and a word in small letters after one pass (a
  // German plural written as its singular, `Bewohner Noord`, is refused as `Huurder Noord` is)
  'burgermeister', 'burgermeisterin', 'arzt', 'arztin', 'hausarzt', 'hausarztin', 'anwalt', 'anwaltin', 'staatsanwalt', 'staatsanwaltin', 'lehrer',
  'lehrerin', 'nachbar', 'nachbarin', 'vermieter', 'vermieterin', 'mieter', 'mieterin', 'bewohner', 'bewohnerin', 'hausmeister', 'vater', 'mutter',
  'sohn', 'tochter', 'ehefrau', 'ehemann', 'ehepaar', 'angeklagter', 'angeklagte', 'tatverdachtiger', 'tatverdachtige', 'verteidiger', 'verteidigerin',
  'lawyer', 'attorney', 'detective', 'prosecutor', 'nurse', 'teacher', 'landlord', 'landlady', 'resident', 'husband', 'wife', 'daughter', 'son',
  'councillor', 'councilor', 'alderman', 'alderwoman', 'plaintiff', 'neighbour', 'neighbor', 'caretaker', 'janitor',
  'vader', 'moeder', 'zoon', 'dochter', 'broer', 'zus', 'echtpaar', 'rechercheur', 'gedeputeerde', 'volksvertegenwoordiger', 'commissaris-generaal',
  'concierge', 'medecin', 'policier', 'policiere', 'habitant', 'habitante', 'riverain', 'riveraine', 'fils', 'epouse', 'epoux', 'voisin', 'voisine',
  'gardien', 'gardienne', 'proprietaire', 'senhora',
  // (adversarial run r36, B1) a case named after its person (`Affaire Dubois`), as French names one; not the Dutch
  // `Zaak`, also a shop or a business and a district's matter (`Zaak Noord`: adversarial run r29, item 6)
  'affaire',
  // (adversarial run r36, B4c) Belgian police ranks abbreviated as the police writes them (`HINP De Smet`, `INP De Smet`,
  // `INPP Dupont`, `HCP De Smet`, `CP De Smet`, `AGP De Smet`), a zone's chief (`Zonechef De Smet`), German ranks
  // (`Polizeiobermeister Müller`, `Kriminalkommissar Müller`, `Streifenpolizist Müller`), magistrates (`Parketmagistraat
  // De Smet`, `Jeugdrechter De Smet`) and a person's home (`Cambriolage chez Dupont`: `chez` and a capitalised word is
  // someone's house, `Chez Léon` a restaurant's name too, refused as a trade-off). `CP` is also a French postcode's
  // abbreviation (`CP 1000`: a number, no name) and a police post's (`CP Noord`: PLACE_ABBREVIATED_TITLES)
  'hinp', 'inp', 'inpp', 'hcp', 'cp', 'agp', 'zonechef', 'polizeimeister', 'polizeiobermeister', 'polizeihauptmeister', 'polizeikommissar',
  'polizeikommissarin', 'kriminalkommissar', 'kriminalkommissarin', 'kriminalhauptkommissar', 'hauptkommissar', 'streifenpolizist',
  'streifenpolizistin', 'parketmagistraat', 'magistraat', 'magistrat', 'jeugdrechter', 'politierechter', 'strafrechter', 'chez',
  // (adversarial run r37, B4) an English councillor abbreviated (`Cllr Smith`) and a contact person (`contactpersoon Peeters`)
  'cllr', 'contactpersoon', 'kontaktperson',
  // (adversarial run r37, B4) a British police constable (`PC Smith`), in capitals only (CAPITALS_ONLY_TITLES), not
  // before a computer's or a place's word (PLACE_ABBREVIATED_TITLES: `PC Windows`, `PC Noord`)
  'pc',
]);
/** Titles of TITLES that count only in capitals (`PC Smith`): in small letters `pc` is a computer (`pc Peeters` names a computer's owner's pc, no rank). */
const CAPITALS_ONLY_TITLES = new Set(['pc']);
/** Roles of TITLES that are German nouns (`Opfer`, `Zeuge`): a name after one is no particle's (`Opfer von Gewalt`, `Zeuge von Unfällen`). */
const NOUN_ROLES = new Set([
  'opfer', 'zeuge', 'zeugin', 'tater', 'taterin', 'beschuldigter', 'beschuldigte', 'patientin', 'krankenpfleger', 'krankenschwester',
  // (adversarial run r35, F5) `Geschädigte von Einbrüchen`, `Anzeigeerstatter von Diebstählen`: headings
  'geschadigter', 'geschadigte', 'anzeigeerstatter', 'anzeigeerstatterin',
  // (adversarial run r36, B2) `Bewohner von Gent`, `Mieter von Sozialwohnungen`: headings
  'burgermeister', 'burgermeisterin', 'arzt', 'arztin', 'hausarzt', 'hausarztin', 'anwalt', 'anwaltin', 'staatsanwalt', 'staatsanwaltin', 'lehrer',
  'lehrerin', 'nachbar', 'nachbarin', 'vermieter', 'vermieterin', 'mieter', 'mieterin', 'bewohner', 'bewohnerin', 'hausmeister', 'vater', 'mutter',
  'sohn', 'tochter', 'ehefrau', 'ehemann', 'ehepaar', 'angeklagter', 'angeklagte', 'tatverdachtiger', 'tatverdachtige', 'verteidiger', 'verteidigerin',
  // (adversarial run r36, B4c) `Streifenpolizist von Gent`: a heading
  'polizeimeister', 'polizeiobermeister', 'polizeihauptmeister', 'polizeikommissar', 'polizeikommissarin', 'kriminalkommissar', 'kriminalkommissarin',
  'kriminalhauptkommissar', 'hauptkommissar', 'streifenpolizist', 'streifenpolizistin',
]);
/**
 * Titles that count only with their dot (adversarial run r28, item 2: `Sig. Rossi`, `Kan. Peeters`, `Fr. Peeters`,
 * `Dña. García`): without it they are words or codes (`sig` is a signal file's short name, `Kan Gent veiliger`, `DNA`,
 * `FR`, `mm`).
 */
const TITLES_WITH_DOT = new Set([
  'sig', 'kan', 'kand', 'fr', 'dna', 'bc', 'bacc', 'mm',
  // (adversarial run r34, F2) a spouse's abbreviation, `Echtg. Peeters`
  'echtg',
  // (adversarial run r30, B) `Det. Peeters`, `Gov. Peeters`, `Br. Peeters`
  'det', 'gov', 'br',
  // (adversarial run r29, item 2) `Cpl. Smith`, `Brig. Peeters`, `Dir. Peeters`, `Avv. Rossi`, `Geom. Rossi`, `Univ.-Prof.`,
  // `κ. Παπαδόπουλος`: without a dot `dir` is a folder, `brig` a ship, `κ` a letter
  'cpl', 'brig', 'dir', 'avv', 'geom', 'univ', 'κ',
  // (adversarial run r33, B1) Japanese honorifics, read after a name with a dot (HONORIFIC_SUFFIX): `Tanaka-san`; without
  // one `San Marino` is a place
  'san', 'sama', 'sensei', 'kun', 'chan',
  // (adversarial run r36, B4c) a lawyer's title, meester (`Mtr. De Smet`): without its dot `mtr` is a metre
  'mtr',
  // (adversarial run r38-B, B1) a pharmacist's title, apotheker (`Apr. Peeters`): without its dot `Apr` is April
  'apr',
]);

/**
 * A resident's word of any kind (adversarial run r34, F5: `Buurtbewoner Jan Peeters` as `Bewoner Jan Peeters`,
 * `Wijkbewoonster`, `Flatbewoner`), folded: a role before a name as `bewoner` of TITLES; the plural (`Buurtbewoners
 * Noord`) names no one.
 */
const RESIDENT_ENDING = /^\p{L}{2,30}(?:bewoner|bewoonster)$/u;
/**
 * A director's, an inspector's or a commissioner's word of any kind (adversarial run r37, B4: `Schooldirecteur
 * Peeters`, `Buurtinspecteur Peeters`, `Oberkommissar Müller`, `Polizeihauptkommissar Müller`), folded: a role before a
 * name as `directeur`, `inspecteur` and `kommissar` of TITLES.
 */
const RANK_ENDING = /^\p{L}{2,30}(?:directeur|directrice|inspecteur|inspectrice|kommissar|kommissarin|commissaris)$/u;
/**
 * A rank of TITLES and its grade after a hyphen (adversarial run r37, B4: `Inspecteur-principal Dubois`,
 * `Commissaire-divisionnaire Dubois`, `Hoofdinspecteur-generaal`), folded.
 */
const RANK_GRADE = /^(\p{L}{2,30})-(?:principal|principale|divisionnaire|general|generale|generaal|adjoint|adjointe|chef|en-chef)$/u;

/** A folded word of TITLES, a resident's word (RESIDENT_ENDING), a rank's compound (RANK_ENDING) or a rank and its grade (RANK_GRADE). */
function titleWord(folded: string): boolean {
  const graded = RANK_GRADE.exec(folded)?.[1];
  return TITLES.has(folded) || RESIDENT_ENDING.test(folded) || RANK_ENDING.test(folded) || (graded !== undefined && TITLES.has(graded));
}

/** A title as written, its dot after it or not (`Dr`, `Dr.`, `Sig.`, `Sig.ra`): TITLES, or TITLES_WITH_DOT with its dot. */
function isTitle(word: string): boolean {
  const bare = word.endsWith('.') ? word.slice(0, -1) : word;
  const folded = foldedWord(bare);
  if (CAPITALS_ONLY_TITLES.has(folded) && bare !== bare.toUpperCase()) return false;
  return titleWord(folded) || (bare !== word && TITLES_WITH_DOT.has(folded)) || compoundTitle(word);
}

/**
 * Titles abbreviated as a place or a service is too (adversarial run r36, B4c: `CP De Smet`, a commissaris de politie,
 * and `CP Noord`, a police post, `CP 1000`, a French postcode), folded: before a district's part alone
 * (LETTERED_PLACE_WORDS) no title.
 */
const PLACE_ABBREVIATED_TITLES = new Set(['cp', 'pc']);
/**
 * Words after `PC` that make it a computer, folded (adversarial run r37, B4: `PC Smith` is a constable, `PC Windows`,
 * `PC Hulp`, `PC Lokaal` a computer's matter).
 */
const COMPUTER_WORDS = new Set([
  'windows', 'linux', 'mac', 'hulp', 'lokaal', 'lokalen', 'klas', 'klassen', 'cursus', 'cursussen', 'prive', 'gaming', 'games', 'world', 'pro', 'plus',
  'park', 'help', 'support', 'cours', 'salle', 'kurs', 'raum', 'zone', 'project', 'projet', 'actie', 'dokter', 'doctor', 'docteur', 'service', 'dienst',
]);

/** A title of PLACE_ABBREVIATED_TITLES before one word of a district's part or, after `PC`, a computer's (`CP Noord`, `PC Windows`): no name. */
function placeAfterAbbreviatedTitle(title: string, name: readonly string[]): boolean {
  const abbreviation = foldedWord(title.replace(/\.$/, ''));
  if (!PLACE_ABBREVIATED_TITLES.has(abbreviation) || name.length !== 1) return false;
  const folded = foldedWord(name[0]);
  return LETTERED_PLACE_WORDS.has(folded) || (abbreviation === 'pc' && COMPUTER_WORDS.has(folded));
}

/** Two titles joined by a hyphen after the first's dot (`Univ.-Prof.`, `Dr.-Ing.`: adversarial run r29, item 2): each part a title. */
const COMPOUND_TITLE = /^(\p{L}{1,12}\.)-(\p{L}{1,12}\.?)$/u;

function compoundTitle(word: string): boolean {
  const parts = COMPOUND_TITLE.exec(word);
  return parts !== null && isTitle(parts[1]) && isTitle(parts[2]);
}
/**
 * Titles that also mark a name when written after it (`Peeters dhr.`, `Peeters, Mme`, `Dubois (Mme)`, `Peeters Jr.`:
 * adversarial run r23b, F1), folded: with their dot, after a comma or in brackets (`Rapport Mevr` is no name).
 */
const TITLES_AFTER = new Set([
  'dr', 'prof', 'mr', 'mrs', 'ms', 'mw', 'mevr', 'dhr', 'mme', 'mlle', 'ir', 'ing', 'drs', 'mej', 'fam', 'wed', 'wwe', 'hr', 'sr', 'jr', 'dra', 'lic', 'phd', 'msc', 'bsc', 'mba', 'llm',
  // (adversarial run r28, item 2) `Peeters, Esq.`, `Peeters (MD)`
  'esq', 'md',
  // (adversarial run r29, item 2) Turkish writes its forms of address after the name (`Ahmet Bey`, `Ayşe Hanım`)
  'bey', 'hanim',
  // (adversarial run r33, B1) Japanese honorifics, joined to the name by a hyphen (`Tanaka-san`: HONORIFIC_SUFFIX)
  'san', 'sama', 'sensei', 'kun', 'chan',
]);
/**
 * Degrees and generations written after a name without a dot (`Peeters PhD`, `Peeters MSc`, `Jan Peeters Jr`,
 * `Peeters MD`: adversarial run r28, item 2): a title after a name as `Peeters Jr.` is.
 */
const DEGREES = new Set(['phd', 'msc', 'bsc', 'mba', 'llm', 'md', 'esq', 'jr', 'sr', 'bey', 'hanim']);
/** Any of DEGREES as a word: a text without one or a dot or comma has no title after a name. */
const DEGREE_WORD = new RegExp(`(?<![\\p{L}])(?:${[...DEGREES].join('|')})(?![\\p{L}])`, 'iu');
/** A sentence giving a name: `Mijn naam is Jan`, `my name is Jan`, `je m'appelle Marie`, `ik ben Jan`, `je suis Marie`. */
const NAME_GIVEN = /\b(?:[Mm]ijn naam is|[Ii]k heet|[Ii]k ben|[Mm]y name is|I am|[Jj]e m['’]appelle|[Jj]e suis|[Mm]on nom est)\s+\p{Lu}/u;

/**
 * A person's name: two to four words, each a capitalised word, a particle or a surname in capitals, two or more
 * of them name words with at least one capitalised, no heading word. Written `Surname, First name` or after a
 * title it is a name too.
 */
function looksLikePersonName(label: string): boolean {
  let words = label.replace(/^([^,]+),\s*([^,]+)$/, '$1 $2').split(/\s+/).filter(Boolean);
  const titled = words.length >= 2 && isTitle(words[0]);
  const title = words[0];
  if (titled) words = words.slice(1);
  // a title and a surname (`Mevr. Dubois`, `Dhr. Peeters`): a name too
  if (titled && words.length === 1) return NAME_WORD.test(words[0]) && !placeAfterAbbreviatedTitle(title, words) && !HEADING_WORDS.has(foldedWord(words[0])) && !identifierColumn(words[0]);
  if (words.length < 2 || words.length > 4) return false;
  const nameWord = (word: string) => NAME_WORD.test(word) || SURNAME_IN_CAPITALS.test(word) || INITIALS.test(word);
  if (!words.every((word) => nameWord(word) || NAME_PARTICLES.has(foldedWord(word)))) return false;
  if (words.filter((word) => nameWord(word) && !NAME_PARTICLES.has(foldedWord(word))).length < 2) return false;
  if (!words.some((word) => NAME_WORD.test(word))) return false;
  return !words.some((word) => HEADING_WORDS.has(foldedWord(word))) && !identifierColumn(label);
}

/** Each word in capitals written with only its first letter capitalised (`JAN PEETERS` -> `Jan Peeters`); other words kept. */
function capitalsAsTitleCase(label: string): string {
  return label.replace(/\p{Lu}{2,}/gu, (word) => word[0] + word.slice(1).toLowerCase());
}

/**
 * A person's name also when written all in capitals (`JAN PEETERS`, `MARIE VAN DEN BOSSCHE`): judged as the same
 * name with capitalised words, so it is a name exactly when `Jan Peeters` is.
 */
function looksLikePersonNameAnyCapitals(label: string): boolean {
  if (looksLikePersonName(label)) return true;
  const words = label.split(/\s+/).filter(Boolean);
  return words.length >= 2 && words.every((word) => SURNAME_IN_CAPITALS.test(word) || NAME_PARTICLES.has(foldedWord(word))) && looksLikePersonName(capitalsAsTitleCase(label));
}

/** Words that say by whom (`Bevraagd door Peeters`, `Completed by Marie Dubois`, `Rempli par Dubois`), folded. */
const BY_WORDS = new Set(['door', 'by', 'par']);

/**
 * A short label, then `door`, `by` or `par` and a person's name as the rest of the heading (`Bevraagd door Peeters`,
 * `Ingevuld door Jan Peeters`): a surname alone counts, a heading word, a role or an identifier's name does not
 * (`Ingevuld door Respondent`, `Gewogen door Leeftijd`, `Sorted by Name`).
 */
function namedBy(label: string): boolean {
  const words = label.split(/\s+/).filter(Boolean);
  const at = words.findLastIndex((word, i) => i > 0 && BY_WORDS.has(foldedWord(word)));
  if (at < 1 || at > 3 || looksLikeQuestion(label)) return false;
  const name = words.slice(at + 1);
  if (name.length === 1) {
    const [word] = name;
    const folded = foldedWord(word);
    return (NAME_WORD.test(word) || SURNAME_IN_CAPITALS.test(word)) && !HEADING_WORDS.has(folded) && !ROLE_WORDS.has(folded) && !namesIdentifier(word) && !identifierColumn(word);
  }
  return looksLikePersonNameAnyCapitals(name.join(' '));
}

/** A user name as `first.last` in lower case (`jan.peeters`), the whole heading, no heading word in it. */
function looksLikeUserName(label: string): boolean {
  return /^\p{Ll}{2,}\.\p{Ll}{2,}$/u.test(label) && !label.split('.').some((word) => HEADING_WORDS.has(foldedWord(word)));
}

/** How a street's name ends (`Kerkstraat`, `Stationsplein`, `Dorp`, `Main Street`), folded. */
const STREET_ENDINGS = 'rue|straße|straatje|straat|laantje|laan|weg|pleintje|plein|dreef|lei|kaai|dijk|baan|pad|markt|veld|wegel|hof|singel|gracht|kade|steegje|steeg|dorp|kouter|meir|ring|park|berg|strasse|gasse|allee|platz|street|road|lane|avenue|square|drive|way';
/** The last word of a street's name, folded. */
const STREET_END = new RegExp(`(?:${STREET_ENDINGS})$`);
/**
 * A street's name and a house number written as one code (`kerkstraat12`, `Kerkstraat_12`, `dorp_3a`): the whole
 * cell, a number of up to three digits (`monitoring2026` is a code with a year, not an address).
 */
const STREET_AND_NUMBER_JOINED = new RegExp(`^\\p{L}*(?:${STREET_ENDINGS})[_-]?\\d{1,3}\\p{L}?$`, 'iu');
/**
 * A house number and then a street's name joined into a code, anywhere in it (`huis_12_kerkstraat`, `12-schoolstraat`,
 * `12kerkstraat`: adversarial run r36-B, B4), as `kerkstraat_12` is one: up to three digits, a word ending as only a
 * street's does after them (`zone_3_park`, `age_15_29` are codes).
 */
const NUMBER_AND_STREET_JOINED =
  /(?<![\p{L}\p{N}])\d{1,3}\p{L}?[_-]?\p{L}{1,40}?(?:rue|straße|straatje|straat|laantje|laan|steenweg|weg|pleintje|plein|dreef|lei|kaai|steegje|steeg|pad|strasse|gasse|street|road|lane|avenue)(?![\p{L}\p{N}])/iu;
/** The first word of a French street's name (`Rue de la Loi`, `Chaussée de Gand`), folded, its dot removed. */
const STREET_START = /^(?:rue|avenue|chaussee|place|boulevard|chemin|route|allee|impasse|quai|square|dreve|clos|sentier|rempart|via|viale|piazza|calle|plaza|rua|largo|strada)$/;
/** The first word of a street's name abbreviated (`Av. Louise`, `Bd Anspach`, `Pl. Flagey`, `Chée de Gand`), folded, its dot removed: before more words only. */
const STREET_START_ABBREVIATED = /^(?:av|bd|bld|bvd|blvd|pl|ch|chee|stwg)$/;
/** How a street's name ends abbreviated (`Kerkstr.`, `Stationsln.`, `Brusselsestwg.`), folded: `ln` with its dot only (`Köln`). */
const STREET_END_ABBREVIATED = /(?:str\.?|ln\.|stwg\.?)$/;
/** The words after a street's word that make it a street's name (`Steenweg op Gent`, `Weg naar As`, `Baan van Leuven`). */
const STREET_LINK_WORDS = new Set(['op', 'naar', 'van', 'aan', 'over', 'bij', 'to']);
/**
 * The words before a house number, up to two (`nr.`, `n°`, `nummer`, `huisnr`, `t.h.v.`, ter hoogte van: `Kerkstraat
 * nummer 12`, `Kerkstraat t.h.v. 12`: adversarial run r23b, F2; `Kerkstraat t.h.v. nr. 12`: adversarial run r28, item 4).
 */
const HOUSE_NUMBER_WORDS = String.raw`(?:(?:nr|no|n°|nummer|huisnr|huisnummer|numero|numéro|num|number|t\.?\s?h\.?\s?v|ter hoogte van)\.?\s?){0,2}`;
/** A house number's digits: `12`, `12A`, `12 b`, `12bis`, `12 ter`, a range or a pair (`12-14`, `1/3`). */
const HOUSE_NUMBER_DIGITS = String.raw`\d{1,4}(?:\s?-?(?:bis|ter|[a-z]))?(?:\s?[-/]\s?\d{1,4}(?:\s?[a-z])?)?`;
/** A house number, its words before it or not, one pattern for a number after the street and before it. */
const HOUSE_NUMBER = HOUSE_NUMBER_WORDS + HOUSE_NUMBER_DIGITS;
/** A box after the house number (`bus 3`, `bte 3`, `b.3`). */
const BOX = String.raw`\s*(?:bus|bte|boite|box|b)\.?\s*\d{1,4}`;
/** A street and house number: `Kerkstraat 12`, `Dorp 1`, `Rue de la Loi 16 bte 3`, `Kerkstraat 12A, 9000 Gent`, `Kerkstraat nr. 12`, `Nieuwstraat 1/3`. */
const STREET_AND_NUMBER = new RegExp(String.raw`^(\p{L}[\p{L}'’.\- ]{1,60}?),?\s+${HOUSE_NUMBER}(${BOX})?(?:(,?)\s+\d{4}(\s+[\p{L}'’\- ]{1,40})?)?$`, 'iu');
/**
 * A house number (HOUSE_NUMBER: its words before it, `bis` or `ter` after it) and then a street, as English and French
 * addresses are written (`10 Downing Street`, `12, rue de la Loi`, `12 rue Haute, 1000 Bruxelles`, `12bis rue de la
 * Paix`, `nr. 12 Kerkstraat`: adversarial run r28, item 4). Groups: the number's words, a comma, the street, a box.
 */
const NUMBER_AND_STREET = new RegExp(
  String.raw`^(${HOUSE_NUMBER_WORDS})${HOUSE_NUMBER_DIGITS}(,?)\s+(\p{L}[\p{L}'’.\- ]{1,60}?)(${BOX})?(?:,?\s+\d{4}(?:\s+[\p{L}'’\- ]{1,40})?)?$`,
  'iu',
);
/** Four digits first: a postcode before its place (`9050 Gentbrugge`), not a house number before a street. */
const POSTCODE_FIRST = /^\d{4}(?!\d)/;
/** How a street's name after its house number ends (English: `Downing Street`); a French one starts with STREET_START. */
const NUMBER_FIRST_END = /(?:street|road|lane|avenue|drive|boulevard|square)$/;

/**
 * The endings that name only a street, never a place: a place may end in `berg`, `veld`, `dorp` or `hof` and be
 * numbered as a district (`Sint-Amandsberg 2`). A path too (`Kerkpad 12`, `Jaagpad 3a`: adversarial run r33, left item
 * 6): no place's name ends in `pad`; `steenweg` ends in `weg`.
 */
const STREET_ONLY_END = /(?:rue|straße|straat|straatje|laan|laantje|weg|plein|pleintje|dreef|lei|kaai|steeg|steegje|pad|strasse|gasse|street|road|lane|avenue)$/;
/**
 * An English street's word abbreviated (`Baker St 221B`, `Main St. 5`, `221B Baker St`, `Oak Rd 12`, `Park Ave 10`:
 * adversarial run r33, left item 6), folded, its dot removed: after a capitalised word of the street's name only, as
 * `St.` before a name is a saint's (`St. Gillis 2`). `Zone St 2` is refused too, a rare name.
 */
const ENGLISH_STREET_ABBREVIATED = /^(?:st|rd|ave|blvd)$/;

/** The words of a street's name (as written) ending in an English street's abbreviation after a capitalised word (`Baker St`). */
function englishStreetAbbreviated(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return words.length > 1 && ENGLISH_STREET_ABBREVIATED.test(foldedWord(words[words.length - 1].replace(/\.$/, ''))) && /^\p{Lu}\p{Ll}/u.test(words[words.length - 2]);
}

/**
 * A street's name joined to its house number (`Kerkstraat12`, `Kerkstraat-12`, `Kerkstraat/12`, `Kerkstraat:12`,
 * `Kerkstraat_12`): a word in small letters after its first (`RommelOpStraat_22` is a CBS column's name).
 */
const STREET_JOINED_TO_NUMBER = new RegExp(`(?<![\\p{L}\\p{N}])(\\p{L}\\p{Ll}*(?:${STREET_ENDINGS}))[_\\-/:]?(?=\\d{1,3}\\p{L}{0,3}(?![\\p{L}\\p{N}]))`, 'gu');

/**
 * An address as its rule reads it, whatever marks its house number (adversarial run r23b, F2): `#` before it
 * (`Kerkstraat #12`), a full stop after it (`Kerkstraat 12.`) and, `placeLike` (a cell or a free text, where only a
 * street's own endings count), the number joined to the street (`Kerkstraat12`, `Kerkstraat-12`).
 */
function addressSpelling(label: string, placeLike: boolean): string {
  const text = label.trim().replace(/[.!;,]+$/, '').replace(/#\s?(?=\d)/g, ' ').replace(/(?<=\p{L}str)\.(?=\d)/gu, '. ');
  return (placeLike ? text.replace(STREET_JOINED_TO_NUMBER, '$1 ') : text).replace(/\s+/g, ' ').trim();
}

/** A Dutch postcode and a house number (`1012 AB 12`, `1012AB 12`): one address in the Netherlands (adversarial run r25, F1). */
const DUTCH_POSTCODE_AND_NUMBER = /(?<![\p{L}\p{N}])[1-9]\d{3}\s?[A-Z]{2}\s+\d{1,4}\s?[a-zA-Z]?(?![\p{L}\p{N}])/u;

/** A bracket holding one word or a house number (`(Dhr.)`, `(12)`, `[nr. 12]`). */
const BRACKETED = /[([]\s*([^()[\]]{1,16}?)\s*[)\]]/gu;
/** A house number alone, as a bracket may hold it (`12`, `#12`, `nr. 12`, `12bis`); four digits in brackets are a year (`(2030)`). */
const NUMBER_ALONE = /^(?:(?:#|nr\.?|no\.?|n°)\s?)?\d{1,3}\p{L}{0,3}$/iu;
/** Quotation marks and the like, which never belong to a name or an address: read as spaces. */
const QUOTES = /["“”„‟«»‹›「」『』`*]+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu;
/** An apostrophe or single quote at a word's start (not `'t`, `'s-Hertogenbosch`) or end: a quotation mark there. */
const SINGLE_QUOTES = /(?<![\p{L}\p{N}])['‘’](?!(?:t|s)(?![\p{L}])|s-)|(?<=[\p{L}\p{N}.])['‘’](?![\p{L}\p{N}])/giu;
/** Marks glued to a word's start or end that belong to no name or address (`Dr. Peeters!`, `¿J. Peeters?`, `Dr. Peeters@`). */
const GLUED_MARKS = /(?<![^\s])[.!?¡¿@+=|\\#…°:/-]+|(?:[!?¡¿@+=|\\#…:/-]|(?<![nN])°)+(?![^\s])/gu;
/** Words that address a letter to a person (`c/o`, `p/a`, `per adres`: adversarial run r36, B2; `t.a.v.`, `ter attentie van`, `à l'attention de`): read as the title `attn.`. */
const ADDRESSEE = /(?<![\p{L}\p{N}])(?:c\/o|p\/a|per adres|t\.\s?a\.\s?v\.?|tav|ter attentie van|à l['’]attention de|attn\.?)(?=\s)/giu;
/**
 * Titles of several words (`agent de quartier`, `inspecteur principal`), read as one (`agent`); (adversarial run r36,
 * B4c) a police chief's, an officer's and a magistrate's offices of several words too (`Chef de corps Dupont`,
 * `Inspecteur de quartier Dupont`, `Juge d'instruction Dupont`, `Juge de la jeunesse Dupont`, `Procureur du Roi Dupont`).
 */
const TITLE_OF_WORDS =
  /(?<![\p{L}])(?:agent de quartier|agent de police|inspecteur principal|inspectrice principale|commissaire divisionnaire|premier inspecteur|chef de corps|chef de zone|inspect(?:eur|rice) de (?:quartier|police)|commissaire de police|officier de police|juge d['’]instruction|juge de la jeunesse|juge de paix|juge de police|procureur du roi|procureur des konings)(?![\p{L}])/giu;
/**
 * A title joined to a name by a short run of marks, a space after it or not (before it only after the title's dot:
 * `unwrapped` judges that): any punctuation or symbol
 * (`Dr.-Peeters`, `Dr:Peeters`, `Dr_Peeters`, `Dr~Peeters`, `Dr.-Ing.`; adversarial run r28, item 3: `Dr..Peeters`,
 * `Dr. | Peeters`, `Dr→Peeters`, `Dr.) Peeters`) but a comma, a semicolon or an opening bracket, which part a text
 * (`wijkagent (Noord)`, `agent, Gent`), and an apostrophe, which starts a particle (`Dhr. 't Kint`).
 */
const TITLE_JOINED = /(?<![\p{L}])(\p{L}{1,12})(\.?\s?[^\p{L}\p{N}\p{M}\s,;([{'’]{1,4}\s?)(?=\p{L})/gu;
/**
 * A Japanese honorific joined to a capitalised name by a hyphen (`Tanaka-san`, `Sato-sensei`: adversarial run r33, B1),
 * read as a title after the name with its dot (`Tanaka san.`), which `titlesBeforeNames` puts before it.
 */
const HONORIFIC_SUFFIX = /(?<=(?<![\p{L}])\p{Lu}\p{Ll}{1,30})-(san|sama|sensei|kun|chan)(?![\p{L}\p{N}])/gu;
/** A full stop ending a text after a word or a number (`Dr. Peeters.`): a sentence's, unless the word is a title (`Peeters Jr.`). */
const FULL_STOP_AT_END = /(?<![\p{L}])(\p{L}[\p{L}\p{M}'’-]*|\d+)\.\s*$/u;

/**
 * A text with what wraps a name or an address taken away (adversarial run r26, F1): quotation marks (`"Dr. Peeters"`,
 * `«Rue Haute 12»`, `'Kerkstraat 12'`), marks glued to a word's start or end (`Dr. Peeters!`, `J. Peeters?`,
 * `Noord/Dr. Peeters`), a full stop after a name (`Dr. Peeters.`). The name and address rules read whole words.
 */
function unwrapped(text: string): string {
  if (!/[^\p{L}\p{N}\p{M}\s]|agent|inspect|commiss|attention|attentie|\btav\b|per adres|chef|juge|procureur|officier/iu.test(text)) return text;
  return text
    .replace(HONORIFIC_SUFFIX, ' $1. ')
    .replace(ADDRESSEE, ' attn. ')
    .replace(TITLE_OF_WORDS, ' agent ')
    // a title joined to what follows by marks (by hyphens alone only an abbreviation: `Dr-Peeters`, not `Heer-Ballegem`)
    .replace(TITLE_JOINED, (whole, word: string, mark: string, at: number, text: string) => {
      const folded = foldedWord(word);
      if (!isTitle(mark.startsWith('.') ? `${word}.` : word)) return whole;
      // a title with a dot inside it (`Sig.ra`), and one in brackets (`Peeters (MD)`, `(Dr.) Peeters`: `unbracketed` reads it)
      const dotted = /^\p{L}{1,12}(?:\.\p{L}{1,4}){1,2}\.?/u.exec(text.slice(at))?.[0];
      if (dotted !== undefined && isTitle(dotted)) return whole;
      if (/[)\]}]/.test(mark) && /[([{]\s?$/.test(text.slice(Math.max(0, at - 2), at))) return whole;
      // marks apart from the title only after its dot (`Dr. | Peeters`): between two words they join them as `and` does (`wijkagent & Buurtwerker`)
      if (/^\s/.test(mark)) return whole;
      return /^\s?-+\s?$/.test(mark) && !TITLES_AFTER.has(folded) && folded !== 'dipl' ? whole : `${word}. `;
    })
    .replace(QUOTES, ' ')
    .replace(SINGLE_QUOTES, ' ')
    // a slash between two words parts them (`Noord/Dr. Peeters`); within a word it stays (`c/o` is read above)
    .replace(/(?<=\p{L}\.?)\/(?=\p{L})/gu, ' / ')
    .replace(GLUED_MARKS, ' ')
    // an ellipsis ends a sentence as a full stop does
    .replace(/\.{2,}(?=\s|$)/g, '.')
    // a sentence's full stop, not a title's, an initial's or an abbreviated street's (`Peeters Jr.`, `Jan-P.`, `Kerkstr.`)
    .replace(FULL_STOP_AT_END, (whole, word: string) => (word.length < 2 || isTitle(`${word}.`) || STREET_END_ABBREVIATED.test(`${foldedWord(word)}.`) || /-\p{Lu}$/u.test(word) ? whole : word));
}

/**
 * A comma between a street and its house number (`Kerkstraat, 12`, `Rue de la Station, nummer 12`) or between a
 * number and a French street (`12, rue de la Loi`), which splits a text's parts: read as a space (adversarial run r25b, F3).
 */
const COMMA_IN_ADDRESS = /(?<=\p{L}),\s*(?=(?:nr\.?\s?|n°\s?|nummer\s|numéro\s|#)?\d{1,3}\p{L}{0,3}(?![\p{L}\p{N}]))|(?<=(?<![\p{L}\p{N}])\d{1,4}\p{L}?),\s*(?=(?:rue|avenue|chaussée|place|boulevard|chemin|route|allée|impasse|quai|square|drève|clos|sentier|rempart)\s)/giu;

/** The start of a name after a title: a capital, an elided particle (`d'Hondt`), `'t`; or a particle (`van`). */
const NAME_START = /^(?:\p{Lu}|\p{L}['’]|['’]t$)/u;

/**
 * A text with a name and an address marked as the rules read them (adversarial run r23b, F1 and F2): the brackets
 * around a title or a house number taken away (`Kerkstraat (12)` -> `Kerkstraat 12`; a part of a text, split at its
 * brackets, would hold the name without its title), and a title written after a name put before it (`Peeters,
 * dhr.`, `Dubois (Mme)`, `Peeters Jr.` -> `dhr. Peeters`, `Mme. Dubois`, `Jr. Peeters`).
 */
function unbracketed(text: string, after = ''): string {
  const bracketsOff =
    text.includes('(') || text.includes('[')
      ? text.replace(BRACKETED, (whole, inside: string) => {
          const folded = foldedWord(inside.replace(/\.$/, ''));
          if (NUMBER_ALONE.test(inside) || INITIALS.test(inside)) return ` ${inside} `;
          // one word of a name in brackets is part of what stands around it (`J. (Jan) Peeters`)
          if (!isTitle(inside)) return NAME_WORD.test(inside) ? ` ${inside} ` : whole;
          // a title in brackets after a name is marked as after a comma: with its dot
          return TITLES_AFTER.has(folded) && !inside.endsWith('.') ? ` ${inside}. ` : ` ${inside} `;
        })
      : text;
  // the brackets left stand apart from the words beside them (`[Peeters Dhr.]`), so a title after a name is found there too
  return titlesBeforeNames(bracketsOff.replace(COMMA_IN_ADDRESS, ' ').replace(/[()[\]{}]/g, ' $& '), after);
}

/**
 * A text (its characters plain already: `plainCharacters`) as every name and address rule reads it, one step after
 * another: what wraps a name or an address taken away (`unwrapped`), then the brackets around a title, an initial or
 * a house number, and each title written after a name put before it (`unbracketed`, `titlesBeforeNames`).
 */
function readForNames(text: string, after = ''): string {
  return unbracketed(unwrapped(text), after);
}

/** A word that may be a name's, a comma after it or not (`Peeters`, `d'Hondt,`). */
const NAME_LIKE = /^\p{L}[\p{L}\p{M}'’-]*,?$/u;

/**
 * A text with each title written after a name put before it (`Peeters, dhr.`, `Peeters Jan, dhr`, `Peeters Jr.` ->
 * `dhr. Peeters`, `Peeters dhr Jan`, `Jr. Peeters`) and the comma before an initial taken away (`Peeters, J.` ->
 * `Peeters J.`), word by word (a pattern would consume the name a title follows). A title counts after a name with
 * its dot or after a comma, never before another name (`Rapport Mevr. Dubois`, where the title is Dubois's; `after`
 * is the word that follows the text, for a run of a file name's pieces).
 */
function titlesBeforeNames(text: string, after: string): string {
  // folded, as `Hanım` is written (adversarial run r29, item 2: `Ayşe Hanım`)
  if (!/[.,]/.test(text) && !DEGREE_WORD.test(NOT_PLAIN_ASCII.test(text) ? foldedWord(text) : text)) return text;
  // line by line: a line break ends a part of a text
  return text
    .split(/(\r\n|[\n\r\v\f\u0085\u2028\u2029])/)
    .map((segment, i) => (i % 2 === 1 ? segment : titlesBeforeNamesInLine(segment, after)))
    .join('');
}

/**
 * A degree or a generation of DEGREES without a dot or a comma (`Peeters PhD`, `PEETERS MD`) after a capitalised word,
 * a name's: after a word in small letters it is a file name's or a code's end (adversarial run r38-B, minor item 4:
 * `report-md.csv`, `pop-md.csv` were shown as `***.csv`).
 */
function degreeAfterName(previous: string, word: string): boolean {
  return DEGREES.has(foldedWord(word)) && (NAME_WORD.test(previous) || SURNAME_IN_CAPITALS.test(previous));
}

function titlesBeforeNamesInLine(line: string, after: string): string {
  const words = line.split(/\s+/).filter(Boolean);
  for (let i = 1; i < words.length; i++) {
    const previous = words[i - 1];
    if (!NAME_LIKE.test(previous)) continue;
    const comma = previous.endsWith(',');
    const word = words[i].replace(/[,;]$/, '');
    const next = words[i + 1] ?? after;
    // a title before another (`Dr. h.c. Peeters`) is before a name too
    const nameFollows = NAME_START.test(next) || NAME_PARTICLES.has(foldedWord(next)) || isTitle(next);
    if (comma && INITIALS.test(word) && !nameFollows) {
      words[i - 1] = previous.slice(0, -1);
      i++;
    } else if (TITLES_AFTER.has(foldedWord(word.replace(/\.$/, ''))) && (word.endsWith('.') || comma || degreeAfterName(previous, word)) && !nameFollows) {
      [words[i - 1], words[i]] = [words[i], comma ? previous.slice(0, -1) : previous];
      i++;
    }
  }
  return words.join(' ');
}

/**
 * A street address: a street's name (by its last or first word) followed by a house number. `placeLike`: the
 * cell may name a place (a district), so only endings that name a street alone count (STREET_ONLY_END).
 * `dutchNumberFirst`: a house number before a Dutch or German street counts (`12 Kerkstraat`); not after a word that
 * numbers a step (`Fase 2 Stationsplein`: `numberedStep`).
 */
function looksLikeStreetAddress(label: string, placeLike = false, dutchNumberFirst = true): boolean {
  const text = addressSpelling(label, placeLike);
  if (DUTCH_POSTCODE_AND_NUMBER.test(text)) return true;
  const numberFirst = NUMBER_AND_STREET.exec(text);
  if (numberFirst) {
    const words = numberFirst[3].trim().split(/\s+/).map(foldedWord);
    if (NUMBER_FIRST_END.test(words.at(-1) ?? '') || STREET_START.test((words[0] ?? '').replace(/\.$/, '')) || englishStreetAbbreviated(numberFirst[3])) return true;
    // a number, a comma and a street (`12, Kerkstraat`: adversarial run r22, F1) or a number's word, the number and a
    // street (`nr. 12 Kerkstraat`: adversarial run r28, item 4): a house number written first
    if ((numberFirst[2] === ',' || numberFirst[1] !== '') && STREET_ONLY_END.test(words.at(-1) ?? '')) return true;
    // a house number and then a Dutch or German street's capitalised name, no comma or word between them (adversarial
    // run r36-B, B4: `12 Kerkstraat`, `12A Kerkstraat`, `12 Kerkstr.`, `12 Hauptstraße`, `12 Schoolstraat bus 3`), as
    // `Kerkstraat 12` is one: the name ends as only a street's does (STREET_ONLY_END) or has a box after it; four
    // digits first are a postcode before its place (`9050 Gentbrugge`), a word in small letters no street (`5 weg`)
    const capitalised = dutchNumberFirst && /^\p{Lu}/u.test(numberFirst[3]) && !POSTCODE_FIRST.test(text);
    if (capitalised && (STREET_ONLY_END.test(words.at(-1) ?? '') || STREET_END_ABBREVIATED.test(words.at(-1) ?? '') || numberFirst[4] !== undefined)) return true;
  }
  const match = STREET_AND_NUMBER.exec(text);
  if (!match) return false;
  // a house number, a comma and a postcode with its place (`Dorp 12, 9000 Gent`): an address whatever the street's
  // name, though a place may be named so (`Dorp 12` is a district's name; adversarial run r22, F1)
  if (match[3] === ',' && match[4] !== undefined) return true;
  const words = match[1].trim().split(/\s+/).map(foldedWord);
  const first = (words[0] ?? '').replace(/\.$/, '');
  const last = words.at(-1) ?? '';
  // a box after the number (`Grote Markt 1 bus 3`, `Molenhoek 4 bus 1`): an address whatever the street's name
  // (adversarial run r24), though a place may end in `markt` or `dorp` and be numbered
  if (match[2] !== undefined) return true;
  const ends = placeLike ? STREET_ONLY_END : STREET_END;
  return (
    ends.test(last.replace(/\.$/, '')) ||
    STREET_END_ABBREVIATED.test(last) ||
    englishStreetAbbreviated(match[1]) ||
    STREET_START.test(first) ||
    (words.length > 1 && STREET_START_ABBREVIATED.test(first)) ||
    words.some((word, i) => i + 1 < words.length && STREET_ONLY_END.test(word) && STREET_LINK_WORDS.has(words[i + 1]))
  );
}

/**
 * A phone number inside a text (`Contact 0470123456`, `GSM +32 470 12 34 56`, `tel.0470 12 34 56`), checked as
 * `looksLikePhone` does: its 0 not within a number (`1.0470123456`, `0,0470123456`).
 */
const PHONE_IN_TEXT = /(?:\+|(?<!\d[.,]?)0)\d[\d\s\-./()]{7,24}\d/g;
/**
 * A Belgian mobile number without its leading 0, as its national significant number is written (adversarial run r33,
 * B4): after a phone's word, its nine digits in any groups or one by one (`tel 470 12 34 56`, `gsm 470/12.34.56`,
 * `GSM 4 7 0 1 2 3 4 5 6`); alone, its nine digits joined among words (`Noord 470123456`), where no place or code holds
 * it. A number cell of those nine digits alone stays a number (`470123456` as a count: test/unit/number-identifiers).
 */
const MOBILE_WITHOUT_ZERO_AFTER_LABEL =
  /(?<![\p{L}])(?:tel|tél|telefoon|telefon|telephone|téléphone|phone|gsm|mobile|mobiel|mobielnummer|portable|handy|cell)\.?[\s:#=-]{0,3}(?:nr\.?\s?)?\(?4[\s./-]?[5-9](?:[\s./-]?\d){7}(?![\p{N}]|[.,/-]\p{N})/iu;
const MOBILE_WITHOUT_ZERO = /(?<![\p{L}\p{N}+.,/-])4[5-9]\d{7}(?![\p{N}]|[.,/-]\p{N})/u;
/**
 * A Belgian or Dutch mobile number as a spreadsheet leaves it, its leading 0 taken for a number's and dropped
 * (adversarial run r36-B, B5: `470123456`, `475 12 34 56`, `470/12.34.56`, `612345678`, `6-12345678`), the whole cell,
 * its last groups apart alike (`666-12-3456` is grouped as a social security number, no phone's):
 * no district is named so, and a refused number cell of that shape (a weight or an age of `470123456`) is shown
 * withheld. A number cell accepted as a count is stored as a number, never shown, and stays one.
 */
const MOBILE_WITHOUT_ZERO_ALONE = /^(?:(?:4[5-9]|6\d)\d[\s./-]?\d{2}([\s./-]?)\d{2}\1\d{2}|6[\s-]?\d{8})$/u;
/**
 * A North American number, three digits, three and four joined by the same dash or dot (`555-123-4567`: adversarial
 * run r29, item 5); its area code never starts with 0 or 1.
 */
const PHONE_NORTH_AMERICAN = /(?<![\p{L}\p{N}.-])\(?[2-9]\d{2}\)?([-.])\d{3}\1\d{4}(?![\p{L}\p{N}]|[.-]\p{N})/u;

/**
 * A US social security number, three, two and four digits joined by hyphens (`123-45-6789`: adversarial run r33, left
 * item 2): a person's number for life. No date is written 3-2-4, and no number is given out with a group of zeros or
 * the area 666 (`123-00-6789` is some other code's); other groupings (`12-34-5678`) and spans of years are none.
 */
const US_SOCIAL_SECURITY = /(?<![\p{L}\p{N}./-])(?!000|666)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\p{L}\p{N}]|[-./]\p{N})/u;
/**
 * A Belgian identity card's number by its shape alone (adversarial run r38-B, B2: `592-1234567-89`), as the card
 * prints it: three, seven and two digits apart by dashes, dots or spaces, one kind throughout. After its label
 * (`eID 592-1234567-89`) ID_LABELS found it already; no date, span or phone number is written 3-7-2.
 */
const BELGIAN_ID_CARD = /(?<![\p{L}\p{N}./-])\d{3}([-. ])\d{7}\1\d{2}(?![\p{L}\p{N}]|[-./]\p{N})/u;

/**
 * The longest heading that is checked: a longer one (a runaway cell, no column name) is withheld unchecked,
 * so a heading of a megabyte costs no time (checking it took seconds) and is never shown or stored.
 */
export const LONGEST_HEADING_CHECKED = 2000;

/** A line break of any kind inside one cell: CR LF, LF, CR, vertical tab, form feed, NEL, line and paragraph separators. */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;

/** Who a person is, before a colon and their name (`Interviewer: Marie Dubois`), folded. */
const ROLE_WORDS = new Set([
  'interviewer', 'interviewster', 'enqueteur', 'enqueteuse', 'enquetrice', 'respondent', 'repondant', 'repondante', 'contact',
  'contactpersoon', 'contactperson', 'auteur', 'author', 'behandelaar', 'agent', 'wijkagent', 'inspecteur', 'melder', 'bewoner',
  'habitant', 'resident', 'door', 'par', 'by', 'from', 'afzender', 'expediteur', 'sender', 'persoon', 'personne', 'person',
  'interviewee', 'bevraagde', 'ondervraagde', 'sleutelfiguur', 'keyfigure', 'personnecle',
]);

/**
 * True when `label` says who or what follows it: an identifier's name (`Naam`, `E-mail`, `Geboortedatum`) or a
 * person's role (`Interviewer`, `Opgesteld door`: up to three words, the last a role word).
 */
function namesPerson(label: string): boolean {
  const words = labelWords(label).filter((word) => !FILLER_WORDS.has(word));
  return namesIdentifier(label) || (words.length > 0 && words.length <= 3 && ROLE_WORDS.has(words[words.length - 1]));
}

/** Between a label and what it labels: a colon, an equals sign or a dash between spaces (`Naam - Jan Peeters`). */
const LABEL_SEPARATOR = /[:：=]|\s[-–—]\s/;
/** A label and, in round brackets after it, what it labels (`Interviewer (Marie Dubois)`). */
const LABEL_AND_BRACKET = /^([^()]+)\(([^()]*)\)\s*$/;
/** A label and, in square brackets after it, a sub-question or what it labels (`Contact[Email]`, `Contact[Marie Dubois]`). */
const LABEL_AND_SQUARE_BRACKET = /^([^[\]]+)\[([^[\]]*)\]\s*$/;

/**
 * A question or an instruction rather than a value: it ends in a question mark, or has more than six words
 * (`Contact: hoe wilt u gecontacteerd worden?`).
 */
function looksLikeQuestion(text: string): boolean {
  return /[?？]\s*$/.test(text) || text.split(/\s+/).length > 6;
}

/**
 * True when what follows a label is data: a street address or an identifier wherever it stands (`Straat:
 * Kerkstraat 12`); after a label that names a person, an identifier or their role, any value that is not a
 * question (`Naam: Jan Peeters`, `Naam: de Smet`, `Interviewer: MARIE DUBOIS`, `Interviewer (Marie Dubois)`,
 * `Geboortedatum: 30/07/1985`, `Wachtwoord: hunter2`, `Name = mueller_k`). A question after such a label
 * (`Contact: hoe wilt u ...?`) and a place after another label (`Wijk: Oude Bareel`) are headings.
 */
function labelledData(label: string): boolean {
  const parts = label.split(LABEL_SEPARATOR);
  const bracket = LABEL_AND_BRACKET.exec(label);
  const pairs = parts.slice(1).map((after, i) => [parts[i], after]);
  if (bracket) pairs.push([bracket[1], bracket[2]]);
  for (const [before, value] of pairs) {
    const after = value.trim();
    if (after === '') continue;
    if (looksLikeStreetAddress(after) || identifierIn(after)) return true;
    // a value that names an identifier itself restates the label (`Rijksregisternummer (INSZ)`, `Naam: voornaam`)
    // and one of filler words only says how it is asked (`Uw e-mailadres (optioneel)`)
    const filler = labelWords(after).every((word) => FILLER_WORDS.has(word));
    if (namesPerson(before) && !looksLikeQuestion(after) && !namesIdentifier(after) && !filler) return true;
  }
  // a square bracket holds a sub-question's code or text (`Contact[SQ001]`, `Contact[Email]`); a person's name
  // there after a label that names a person or their role is an answer (`Contact[Marie Dubois]`)
  const square = LABEL_AND_SQUARE_BRACKET.exec(label);
  if (square && namesPerson(square[1]) && looksLikePersonNameAnyCapitals(square[2].trim())) return true;
  return false;
}

/**
 * True when a heading is data rather than a heading (each of its lines judged on its own as well): a heading, or
 * a label in it (its brackets, its code or text), that looks like a direct identifier (`looksLikeIdentifier`,
 * also a phone or e-mail address inside a longer heading) or a street address (`looksLikeStreetAddress`); a
 * word that is a user name (`x jan.peeters y`); what follows a label and a colon when it is data
 * (`labelledData`: `Naam: Jan Peeters`); or a whole heading that is a person's name (`looksLikePersonName`).
 * A file saved without its header row has its first respondent's cells for headings.
 */
export function headingLooksLikeData(heading: string): boolean {
  return heading.length > LONGEST_HEADING_CHECKED || plainHeadingLooksLikeData(plainCharacters(heading));
}

/** `headingLooksLikeData` of a heading already plain (`plainCharacters`). */
function plainHeadingLooksLikeData(heading: string): boolean {
  if (heading.length > LONGEST_HEADING_CHECKED) return true;
  // a heading of several lines (a quoted cell with line breaks) is data when any of its lines is
  const lines = heading.split(LINE_BREAK);
  if (lines.length > 1 && lines.some(plainHeadingLooksLikeData)) return true;
  const labels = headingLabels(heading);
  if (labels.some(identifierIn)) return true;
  if (labels.some((label) => [...label.matchAll(PHONE_IN_TEXT)].some((match) => identifierIn(match[0])))) return true;
  if (labels.some((label) => label.split(/[\s,;:()<>"]+/).some((word) => identifierIn(word) || looksLikeUserName(word.replace(/[.!?'’]+$/, ''))))) return true;
  if (labels.some(labelledData)) return true;
  // a name with a title or an initial, or a street and house number, inside a question's text (`Wat vindt u van
  // Mevr. Janssens?`, `Q8 [Kerkstraat 12, Gent]`), judged as a free text is (adversarial run r23, F1)
  if (labels.some((label) => partsNamePerson(label.replace(/[?!]+/g, ' ')))) return true;
  // what a district's or a goal title's text refuses, a heading's label is withheld for too (adversarial run r32, B5:
  // `Peeters Jan (wijkagent)`, `Peeters, J`, `Kenteken AB123CD`, `Opmerking over Jan Peeters` were printed as ignored
  // columns): the judge both share (`personalDataInText`), but a web site's name, a heading's source (`Bron: politie.be`)
  if (labels.some((label) => identifierInText(label) || personNamedInText(label))) return true;
  // a name only as the whole heading: a bracket holds an answer option, often a place (`[Sint Denijs]`)
  const whole = heading.replace(/^\ufeff/, '').trim();
  // a date as the whole heading (`30/07/1985`) is a first row's date of birth, never a column's name
  return looksLikePersonNameAnyCapitals(whole) || namedBy(whole) || looksLikeUserName(whole) || NAME_GIVEN.test(whole) || DATE_IN_DIGITS.test(whole) || labels.some((label) => looksLikeStreetAddress(label));
}

/**
 * A heading from an input file as every message, --json field, stored detail and `map` shows it: WITHHELD when
 * it looks like data (`headingLooksLikeData`), else itself. The one rule for every heading shown or stored.
 */
export function shownHeading(heading: string): string {
  return headingLooksLikeData(heading) ? WITHHELD : heading;
}

/**
 * A column name a mapping file writes (a key of `columns:`, `measures:`, a rename given twice) as a message shows
 * it: WITHHELD when it holds personal data as a free text would (a titled name, an address) or looks like data as a
 * file's heading would (`shownHeading`), since a mapping's keys are a data file's headings and may be copied from a
 * file saved without its header row. The warning about renames the file did not use printed them raw (adversarial
 * run r36-B, B7).
 */
export function shownMappingKey(key: string): string {
  return freeTextHoldsPersonalData(key) ? WITHHELD : shownHeading(key);
}

/**
 * A value a mapping file writes for a column (a `keep:` value) as a message shows it: WITHHELD when it holds personal
 * data as a district's cell would (`Dhr. Peeters`, `Kerkstraat 12`), else as a refused cell is shown (`shownCell`).
 * The values of `keep:` that no row held were shown unless they were contact details (adversarial run r36-B, B3).
 */
export function shownMappingValue(value: string): string {
  return freeTextHoldsPersonalData(value) ? WITHHELD : shownCell(value);
}

/**
 * True when a line of free text holds what `looksLikeIdentifier` finds: in the whole line, as a phone number
 * inside it (PHONE_IN_TEXT), or as one of its words. For text the tool copies as written (the analyst's
 * feedback files): a line to point at by its number, never to show.
 */
export function textHoldsIdentifier(line: string): boolean {
  return identifierInText(plainCharacters(line));
}

/** `textHoldsIdentifier` of a text already plain (`plainCharacters`). */
function identifierInText(line: string): boolean {
  if (identifierIn(line)) return true;
  if ([...line.matchAll(PHONE_IN_TEXT)].some((match) => identifierIn(match[0]))) return true;
  return line.replace(AT_FUNCTION_CALL, '').split(/[\s,;:()<>"]+/).some(identifierIn);
}

/**
 * The at sign of a spreadsheet's function call (`@SUM(A1)`: HANDLE's exception), dropped before a text is split at
 * its brackets, which would leave `@SUM` alone as a handle (adversarial run r35, minor 14); not after a word's
 * letter, where it may be an e-mail address's.
 */
const AT_FUNCTION_CALL = new RegExp(`${HANDLE_AT.source}(?=${FUNCTION_CALL})`, 'gu');

/** Between the parts of a free text that may each be a name or an address: commas, semicolons, brackets, a dash between spaces. */
const TEXT_PART_SEPARATOR = /[,;()[\]{}]|\s[-–—]\s/;
/**
 * A year or a span of years (`2030`, `2025-2030`, `2025/26`): after a street's name in a goal's title
 * (`Stationsplein 2030`) it is a deadline, not a house number.
 */
const YEAR_WORD = /^(?:19|20)\d{2}(?:[-/](?:19|20)?\d{2})?$/;

/**
 * True when a free text the tool prints as written (a goal's title, a label or question of the configuration)
 * holds personal data: an identifier anywhere in it (`textHoldsIdentifier`: an e-mail address, a phone number,
 * an IBAN, a national number, ...), or, among a few words of one of its parts, a person's name that a title or
 * an initial marks (`Dhr. Jan Peeters`, `J. Peeters`, `Dr.Peeters`: `markedPersonName`) or a street and
 * house number (`Kerkstraat 12`: `looksLikeStreetAddress`, a place's endings left out as for a district). Plain
 * capitalised words (`Sint-Amandsberg`, `Jan Peeters`) cannot be told from a place and pass, as in a district,
 * unless a label that names a person, a role or a birth date (`Naam: Jan Peeters`, `Lead: John Smith`: `labelledPerson`)
 * or words that introduce a person (`Klacht van Marie Dubois`: `introducedPerson`) stand before them (adversarial run
 * r20b, finding 2), or a role after them (`Jan Peeters (wijkagent)`: `nameBeforeRole`). The judge is the one a
 * district's cell has (`personalDataInText`), and a user name among its words (`userNameIn`).
 */
export function freeTextHoldsPersonalData(value: string): boolean {
  if (value.length > LONGEST_HEADING_CHECKED) return true;
  const text = plainCharacters(value);
  return text.split(LINE_BREAK).some((line) => personalDataInText(line) || userNameIn(line) || birthEraDateIn(line));
}

/** A full date of a birth's era (BIRTH_ERA_DATE) in a free text's line, read folded (`30 juillet 1985`, `30 août 1985`). */
function birthEraDateIn(line: string): boolean {
  return /\d{4}/.test(line) && BIRTH_ERA_DATE.test(foldedWord(line));
}

/**
 * What a free text (`freeTextHoldsPersonalData`) and a district's or an area's cell (`personalDistrict`) both refuse,
 * one rule for both (adversarial run r31, B5 and B7: `Asked by Jan Peeters` was refused as a goal's title and stored
 * as a monitor's area; `Zie x.be` the other way round): an identifier (`identifierInText`), a web address without
 * its scheme (`bareHostIn`), a marked name or a street address in a part (`partsNamePerson`), a name after a
 * person's label or an introducer (`personLabelledOrIntroduced`), a name before its role (`nameBeforeRole`) or a
 * surname and an initial after a comma (`surnameCommaInitial`). `lowerAfterTitle`: as `partsNamePerson`.
 */
function personalDataInText(text: string, lowerAfterTitle = false): boolean {
  return identifierInText(text) || bareHostIn(text) || personNamedInText(text, lowerAfterTitle);
}

/**
 * The person a text names, of `personalDataInText`'s rules: a marked name, a street address, a labelled, introduced or
 * roled name. `lowerAfterTitle` (a district's cell): as `partsNamePerson`, and a name in any case before a role in
 * brackets (`plainNameBeforeRole`).
 */
function personNamedInText(text: string, lowerAfterTitle = false): boolean {
  return (
    partsNamePerson(text, lowerAfterTitle) ||
    personLabelledOrIntroduced(text) ||
    nameBeforeRole(text) ||
    plainNameBeforeRole(text, lowerAfterTitle) ||
    surnameCommaInitial(text) ||
    firstNameAndSurnameAfterWords(text) ||
    birthOrAgeAfterName(text) ||
    surnameBeforeFamilyWord(text) ||
    surnameAfterCaseWordAside(text) ||
    RESIDENTS_OF_NUMBER.test(text)
  );
}

/**
 * A house's residents by its number, without the street (adversarial run r37, B5: `bewoners van nr. 12`, `bewoner
 * huisnummer 14`, `residents of no. 12`, `habitants du n° 12`): a street's context makes them one household. A
 * district's number (`Wijk 12`) has no resident's word before it.
 */
const RESIDENTS_OF_NUMBER =
  /(?<![\p{L}])(?:\p{L}{0,20}bewoners?|\p{L}{0,20}bewoonster|residents?|habitants?|bewohner(?:in)?)\s{1,3}(?:(?:van|of|du|de|von)\s{1,3})?(?:het\s{1,3}|the\s{1,3})?(?:nr\.?|nummer|huisnummer|no\.?|n°|number|numero|hausnummer)\s{0,3}\d{1,4}(?![\p{N}])/iu;

/**
 * A capitalised word, then `family` (adversarial run r37, B4: `the Smith family`, `Peeters family`, `Smith Family`
 * at the end): a family named by its surname, as `Family Smith` of TITLES; the kind of a family (`Foster family`, `Host
 * family support`, `Royal family`) and a heading's or a place's word before it name no one. Groups: the word before.
 */
const FAMILY_AFTER = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{M}'’-]{1,40})\s{1,3}(?:family|families)(?=$|\s{1,3}\p{Ll}|[\s,.;:!?)\]])/gu;
/** Kinds of families in English, folded: `Foster family` is a service, no one's surname. */
const FAMILY_KINDS = new Set(['foster', 'host', 'royal', 'nuclear', 'extended', 'single', 'young', 'whole', 'blended', 'immediate', 'large', 'new', 'the', 'my', 'our', 'your', 'every', 'each', 'one', 'a']);

/** A surname before `family` (FAMILY_AFTER), not a kind of family, a heading's or a place's word. */
function surnameBeforeFamilyWord(text: string): boolean {
  for (const match of text.matchAll(FAMILY_AFTER)) {
    const folded = foldedWord(match[1]);
    if (!FAMILY_KINDS.has(folded) && !HEADING_WORDS.has(folded) && !LETTERED_PLACE_WORDS.has(folded) && (NAME_WORD.test(match[1]) || SURNAME_IN_CAPITALS.test(match[1]))) return true;
  }
  return false;
}

/**
 * A case's or a contact's word and one capitalised word in brackets or after a dash between spaces (adversarial run
 * r37, B4: `Noord (aangifte Peeters)`, `Noord (klacht Peeters)`, `Noord (dossier Peeters)`, `Noord - contact
 * Peeters`): the person the case or the contact is; no district's part (`Noord (dossier Zuid)`) or heading's word.
 * Groups: the word after the case's word.
 */
const CASE_WORD_ASIDE =
  /(?:[([]|\s[-–—]\s{1,3})\s{0,3}(?:aangifte|klacht|dossier|melding|plainte|contact|complaint|case|anzeige|beschwerde)\s{1,3}(\p{Lu}[\p{L}\p{M}'’-]{1,40})\s{0,3}(?=[)\]]|$)/giu;

/** A surname after a case's word aside (CASE_WORD_ASIDE). */
function surnameAfterCaseWordAside(text: string): boolean {
  for (const match of text.matchAll(CASE_WORD_ASIDE)) {
    const folded = foldedWord(match[1]);
    if ((NAME_WORD.test(match[1]) || SURNAME_IN_CAPITALS.test(match[1])) && !HEADING_WORDS.has(folded) && !LETTERED_PLACE_WORDS.has(folded)) return true;
  }
  return false;
}

/**
 * A birth's mark and a year after a capitalised word, in brackets or not, a comma before it or not (adversarial run
 * r36-B, B6: `Jan Peeters geb. 1985`, `Peeters °1985`, `Jan Peeters geboren 1985`, `Peeters (°1985)`, `Jan Peeters,
 * geb. 1985`, `Dubois née en 1985`): a person born that year; a year alone after a place is none (`Oudegem 1985`).
 * Groups: the word before the mark, the mark.
 */
const BIRTH_AFTER_WORD =
  /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{M}'’-]{1,40}),?\s{0,3}[([]?\s{0,3}(°|\*|geb\.?|geboren(?:\s{1,3}(?:in|op|am))?|born(?:\s{1,3}in)?|née?(?:\s{1,3}(?:en|le))?)\s{0,3}(?:\d{1,2}[./-]\d{1,2}[./-])?(?:19|20)\d{2}(?!\p{N})/gu;
/**
 * An age after a name: a number alone in brackets (`Jan Peeters (45)`) or a number of years after a comma (`Jan
 * Peeters, 45 jaar`): adversarial run r36-B, B6. Only after a first name and a surname (`firstNameWord`, `surnameAt`):
 * a place may be numbered in brackets (`Noord (45)`), and two capitalised words may be a place (`Oude Bareel (45)`).
 */
const AGE_AFTER = /[([]\s{0,3}\d{1,3}\s{0,3}[)\]]|,\s{0,3}\d{1,3}\s?(?:jaar|jr|ans|years?|yrs|jahre?)(?:\s?(?:oud|old|alt))?(?!\p{L})/gu;

/** A person's birth year or age after their name (BIRTH_AFTER_WORD, AGE_AFTER). */
function birthOrAgeAfterName(text: string): boolean {
  if (!/\d/.test(text)) return false;
  for (const match of text.matchAll(BIRTH_AFTER_WORD)) {
    const folded = foldedWord(match[1]);
    // (adversarial run r36, B5) a birth's word (`geb`, `geboren`, `born`, `née`) after any word, a district's part too
    // (`Noord geb 1985`); a mark (`°`, `*`) only after a name's (`Noord °2024` is a place's year)
    const birthWord = /\p{L}/u.test(match[2]);
    if ((NAME_WORD.test(match[1]) || SURNAME_IN_CAPITALS.test(match[1])) && !HEADING_WORDS.has(folded) && (birthWord || !LETTERED_PLACE_WORDS.has(folded))) return true;
  }
  for (const match of text.matchAll(AGE_AFTER)) {
    const words = text.slice(Math.max(0, (match.index ?? 0) - 100), match.index).trim().split(/\s+/).slice(-2);
    if (words.length >= 2 && firstNameWord(words[words.length - 2]) && surnameAt(words, words.length - 1)) return true;
  }
  return false;
}

/**
 * Common first names of Belgium, the Netherlands, France, Germany and the English-speaking world, of the residents of
 * other origins among them too, folded (adversarial run r36, B1). A first name and a capitalised surname after other
 * words name a person whatever word or preposition introduces them (`Verklaring van Jan Peeters`, `Inbraak bij Jan
 * Peeters`, `Plan by John Smith`, `Trekker Jan Peeters`): no list of introducers can hold every noun and verb before
 * `van`, `bij`, `door`, `met`, `voor`, `aan`, `by`, `par`, `de` or `von`, while a place or a service after them
 * (`Plan voor Sint-Amandsberg`, `Samenwerking met Stad Gent`, `Actieplan door Politiezone Gent`, `Inbraak bij
 * Sint-Pieters Station`) starts with no first name. A first name not listed passes, the price of a list.
 * (adversarial run r38-B, B1) The list holds the most common first names of residents of every age: Statbel's and
 * the CBS's, INSEE's and Germany's, and those of residents of Moroccan, Turkish, Polish, Romanian, Ukrainian,
 * Congolese, Italian and Spanish origin. Names that are also words, months or places a title writes capitalised
 * before another capitalised word are left out (`Mark`, `Will`, `Rose`, `Roos`, `Iris`, `Fleur`, `Finn`, `Jade`,
 * `Amber`, `Max`, `Jack`, `Oscar`, `Ernst`, `Elke`, `Lieve`, `Staf`, `Senne`, `Saar`, `Florence`, `Victoria`,
 * `Grace`, `Merveille`, `Said`, `Sultan`, `Ion`, `Can`, `Boudewijn`). Names kept although they are words or places
 * too (`Frans`, `Albert`, `Maria`, `Karel`, `Milan`, `Christian`, `Guy`, `Kim`) need a capitalised surname after
 * them, which a shop, a hospital, a ruler or a region is not (NAMED_AFTER_FIRST_NAME, `rulerOrEpithet`: `Albert
 * Heijn`, `Maria Middelares`, `Karel de Grote`, `Leopold I`, `Frans Vlaanderen`).
 */
const FIRST_NAMES = new Set([
  // Dutch and Flemish
  'jan', 'johan', 'johannes', 'joris', 'jef', 'jos', 'jozef', 'koen', 'kris', 'kristof', 'bart', 'bert', 'bram', 'dirk', 'geert', 'gert', 'guido', 'hilde',
  'inge', 'ingrid', 'karin', 'katrien', 'kathleen', 'luc', 'marc', 'mieke', 'nele', 'patrick', 'peter', 'pieter', 'rudi', 'rudy', 'sofie', 'stijn', 'tom',
  'veerle', 'wim', 'wouter', 'yves', 'lucas', 'liam', 'noah', 'arthur', 'jules', 'louis', 'victor', 'mila', 'nora', 'louise', 'elise', 'lore', 'lotte',
  'jana', 'lien', 'eline', 'hanne', 'fien', 'ine', 'tim', 'jonas', 'robbe', 'wout', 'seppe', 'kobe', 'ruben', 'jens', 'niels', 'simon', 'mathias',
  'maarten', 'jeroen', 'kevin', 'glenn', 'dries', 'joost', 'erik', 'sven', 'greet', 'rita', 'martine', 'ann', 'annick', 'anja', 'ellen', 'evelien',
  'liesbeth', 'marleen', 'linda', 'chantal', 'sandra', 'caroline', 'steven', 'filip', 'frederik', 'stefaan', 'herman', 'willy', 'roger', 'eddy',
  'freddy', 'gilbert', 'gustaaf', 'jeannine', 'godelieve', 'agnes', 'maurice', 'raf', 'hugo', 'ronny', 'danny', 'marijke', 'griet', 'tine', 'anouk',
  'daan', 'thijs', 'jesse', 'lars', 'luuk', 'sanne', 'femke', 'lieke', 'willem', 'hendrik', 'henk', 'kees', 'piet', 'sietske', 'jeanne', 'els',
  // (adversarial run r38-B, B1) Belgium's residents of every age (Statbel), Flanders
  'maria', 'frans', 'albert', 'karel', 'joseph', 'rosa', 'hilda', 'paula', 'lutgarde', 'mariette', 'ilse', 'kathy', 'carine', 'myriam', 'lieven',
  'rik', 'erwin', 'werner', 'benny', 'johnny', 'gert', 'stef', 'nico', 'yannick', 'dennis', 'robin', 'jasper', 'lander', 'wannes', 'emiel', 'lowie',
  'warre', 'milo', 'mats', 'jolien', 'kaat', 'febe', 'jitske', 'leopold', 'georges', 'germaine', 'yvette', 'josee', 'julia', 'bjorn', 'kim', 'guy',
  'christian', 'christiane', 'nicole', 'raymond', 'francis', 'fernand', 'gaston', 'leon', 'roland', 'remi', 'frank', 'astrid', 'elisabeth', 'lambert',
  // the Netherlands (CBS)
  'sem', 'levi', 'milan', 'bas', 'ruud', 'gerrit', 'klaas', 'joop', 'arie', 'marco', 'sander', 'tess', 'fenna', 'noa', 'sara', 'nina', 'joyce', 'esther',
  'marieke', 'wilma', 'ineke', 'anneke', 'ans', 'corrie', 'gerda', 'tineke', 'willemijn', 'janneke', 'mirjam', 'hendrika', 'johanna', 'cornelia',
  'geertruida', 'wilhelmina', 'cornelis', 'gerardus', 'petrus', 'theodorus', 'adrianus', 'wilhelmus', 'jacobus', 'hendrikus', 'ria', 'truus', 'gerard',
  // French
  'jean', 'pierre', 'michel', 'claude', 'andre', 'rene', 'marcel', 'daniel', 'bernard', 'philippe', 'alain', 'eric', 'serge', 'thierry', 'didier',
  'olivier', 'nicolas', 'julien', 'antoine', 'francois', 'sebastien', 'christophe', 'laurent', 'vincent', 'guillaume', 'mathieu', 'maxime', 'martin',
  'lea', 'manon', 'chloe', 'camille', 'julie', 'marie', 'anne', 'nathalie', 'isabelle', 'sylvie', 'catherine', 'christine', 'francoise', 'monique',
  'valerie', 'sandrine', 'celine', 'aurelie', 'emilie', 'veronique', 'brigitte', 'jacqueline', 'jacques', 'dominique', 'emile', 'yvonne',
  // (adversarial run r38-B, B1) Wallonia's and Brussels's residents of every age (Statbel) and France's (INSEE)
  'francine', 'denise', 'stephanie', 'alice', 'jeanine', 'simonne', 'simone', 'georgette', 'josiane', 'patricia', 'yvette', 'danielle', 'colette',
  'suzanne', 'madeleine', 'viviane', 'nadine', 'muriel', 'pascale', 'fabienne', 'corinne', 'claudine', 'micheline', 'mireille', 'ghislaine', 'josette',
  'odette', 'paulette', 'huguette', 'marcelle', 'renee', 'liliane', 'lucienne', 'gisele', 'bernadette', 'therese', 'laurence', 'annie', 'virginie',
  'christelle', 'laetitia', 'audrey', 'juliette', 'lina', 'amelie', 'anais', 'oceane', 'margaux', 'clara', 'benoit', 'stephane', 'pascal', 'fabrice',
  'arnaud', 'quentin', 'florian', 'romain', 'jonathan', 'anthony', 'benjamin', 'samuel', 'alexandre', 'gabriel', 'nathan', 'ethan', 'theo', 'bruno',
  'sylvain', 'franck', 'jerome', 'clement', 'justin', 'ghislain', 'jean-marie', 'joel', 'lucien', 'henri', 'robert', 'marguerite', 'genevieve',
  // German
  'hans', 'klaus', 'jurgen', 'dieter', 'wolfgang', 'andreas', 'stefan', 'uwe', 'heinz', 'helmut', 'gunter', 'horst', 'karl', 'lukas', 'sabine', 'petra',
  'ursula', 'monika', 'birgit', 'susanne', 'katharina', 'anna', 'lena', 'hanna', 'julia', 'andrea', 'claudia', 'renate', 'sophie', 'laura', 'emma',
  // (adversarial run r38-B, B1) Germany's residents of every age
  'markus', 'matthias', 'sebastian', 'tobias', 'florian', 'jorg', 'bernd', 'holger', 'manfred', 'gerhard', 'walter', 'ralf', 'torsten', 'maximilian',
  'felix', 'elias', 'emil', 'anton', 'gabriele', 'stefanie', 'katrin', 'heike', 'helga', 'gisela', 'christa', 'ute', 'martina', 'melanie', 'hannah',
  'sophia', 'leonie', 'greta', 'frieda', 'mathilda', 'ida', 'jannik', 'niklas', 'friedrich', 'wilhelm', 'hermann', 'heinrich', 'elfriede', 'hildegard',
  // English
  'john', 'james', 'david', 'robert', 'michael', 'william', 'richard', 'thomas', 'george', 'charles', 'matthew', 'andrew', 'paul', 'mary', 'sarah',
  'emily', 'jennifer', 'susan', 'karen', 'lisa', 'helen', 'elizabeth', 'jessica', 'olivia', 'charlotte', 'eva',
  // (adversarial run r38-B, B1) more of the English-speaking world's
  'christopher', 'steven', 'brian', 'gary', 'timothy', 'jason', 'jeffrey', 'ryan', 'jacob', 'nicholas', 'stephen', 'scott', 'gregory', 'harry',
  'oliver', 'charlie', 'margaret', 'barbara', 'nancy', 'betty', 'dorothy', 'ashley', 'kimberly', 'donna', 'michelle', 'carol', 'amanda', 'melissa',
  'deborah', 'rebecca', 'sharon', 'cynthia', 'amy', 'angela', 'amelia', 'isla', 'ava', 'mia', 'ella', 'adam', 'alexander', 'edward', 'peter',
  // of other origins
  'mohamed', 'mohammed', 'muhammad', 'ahmed', 'ali', 'youssef', 'yassin', 'yassine', 'hamza', 'omar', 'karim', 'mehmet', 'mustafa', 'ibrahim', 'hassan',
  'fatima', 'aicha', 'aisha', 'amina', 'khadija', 'samira', 'nadia', 'zeynep', 'emre', 'ayse',
  // (adversarial run r38-B, B1) of Moroccan origin
  'adil', 'nabil', 'khalid', 'abdelkader', 'abdellah', 'abdelaziz', 'rachid', 'mustapha', 'driss', 'hicham', 'ayoub', 'bilal', 'ilias', 'ilyas', 'mehdi',
  'rayan', 'amine', 'anas', 'soufiane', 'nordin', 'redouane', 'zakaria', 'othman', 'hamid', 'samir', 'mounir', 'jamal', 'najib', 'tarik', 'younes',
  'imad', 'walid', 'aziz', 'hakim', 'malika', 'naima', 'latifa', 'hanane', 'houda', 'salma', 'imane', 'meryem', 'maryam', 'souad', 'zineb', 'hafsa',
  'hajar', 'rania', 'sanae', 'loubna', 'ikram', 'chaima', 'chaimae', 'nour', 'yasmine', 'yasmina', 'sofia', 'soukaina', 'siham', 'karima', 'rachida',
  'najat', 'fatiha', 'zohra', 'zahra', 'nisrine', 'ilham', 'mariam', 'asmae', 'wafae', 'ismail', 'amal',
  // of Turkish origin
  'ahmet', 'huseyin', 'hasan', 'murat', 'osman', 'yusuf', 'ramazan', 'recep', 'halil', 'kemal', 'orhan', 'erdal', 'ercan', 'serkan', 'burak', 'cem',
  'kaan', 'enes', 'furkan', 'yunus', 'onur', 'volkan', 'tolga', 'okan', 'selim', 'emine', 'hatice', 'fatma', 'elif', 'esra', 'merve', 'busra', 'selin',
  'ozlem', 'sibel', 'songul', 'hulya', 'derya', 'dilek', 'serpil', 'tugba', 'kubra', 'ebru', 'seda', 'gamze', 'zehra', 'deniz', 'ozge', 'gulsen',
  // of Polish origin
  'piotr', 'krzysztof', 'tomasz', 'pawel', 'michal', 'marcin', 'lukasz', 'jakub', 'kamil', 'grzegorz', 'mateusz', 'wojciech', 'mariusz', 'dariusz',
  'agnieszka', 'katarzyna', 'malgorzata', 'joanna', 'magdalena', 'ewa', 'dorota', 'beata', 'aleksandra', 'justyna', 'karolina', 'marta', 'zofia', 'kasia',
  // of Romanian origin
  'gheorghe', 'vasile', 'constantin', 'mihai', 'andrei', 'alexandru', 'florin', 'adrian', 'cristian', 'marius', 'bogdan', 'ionut', 'elena', 'ioana',
  'mihaela', 'andreea', 'gabriela', 'georgiana', 'alina', 'florentina', 'cristina', 'daniela', 'ana', 'ionela', 'raluca', 'catalin', 'razvan',
  // of Ukrainian origin
  'olena', 'oleksandr', 'oleksii', 'andrii', 'serhii', 'dmytro', 'volodymyr', 'mykola', 'yurii', 'vasyl', 'ivan', 'olha', 'oksana', 'iryna', 'natalia',
  'tetiana', 'svitlana', 'yuliia', 'kateryna', 'anastasiia', 'viktoriia', 'halyna', 'liudmyla', 'nataliia', 'maksym', 'bohdan', 'taras', 'artem', 'denys',
  // of Congolese origin (French and Lingala first names)
  'fiston', 'glody', 'dieudonne', 'blaise', 'nadege', 'prisca', 'ornella', 'naomi', 'rachel', 'ruth', 'josue', 'moise', 'gracia', 'jonathan', 'chancelle',
  // of Italian and Spanish origin
  'giuseppe', 'giovanni', 'luca', 'francesco', 'salvatore', 'vincenzo', 'antonio', 'angelo', 'rocco', 'carmela', 'giulia', 'francesca', 'paola',
  'jose', 'juan', 'carlos', 'luis', 'manuel', 'francisco', 'javier', 'miguel', 'pedro', 'pablo', 'carmen', 'lucia', 'dolores', 'concetta',
  // (adversarial run r37, B2) first names written with accents, folded, and the second halves of common compounds
  // (`Zoë`, `Seán`, `Hélène`, `Jérôme`, `Ömer`, `Çağlar`, `Marie-Claire`, `Karl-Heinz`)
  'zoe', 'sean', 'helene', 'jerome', 'omer', 'caglar', 'claire', 'raphael', 'gael', 'loic', 'ines', 'elodie', 'cedric', 'frederic', 'gerard',
]);

/**
 * Words after which a first name is a saint's, a king's or a building's (`Sint Jan`, `Koning Boudewijn`, `AZ Jan Palfijn`,
 * `Basisschool Jan Fevijn`, `Stadion Jan Breydel`), folded: no one's name in a text.
 */
const BEFORE_NAMED_PLACES = new Set([
  'sint', 'st', 'saint', 'sainte', 'ste', 'sankt', 'san', 'santa', 'heilige', 'koning', 'koningin', 'prins', 'prinses', 'king', 'queen', 'roi', 'reine',
  'keizer', 'kaiser', 'az', 'uz', 'school', 'basisschool', 'atheneum', 'college', 'lyceum', 'instituut', 'institut', 'stadion', 'ziekenhuis', 'kliniek',
  'hopital', 'hospital', 'campus',
  // (adversarial run r38-B, B1) a park, a square or a place named after one (`Parc Léopold`, `Square Marie-Louise`,
  // `Place Albert`, `Kerk Maria`)
  'parc', 'park', 'square', 'place', 'plein', 'kerk', 'eglise', 'kirche', 'church',
]);
/** The words between two first names of a couple (`Jan en Marie Peeters`, `Jean et Marie Dupont`), folded. */
const COUPLE_WORDS = new Set(['en', 'and', 'et', 'und', '&']);

/**
 * Words after a first name that make the two a shop's, a hospital's, a church's, a school's, a park's or a region's
 * name (adversarial run r38-B, B1: `Albert Heijn`, `Maria Middelares`, `Maria Boodschap`, `Maria Goretti`, `Christian
 * Aid`, `Albert Park`, `Frans Vlaanderen`), folded: no resident's surname. Names once left out of FIRST_NAMES for them
 * (`Albert`, `Maria`, `Frans`, `Christian`) are listed since.
 */
const NAMED_AFTER_FIRST_NAME = new Set([
  'heijn', 'middelares', 'boodschap', 'hemelvaart', 'goretti', 'theresia', 'magdalena', 'immaculata', 'assumpta', 'aid', 'science', 'democrats',
  'democraten', 'park', 'parc', 'kanaal', 'canal', 'dock', 'kerk', 'church', 'eglise', 'kirche', 'ziekenhuis', 'kliniek', 'hospital', 'hopital',
  'school', 'college', 'instituut', 'institut', 'lyceum', 'atheneum', 'stichting', 'fondation', 'foundation', 'vlaanderen', 'guyana', 'polynesie',
]);
/**
 * An article and a ruler's epithet (`Karel de Grote`, `Filips de Goede`, `Charles le Téméraire`, `Alfred the Great`,
 * `Karl der Große`), folded: a king's name, as a Roman numeral after a first name is (`Leopold I`, `Albert II`).
 */
const RULER_EPITHET = /^(?:de|le|the|der)\s(?:grote|goede|stoute|kale|dappere|schone|vrome|grand|bel|bon|hardi|temeraire|great|good|bold|grosse|kahle|kuhne)$/;
const ROMAN_NUMERAL = /^(?:X{0,2})(?:IX|IV|V?I{0,3})$/;

/**
 * The words from `at` on (after a first name) name a shop, a hospital, a region or a ruler (NAMED_AFTER_FIRST_NAME,
 * RULER_EPITHET, ROMAN_NUMERAL), not a surname: adversarial run r38-B, B1.
 */
function namedAfterFirstName(words: readonly string[], at: number): boolean {
  const word = bareWord(words[at] ?? '');
  if (NAMED_AFTER_FIRST_NAME.has(foldedWord(word)) || (word !== '' && ROMAN_NUMERAL.test(word))) return true;
  return at + 1 < words.length && RULER_EPITHET.test(foldedWord(`${words[at]} ${bareWord(words[at + 1])}`));
}

/** A word of a text as a name rule reads it: the marks before and after it taken away (`(Jan`, `Peeters,`, `"Peeters"`). */
function bareWord(word: string): string {
  return word.replace(/^[("'“‘«[]+/u, '').replace(/[)"'”’»\],.;:!?]+$/u, '');
}

/**
 * A folded word of FIRST_NAMES, accents taken away (`Zoë`, `Chloé`, `Seán`), or a compound of two or three of them
 * (adversarial run r37, B2: `Jean-Pierre`, `Karl-Heinz`, `Anne-Marie`, `Jan-Willem`, `Hans-Peter`): one first name.
 */
function listedFirstName(folded: string): boolean {
  const parts = folded.split('-');
  return parts.length <= 3 && parts.every((part) => FIRST_NAMES.has(part));
}

/** A word that is a first name of FIRST_NAMES, capitalised or in capitals, no mark after it (`Jan`, `JAN`; not `Jan,`). */
function firstNameWord(raw: string): boolean {
  const word = bareWord(raw);
  return word === raw.replace(/^[("'“‘«[]+/u, '') && (NAME_WORD.test(word) || SURNAME_IN_CAPITALS.test(word)) && listedFirstName(foldedWord(word));
}

/** The words from `start` on are a surname, particles before it or not (`Peeters`, `van Damme`, `de la Fontaine`), no place's, service's or street's word. */
function surnameAt(words: readonly string[], start: number): boolean {
  let at = start;
  while (at < words.length && at < start + 3 && NAME_PARTICLES.has(foldedWord(bareWord(words[at])))) at++;
  const word = bareWord(words[at] ?? '');
  const folded = foldedWord(word);
  if (!(NAME_WORD.test(word) || SURNAME_IN_CAPITALS.test(word)) || HEADING_WORDS.has(folded) || LETTERED_PLACE_WORDS.has(folded)) return false;
  return !POLICE_ZONE_OR_SERVICE.test(folded) && !STREET_ONLY_END.test(folded) && !namesStreet(words, at + 1);
}

/**
 * A first name (FIRST_NAMES) and a surname after other words (adversarial run r36, B1: `Verklaring van Jan Peeters`,
 * `Aangifte door Marie Dubois`, `Témoignage de Jean Dupont`, `Beschwerde von Hans Müller`, `Klacht Jan Peeters`,
 * `Overleg met de burgemeester, Jan Peeters`), not after a saint's, a king's or a building's word (`Sint Jan`, `AZ Jan
 * Palfijn`), not a street's (`Jan Frans Willemsstraat`); or two first names and a surname, a couple (`Jan en Marie
 * Peeters`: adversarial run r36, B2); at the start of a text too, a name alone as well (adversarial run r37, B1).
 */
function firstNameAndSurnameAfterWords(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i + 1 < words.length; i++) {
    if (!firstNameWord(words[i])) continue;
    const couple = i + 3 < words.length && COUPLE_WORDS.has(foldedWord(words[i + 1])) && firstNameWord(words[i + 2]) && surnameAt(words, i + 3);
    if (couple) return true;
    // (adversarial run r37, B1) at the start of a text too (`Jan Peeters wil minder overlast`, `Marie Dubois`, `Anna de
    // Vries vraagt`): the name alone of the earlier rounds is a person as well, never a place of the must-pass lists
    if (i > 0 && BEFORE_NAMED_PLACES.has(foldedWord(bareWord(words[i - 1])))) continue;
    if (surnameAt(words, i + 1) && !namedAfterFirstName(words, i + 1)) return true;
  }
  return surnameThenFirstNameAtStart(words);
}

/**
 * A surname, then a first name of FIRST_NAMES, at the start of a text, alone or before a word in small letters or a
 * mark (adversarial run r37, B1: `Peeters Jan wil minder overlast`, `PEETERS Jan`, `Peeters Jan: minder overlast`), as
 * administrations write a name; not after a saint's, a king's or a building's word (`Sint Jan`, `Kerk Sint Jan`), and
 * not before a capitalised word, the place's own (`Stadion Jan Breydel`), nor before a street's or a ruler's words
 * (adversarial run r38-B, B1: `Graaf Karel de Goedelaan`, `Graaf Karel de Goede`, once `Karel` was listed).
 */
function surnameThenFirstNameAtStart(words: readonly string[]): boolean {
  if (words.length < 2 || BEFORE_NAMED_PLACES.has(foldedWord(bareWord(words[0]))) || firstNameWord(words[0])) return false;
  if (!firstNameWord(words[1]) && !(bareWord(words[1]) !== words[1] && firstNameWord(bareWord(words[1])))) return false;
  if (words.length > 2 && (namesStreet(words, 2) || namedAfterFirstName(words, 2))) return false;
  const next = words[2];
  return (next === undefined || !/^\p{Lu}/u.test(next) || bareWord(words[1]) !== words[1]) && surnameAt(words.slice(0, 1), 0);
}

/**
 * A first name and a surname (two to four words of a name, `looksLikePersonNameAnyCapitals`), then their role in
 * brackets or after a comma (`Jan Peeters (wijkagent)`, `Marie Dubois (bourgmestre)`, `Kent u Jan Peeters, uw
 * wijkagent?`: adversarial run r31, B1 and B4), in square brackets, after a dash between spaces or, in small letters,
 * right after the name (`Jan Peeters [wijkagent]`, `Jan Peeters - wijkagent`, `Jan Peeters wijkagent`: adversarial run
 * r32, B6). The role is one word of TITLES, PERSON_ROLES, ROLE_WORDS or SITUATION_ROLES, a possessive, an article or
 * one more word before it or not (`(police officer)`); an age or a birth year in brackets marks a person too (`(17
 * jaar)`, `(°1985)`). Two capitalised words may be a place (`Oude Bareel`); before a person's role they are taken for a
 * person: `Oude Bareel (wijkagent)` is refused too, a trade-off README states.
 */
const ROLE_AFTER = /[([]\s{0,3}([^()[\]]{1,40}?)\s{0,3}[)\]]|,\s{0,3}([^,;()[\]]{1,60})|\s[-–—]\s{1,3}([^,;()[\]]{1,60})/gu;
/** Words before a role that do not change it (`uw wijkagent`, `notre agent de quartier`, `the chair`), folded. */
const ROLE_FILLERS = new Set(['uw', 'onze', 'de', 'het', 'een', 'your', 'our', 'the', 'a', 'votre', 'notre', 'le', 'la', 'l', 'un', 'une', 'ihr', 'ihre', 'unser', 'unsere', 'der', 'die']);
/**
 * Who a case or a neighbourhood's matter is about, by their situation (adversarial run r32, B6: `Jan Peeters (klager)`,
 * `(minderjarige)`, `(huurder)`, `(conciërge)`, `(buurtbewoner)`), folded, in Dutch, French, English and German.
 */
const SITUATION_ROLES = new Set([
  'klager', 'klaagster', 'minderjarige', 'huurder', 'huurster', 'verhuurder', 'concierge', 'buurtbewoner', 'bewoonster', 'eigenares', 'overbuur',
  'melder', 'aangeefster', 'jongere', 'minor', 'juvenile', 'tenant', 'landlord', 'neighbour', 'neighbor', 'caretaker', 'janitor', 'mineur', 'mineure',
  'locataire', 'proprietaire', 'voisin', 'voisine', 'gardien', 'gardienne', 'minderjahriger', 'minderjahrige', 'mieter', 'mieterin', 'vermieter',
  'nachbar', 'nachbarin', 'hausmeister',
]);
/** An age or a birth year in brackets after a name (`(17 jaar)`, `(17 ans)`, `(°1985)`, `(born 1985)`, `(*1985)`, `(geb. 1985)`). */
const AGE_OR_BIRTH = /^(?:\d{1,3}\s?(?:jaar|jr|j|ans|an|years?|yrs?|y|jahre?|j\.)\.?(?:\s?(?:oud|old|alt))?|(?:°|\*|born|geboren|geb\.?|ne|nee|ne en|nee en|ne le|geboren in|born in)\s?(?:19|20)\d{2})$/iu;

/** A folded word that names a person's role or situation (`isRoleWord` or SITUATION_ROLES). */
function isPersonRole(word: string): boolean {
  return isRoleWord(word) || SITUATION_ROLES.has(word);
}

/** The two to four words before `end` in `text` (`Kent u Jan Peeters`, `over Marie Dubois`) are a person's name. */
function nameEndsAt(text: string, end: number): boolean {
  const words = text.slice(Math.max(0, end - 200), end).trim().split(/\s+/).slice(-4);
  // a pair with a district's part is a place (`Oudegem Noord (wijkagent)`: placeOfParts, adversarial run r34, F2)
  for (let size = 2; size <= words.length; size++) if (looksLikePersonNameAnyCapitals(words.slice(-size).join(' ')) && !placeOfParts(words.slice(-size))) return true;
  return false;
}

/**
 * A role in brackets after a name not capitalised (adversarial run r34, F2: `jan peeters (wijkagent)`): the words of
 * the part before the bracket are a name in small letters (`nameInSmallLetters`); `anyCase` (a district's or an
 * area's whole cell, where two ordinary words before a role are no place) in any case too (`Peeters jan (wijkagent)`).
 * A goal's title begins with a capital, so there `Minder inbraken (wijkagent)` names no one.
 */
function plainNameBeforeRole(text: string, anyCase: boolean): boolean {
  if (!/[([]/.test(text)) return false;
  for (const match of text.matchAll(ROLE_AFTER)) {
    if (match[1] === undefined || !roleText(match[1], true)) continue;
    const part = text.slice(0, match.index ?? 0).split(/[,;:]|\s[-–—]\s/).at(-1) ?? '';
    if (nameInSmallLetters(part, anyCase)) return true;
  }
  return false;
}

/** What stands in brackets, after a comma or a dash is a person's role (one role word, one more word or fillers before it) or an age. */
function roleText(raw: string, bracketed: boolean): boolean {
  if (bracketed && AGE_OR_BIRTH.test(foldedWord(raw.trim()).replace(/\s+/g, ' '))) return true;
  const role = raw
    .replace(TITLE_OF_WORDS, 'agent')
    .split(/[\s'’]+/)
    .map((word) => foldedWord(word.replace(/[.,;:!?]+$/, '')))
    .filter((word) => word !== '' && !ROLE_FILLERS.has(word));
  // one more word before the role only in brackets (`(police officer)`, `(zone agent)`)
  return (role.length === 1 || (bracketed && role.length === 2 && /^\p{L}+$/u.test(role[0]))) && isPersonRole(role[role.length - 1]);
}

/**
 * A role in small letters right after a name, no mark between them (`Jan Peeters wijkagent`): a role word of five letters
 * or more (not `door`, `by`, a short title), the words before it a name.
 */
function nameThenBareRole(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length < 3) return false;
  let offset = 0;
  for (const word of words) {
    const bare = word.replace(/[.,;:!?]+$/, '');
    const folded = foldedWord(bare);
    if (offset > 0 && /^\p{Ll}{5,40}$/u.test(bare) && isPersonRole(folded) && !BY_WORDS.has(folded) && !['person', 'persoon', 'personne', 'from'].includes(folded) && nameEndsAt(text, offset)) return true;
    offset += word.length + 1;
  }
  return false;
}

function nameBeforeRole(text: string): boolean {
  if (/[(,[\-–—]/.test(text)) {
    for (const match of text.matchAll(ROLE_AFTER)) {
      const bracketed = match[1] !== undefined;
      if (roleText(match[1] ?? match[2] ?? match[3] ?? '', bracketed) && nameEndsAt(text, match.index ?? 0)) return true;
    }
    if (/[([]/.test(text) && nameWithRoleInBrackets(text)) return true;
  }
  return nameThenBareRole(text);
}

/** What brackets hold, no bracket inside (`(Jan Peeters, wijkagent)`). */
const BRACKETED_TEXT = /[([]\s{0,3}([^()[\]]{1,60}?)\s{0,3}[)\]]/gu;

/**
 * A name and its role together in brackets (`Minder inbraken (Jan Peeters, wijkagent)`), read alone as
 * `nameBeforeRole` reads a text; or a name in brackets after a role (`met de wijkagent (Jan Peeters)`): adversarial run
 * r33, B5. `Stad Gent (burgemeester)` and `wijkagent (Noord)` name no one.
 */
function nameWithRoleInBrackets(text: string): boolean {
  for (const match of text.matchAll(BRACKETED_TEXT)) {
    const inside = match[1];
    if (inside.includes(',') && nameBeforeRole(inside)) return true;
    const before = foldedWord(text.slice(0, match.index ?? 0).trim().split(/\s+/).at(-1) ?? '');
    if (isPersonRole(before) && looksLikePersonNameAnyCapitals(inside)) return true;
  }
  return false;
}

/**
 * A surname, a comma and one capital letter, its dot or not, ending the part (`Peeters, J`, `PEETERS, J.`, `Peeters,
 * J en Dubois, M`: adversarial run r31, B6): a surname and an initial. Not a place's letter (`Noord, B`, `Blok, C`: a
 * word of LETTERED_PLACE_WORDS), nor a capital starting more words (`Oudegem, A Safer Place`). `Peeters J` without
 * the comma or the dot is not judged: it cannot be told from a district's part (`Oudegem B`, `Noord B`, `Zone A`).
 */
const SURNAME_COMMA_INITIAL = /(?<![\p{L}\p{N}.'’-])(\p{Lu}[\p{L}\p{M}'’-]{1,40}),\s{0,3}\p{Lu}\.?(?=\s{0,3}$|\s{0,3}[,;:)\]}!?]|\s[-–—]\s|\s\p{Ll})/gu;
/** Words a district's part is lettered after (`Noord B`, `Blok C`, `Fase A`), folded: no surname before an initial. */
const LETTERED_PLACE_WORDS = new Set([
  'noord', 'zuid', 'oost', 'west', 'centrum', 'nord', 'sud', 'est', 'ouest', 'centre', 'north', 'south', 'east', 'center', 'nordost', 'sued', 'blok',
  'bloc', 'block', 'fase', 'phase', 'sector', 'secteur', 'sektor', 'deel', 'partie', 'part', 'teil', 'plan', 'optie', 'option', 'variant', 'variante',
  'type', 'categorie', 'category', 'kategorie', 'niveau', 'level', 'klasse', 'classe', 'class', 'groep', 'groupe', 'group', 'gruppe', 'cluster',
]);

function surnameCommaInitial(text: string): boolean {
  if (!text.includes(',')) return false;
  for (const match of text.matchAll(SURNAME_COMMA_INITIAL)) {
    const word = match[1];
    const folded = foldedWord(word);
    if ((NAME_WORD.test(word) || SURNAME_IN_CAPITALS.test(word)) && !HEADING_WORDS.has(folded) && !LETTERED_PLACE_WORDS.has(folded)) return true;
  }
  return false;
}

/**
 * A word of a text that is a user name (adversarial run r24b, B): in small letters as a heading's word is
 * (`Gebruiker: jan.peeters`), an initial and a name (`j.peeters`) or two capitalised names (`Jan.Peeters`).
 */
function userNameIn(line: string): boolean {
  if (addressCutAtDomain(line)) return true;
  if (!line.includes('.')) return false;
  return line.split(/[\s,;:()<>"]+/).some((word) => {
    const bare = word.replace(/[.!?'’]+$/, '');
    // a web site's name (`gent.be`, `stad.gent`) is no user name: `bareHostIn` judges it as a web address
    if (COMMON_DOMAIN_ENDINGS.has((bare.split('.').at(-1) ?? '').toLowerCase())) return false;
    if (looksLikeUserName(bare)) return true;
    const [first, second] = bare.split('.');
    return userNameCell(bare) && (/^\p{Ll}$/u.test(first) || (NAME_WORD.test(first) && NAME_WORD.test(second)));
  });
}

/** A line with a person's label and its value or with an introduced name in one of its parts (`labelledPerson`, `introducedPerson`). */
function personLabelledOrIntroduced(line: string): boolean {
  // a word's feminine ending in brackets is part of the word, not a part of the text (`Né(e) le : 30/07/1985`)
  return line.replace(/(\p{L})\(e\)/giu, '$1e').split(TEXT_PART_SEPARATOR).some((part) => labelledPerson(part) || introducedPerson(part));
}

/** The words of a label that names a person or their birth (`Naam`, `Voornaam`, `Melder`, `Contact`, `Auteur`, `Geboren`), folded. */
const PERSON_LABEL_HEADS = new Set([
  'naam', 'voornaam', 'achternaam', 'familienaam', 'voornamen', 'name', 'surname', 'fullname', 'firstname', 'lastname', 'nom', 'prenom', 'prenoms',
  'vorname', 'nachname', 'familienname', 'melder', 'aangever', 'klager', 'plaignant', 'plaignante', 'declarant', 'declarante', 'complainant',
  'contactpersoon', 'contactperson', 'contact', 'kontakt', 'ansprechpartner', 'auteur', 'author', 'autor', 'verfasser', 'geboortedatum',
  'geburtsdatum', 'birthdate', 'dateofbirth', 'datedenaissance', 'dob', 'naissance', 'birth', 'geboren', 'born',
]);
/** The words that complete such a label (`Date of birth`, `Nom de famille`, `Geboren op`, `Contact person`), folded. */
const PERSON_LABEL_WORDS = new Set([
  ...PERSON_LABEL_HEADS, 'date', 'datum', 'full', 'first', 'last', 'family', 'given', 'volledige', 'famille', 'personne', 'person', 'op', 'am', 'on',
]);
/** Labels that say by whom (`Opgesteld door`, `Signalé par`, `Reported by`), their words folded, fillers left out. */
const PERSON_BY_LABELS = new Set([
  'opgesteld door', 'opgemaakt door', 'gemeld door', 'ingediend door', 'ingevuld door', 'geschreven door', 'redige par', 'redigee par', 'signale par',
  'rempli par', 'ecrit par', 'reported by', 'written by', 'prepared by', 'drafted by', 'submitted by', 'erstellt von', 'verfasst von', 'gemeldet von',
]);
/** `né le`, `née le` (`né(e) le` read as `née le`): their words folded, as written. */
const BORN_ON_LABELS = new Set(['ne le', 'nee le']);

/**
 * A label that names a person or a birth date, a colon and a value after it (`Naam: Jan Peeters`, `Opgesteld door:
 * MARIE DUBOIS`, `Geboortedatum: 30/07/1985`, `Date de naissance : …`): the label from the start of the part or of a
 * sentence in it. A question after it (`Contact: hoe wilt u gecontacteerd worden?`) asks for the value, it is none.
 */
function labelledPerson(part: string): boolean {
  // a label's `=` as its colon (`verantwoordelijke = Jan Peeters`: adversarial run r33, B5)
  const pieces = part.split(/[:=]/);
  // each colon's label: the words before it, from the previous colon or the start of a sentence (`Doel 3. Naam: Jan`)
  for (let i = 0; i + 1 < pieces.length; i++) {
    const after = pieces.slice(i + 1).join(':').trim();
    if (!/[\p{L}\p{N}]/u.test(after) || /[?？]\s*$/.test(after)) continue;
    // a value that names what is asked restates the label (`Naam: voornaam en achternaam`), as a heading's (`labelledData`)
    if (namesIdentifier(after)) continue;
    const words = labelWords(pieces[i].split(/[.!?]\s/).at(-1) ?? '');
    const content = words.filter((word) => !FILLER_WORDS.has(word));
    if (BORN_ON_LABELS.has(words.join(' ')) || PERSON_BY_LABELS.has(content.join(' '))) return true;
    // (a service as the value names no one: `contact: wijkteam noord`, adversarial run r33, left item 7)
    const personLabel = content.length > 0 && content.length <= 4 && content.every((word) => PERSON_LABEL_WORDS.has(word)) && content.some((word) => PERSON_LABEL_HEADS.has(word));
    if (personLabel && !namesNoOne(after)) return true;
    // a role as the label, a person's name as its value (`Verantwoordelijke: Jan Peeters`, `Lead: John Smith`, `Chair: JOHN
    // SMITH`: adversarial run r31, B1), in small letters too (`verantwoordelijke: peeters jan`: adversarial run r33, left
    // item 7): the lists above are of labels that name any value a person's, a role's label names a name only
    // (`Trekker: Wijk Noord`, `Lead: politie en stad` pass)
    if (content.length > 0 && content.length <= 3 && isRoleWord(content[content.length - 1]) && (namedAfter(valueWords(after)) || nameInSmallLetters(after))) return true;
  }
  return false;
}

/**
 * Words of a label's value that name no one (adversarial run r33, left item 7), folded: a service, a team and its place
 * (`dienst preventie`, `wijkteam noord`, `service prévention`, `city police department`), who else may take a task (`alle
 * partners`, `de bewoners`) and ordinary words (`nog te bepalen`); HEADING_WORDS (`politie`, `stad`, `wijk`, `service`),
 * roles and words that end as a service's do (SERVICE_ENDINGS: `wijkteam`, `preventiedienst`, `buurtpolitie`) too.
 */
const NO_ONE_WORDS = new Set([
  'dienst', 'diensten', 'team', 'teams', 'preventie', 'prevention', 'afdeling', 'cel', 'unit', 'department', 'departement', 'ocmw', 'caw', 'pz',
  'noord', 'zuid', 'oost', 'west', 'centrum', 'north', 'south', 'east', 'nord', 'sud', 'est', 'ouest', 'centre', 'center',
  'en', 'of', 'and', 'or', 'et', 'ou', 'met', 'with', 'avec', 'samen', 'together', 'ensemble', 'alle', 'allen', 'iedereen', 'all', 'everyone', 'tous',
  'toutes', 'partners', 'partenaires', 'bewoners', 'buren', 'residents', 'habitants', 'burgers', 'citizens', 'nog', 'te', 'bepalen', 'later', 'onbekend',
  'unknown', 'inconnu', 'nvt', 'tbd', 'tbc', 'volgt', 'niemand', 'nobody', 'personne', 'iedere', 'elke', 'zelf', 'self',
]);
/** How a service's word ends (`wijkteam`, `preventiedienst`, `buurtpolitie`, `buurtwerk`, `meldpunt`, `onthaalloket`), folded. */
const SERVICE_ENDINGS = /(?:dienst|diensten|team|teams|politie|police|werk|loket|punt|centrum|huis|afdeling|service|services)$/;

/** A folded word that names no one (NO_ONE_WORDS, a heading's word, a particle or a filler, a role, a service's ending). */
function namesNoOneWord(word: string): boolean {
  return NO_ONE_WORDS.has(word) || HEADING_WORDS.has(word) || FILLER_WORDS.has(word) || NAME_PARTICLES.has(word) || isRoleWord(word) || SERVICE_ENDINGS.test(word);
}

/** A label's whole value as words, its closing mark left out (`wijkteam noord.` -> `wijkteam`, `noord`). */
function wholeValueWords(value: string): string[] {
  return value.trim().replace(/[.,;:!?]+$/, '').split(/\s+/).filter(Boolean);
}

/** A label's value of up to six words of letters, each naming no one (`namesNoOneWord`): `wijkteam noord`, `dienst preventie`. */
function namesNoOne(value: string): boolean {
  const words = wholeValueWords(value);
  return words.length > 0 && words.length <= 6 && words.every((word) => /^\p{L}[\p{L}\p{M}'’-]*$/u.test(word) && namesNoOneWord(foldedWord(word)));
}

/**
 * A name in small letters as a label's whole value (`peeters jan`, `jan van damme`: adversarial run r33, left item 7): two
 * or three words of letters, particles aside, none naming no one (`namesNoOneWord`). A service (`dienst preventie`,
 * `politie en stad`) or `nog te bepalen` is none; two ordinary words no list holds would be taken for a name, the price
 * of finding a name typed in small letters after a role. `anyCase`: the words in any case (`Peeters jan`), for a
 * district's cell before a role in brackets (`plainNameBeforeRole`).
 */
function nameInSmallLetters(value: string, anyCase = false): boolean {
  const words = wholeValueWords(value);
  const plain = anyCase ? /^\p{L}[\p{L}\p{M}'’-]*$/u : /^\p{Ll}[\p{Ll}\p{M}'’-]*$/u;
  if (words.length < 2 || words.length > 5 || !words.every((word) => plain.test(word))) return false;
  const own = words.map(foldedWord).filter((word) => !NAME_PARTICLES.has(word));
  return own.length >= 2 && own.length <= 3 && own.every((word) => word.length >= 2 && !namesNoOneWord(word));
}

/**
 * Who holds a task or an office (`Verantwoordelijke`, `Lead`, `Chair`, `Trekker`, `Président`), folded: before a colon
 * and a name (`labelledPerson`) or after a name (`nameBeforeRole`), beside ROLE_WORDS and TITLES (adversarial run r31, B1).
 */
const PERSON_ROLES = new Set([
  'verantwoordelijke', 'verantwoordelijk', 'lead', 'leader', 'chair', 'chairman', 'chairwoman', 'chairperson', 'trekker', 'coordinator', 'coordinatrice',
  'coordinateur', 'koordinator', 'projectleider', 'projectverantwoordelijke', 'teamleider', 'diensthoofd', 'aanspreekpunt', 'referent', 'referente',
  'responsable', 'owner', 'eigenaar', 'manager', 'secretaris', 'secretaire', 'secretary', 'woordvoerder', 'spokesperson', 'leiter', 'leiterin',
  'verantwortlich', 'verantwortliche', 'president', 'presidente', 'prasident', 'prasidentin', 'voorzitster', 'penningmeester', 'tresorier', 'treasurer',
  'assigned', 'toegewezen', 'attribue', 'attribuee', 'zugewiesen',
]);

/** A folded word that names someone's role: PERSON_ROLES, ROLE_WORDS or TITLES. */
function isRoleWord(word: string): boolean {
  return PERSON_ROLES.has(word) || ROLE_WORDS.has(word) || titleWord(word);
}

/** The words of a label's value as `namedAfter` reads them: up to four, trailing marks removed. */
function valueWords(value: string): string[] {
  return value.split(/\s+/).filter(Boolean).slice(0, 4).map((word) => word.replace(/[.,;:!?]+$/, ''));
}

/** Words that introduce a person (`Klacht van`, `Opgesteld door`, `Reported by`, `Contact`), folded, one or two words. */
const PERSON_INTRODUCERS = new Set([
  'opgesteld door', 'opgemaakt door', 'gemeld door', 'ingediend door', 'klacht van', 'klacht door', 'plainte de', 'signale par', 'reported by',
  'complaint from', 'complaint by', 'melder', 'aangever', 'klager', 'plaignant', 'plaignante', 'complainant', 'contact', 'contactpersoon',
  // who asked or proposed (adversarial run r30, B5: `Asked by Jan Peeters`, `Gevraagd door Peeters Jan`)
  'asked by', 'requested by', 'request by', 'request from', 'proposed by', 'completed by', 'gevraagd door', 'aangevraagd door', 'voorgesteld door',
  'vraag van', 'verzoek van', 'demande par', 'demandee par', 'demande de', 'propose par', 'proposee par',
  // who submitted, follows up, is assigned or acts for (adversarial run r31, B1: `Submitted by John Smith`, `Opgevolgd
  // door Jan Peeters`, `Toegewezen aan Jan Peeters`, `On behalf of John Smith`, `Suivi par Marie Dubois`)
  'submitted by', 'ingediend door', 'opgevolgd door', 'behandeld door', 'toegewezen aan', 'namens', 'in naam van', 'on behalf of', 'assigned to',
  'followed up by', 'handled by', 'led by', 'chaired by', 'geleid door', 'voorgezeten door', 'suivi par', 'suivie par', 'traite par', 'traitee par',
  'attribue a', 'attribuee a', 'au nom de', 'de la part de', 'preside par', 'presidee par', 'eingereicht von', 'bearbeitet von', 'zugewiesen an',
  'im auftrag von', 'im namen von', 'geleitet von',
  // a remark's label before a name, or about one (adversarial run r32, B5: `Notes Jan Peeters 1985`, `Opmerking over Jan
  // Peeters`): a remark about a person; `Opmerking over Wijk Noord` names a place (a heading word), not a person
  'notes', 'note', 'notitie', 'notities', 'opmerking', 'opmerkingen', 'remarque', 'remarques', 'commentaire', 'commentaires', 'comment', 'comments',
  'commentaar', 'toelichting', 'bemerkung', 'anmerkung', 'notiz', 'opmerking over', 'opmerkingen over', 'notitie over', 'commentaar over',
  'toelichting bij', 'note about', 'notes about', 'note on', 'notes on', 'comment about', 'comments about', 'remarque sur', 'remarques sur',
  'commentaire sur', 'note sur', 'notes sur', 'bemerkung zu', 'anmerkung zu', 'notiz zu', 'notiz uber',
  // (adversarial run r33, B5) who works with or is thanked, whose wish or mail it is (`in samenwerking met Jan Peeters`,
  // `met dank aan Jan Peeters`, `auf Wunsch von Hans Müller`, `zie mail van Jan Peeters`), and a role holder without a
  // colon (`verantwoordelijke Jan Peeters`, `responsable Jean Dupont`, `coördinator Jan Peeters`, `projectleider Jan
  // Peeters`, `owner John Smith`, `resp. Jan Peeters`); `verantwoordelijke Wijk Noord` names a place (a heading word)
  'in samenwerking met', 'met dank aan', 'dankzij', 'auf wunsch von', 'zie mail van', 'mail van', 'in collaboration with', 'thanks to',
  'en collaboration avec', 'merci a', 'verantwoordelijke', 'responsable', 'coordinator', 'coordinatrice', 'coordinateur', 'projectleider',
  'owner', 'resp.',
  // (adversarial run r34, F5) whose report, idea, proposal or file it is, or with whom one meets (`Melding van Jan
  // Peeters`, `Idee van Jan Peeters`, `Voorstel van Jan Peeters`, `Overleg met Jan Peeters`, `Dossier Jan Peeters`), in
  // Dutch, French and English; `Melding van inbraken`, `Voorstel van het college`, `Overleg met Stad Gent` name no one
  'melding van', 'idee van', 'voorstel van', 'overleg met', 'dossier', 'signalement de', 'idee de', 'proposition de', 'concertation avec',
  'idea from', 'proposal from', 'proposal by', 'meeting with',
]);
/** The most words of an introducer (`on behalf of`, `de la part de`). */
const LONGEST_INTRODUCER = Math.max(...[...PERSON_INTRODUCERS].map((words) => words.split(' ').length));

/**
 * Words that introduce a person followed by their name: two capitalised words (`Klacht van Marie Dubois`), a name
 * in capitals (`Opgesteld door MARIE DUBOIS`) or a user name (`Contact jan.peeters`). A name is two to four words,
 * all capitalised or all in capitals (particles aside), no heading word among them: `Contact met buurtbewoners`,
 * `Klacht van buren`, `Contact Wijk Noord` and `Klacht van OCMW Gent` name no one.
 */
function introducedPerson(part: string): boolean {
  const words = part.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    for (let length = 1; length <= LONGEST_INTRODUCER; length++) {
      if (i + length >= words.length || !PERSON_INTRODUCERS.has(words.slice(i, i + length).map(foldedWord).join(' '))) continue;
      if (namedAfter(valueWords(words.slice(i + length, i + length + 4).join(' ')))) return true;
    }
  }
  return false;
}

/** The words after an introducer begin with a person's name (`introducedPerson`). */
function namedAfter(next: string[]): boolean {
  const [first = ''] = next;
  if (/^\p{L}{2,}\.\p{L}{2,}$/u.test(first) && !first.split('.').some((word) => HEADING_WORDS.has(foldedWord(word)))) return true;
  // a first name and a surname in capitals (`Jan PEETERS`: r30, B5); not capitals first (`OCMW Gent` is a service)
  if (next.length >= 2 && NAME_WORD.test(next[0]) && SURNAME_IN_CAPITALS.test(next[1]) && !HEADING_WORDS.has(foldedWord(next[0]))) return true;
  // a surname and an initial (`Overleg gevraagd door Peeters J`: adversarial run r31, B6): after an introducer one
  // capital letter is no district's part (`PZ Gent`, two capitals first, is a service)
  const [, second = ''] = next;
  const placeWord = HEADING_WORDS.has(foldedWord(first)) || LETTERED_PLACE_WORDS.has(foldedWord(first));
  if ((NAME_WORD.test(first) || SURNAME_IN_CAPITALS.test(first)) && /^\p{Lu}$/u.test(second) && !placeWord) return true;
  for (const nameWord of [(word: string) => NAME_WORD.test(word), (word: string) => SURNAME_IN_CAPITALS.test(word)]) {
    let length = 0;
    while (length < next.length && (nameWord(next[length]) || NAME_PARTICLES.has(foldedWord(next[length])))) length++;
    for (let end = length; end >= 2; end--) if (looksLikePersonNameAnyCapitals(next.slice(0, end).join(' ')) && !placeOfParts(next.slice(0, end))) return true;
  }
  return false;
}

/**
 * Capitalised words of which one is a district's part (`Oudegem Noord`, `Gent Centrum`, `Sector Oost`: LETTERED_PLACE_WORDS)
 * or ends as a police zone or a service does (`Politiezone Gent`, `Preventiedienst Gent`, `Jeugdteam Noord`): a place
 * or a service after an introducer (`Overleg met Oudegem Noord`, `Dossier Gent Centrum`, `Overleg met Politiezone Gent`:
 * adversarial run r34, F5), not a name.
 */
const POLICE_ZONE_OR_SERVICE = /(?:zone|politie|police|dienst|team)$/;

function placeOfParts(words: readonly string[]): boolean {
  return words.some((word) => LETTERED_PLACE_WORDS.has(foldedWord(word)) || POLICE_ZONE_OR_SERVICE.test(foldedWord(word)));
}

/**
 * A text (plain) of which a part holds, in a few of its words, a marked person's name or a street address
 * (`partNamesPerson`). `lowerAfterTitle` (a district's cell): a name in lower case after a title with its dot counts
 * too (`wijk rond dhr. peeters`), as it does for the whole cell; a free text may write a title so before other words.
 */
function partsNamePerson(text: string, lowerAfterTitle = false): boolean {
  return readForNames(text)
    .split(LINE_BREAK)
    // an address may hold a comma (`Kerkstraat, 12`, `12, rue de la Loi`): the whole line is searched for one too
    .some((line) => line.split(TEXT_PART_SEPARATOR).some((part) => partNamesPerson(part, lowerAfterTitle)) || (line.includes(',') && partNamesPerson(line, false, true)));
}

/** The most words a name or an address is looked for in (`Boulevard du Roi Albert II 12`: adversarial run r25b, F3). */
const FEW_WORDS = 7;

/** A part of a free text holding, in one to seven of its words, a marked person's name or a street address (`addressesOnly`: an address). */
function partNamesPerson(part: string, lowerAfterTitle = false, addressesOnly = false): boolean {
  const words = part.split(/\s+/).filter(Boolean);
  // only the words of a few can make them a marked name (a title or an initial) or an address (a number): the rules
  // run on the few that hold one, so a long cell of plain words costs one pass
  const marked = addressesOnly ? words.map(() => words.length) : nextWhere(words, (word) => isTitle(/^[^.]*\.?/.exec(word)?.[0] ?? word) || INITIALS.test(word) || /^\p{Lu}\.|-\p{Lu}\.$/u.test(word));
  const numbered = nextWhere(words, (word) => /\d/.test(word));
  // a name needs a word of its own beside its titles, an address a word with letters beside its number: windows
  // without one are never judged (a text of 500 titles or 1,000 numbers took tens of milliseconds)
  const named = addressesOnly ? words.map(() => words.length) : nextWhere(words, (word) => /\p{L}{2}/u.test(word) && !isTitle(word.replace(/[,;:!?]+$/, '')));
  const lettered = nextWhere(words, (word) => /\p{L}/u.test(word));
  for (let start = 0; start < words.length; start++) {
    // one word as well: a title or an initial joined to a name by its dot (`Dr.Peeters`)
    for (let end = start + 1; end <= Math.min(words.length, start + FEW_WORDS); end++) {
      const nameHere = marked[start] < end && named[start] < end;
      const addressHere = numbered[start] < end && lettered[start] < end;
      if (!nameHere && !addressHere) continue;
      const few = words.slice(start, end).join(' ');
      const lower = lowerAfterTitle && /^\p{L}+\.$/u.test(words[start]) && isTitle(words[start]);
      if (nameHere && markedPersonName(few, false, lower) && !namesStreet(words, end)) return true;
      if (addressHere && !YEAR_WORD.test(words[end - 1]) && !YEAR_WORD.test(words[start]) && looksLikeStreetAddress(few, true, !numberedStep(words, start))) return true;
    }
  }
  return false;
}

/**
 * Words that number a step, a part or an area (`Fase 2`, `Doel 3`, `Zone 12`), folded: the number after one is theirs,
 * not a house number before a street (`Fase 2 Stationsplein`), since houses are numbered first (adversarial run r36-B, B4).
 */
const NUMBERING_WORDS = new Set([
  'fase', 'phase', 'stap', 'step', 'etappe', 'deel', 'part', 'partie', 'teil', 'actie', 'action', 'doel', 'goal', 'objectif', 'ziel', 'week', 'dag',
  'day', 'punt', 'point', 'item', 'prioriteit', 'priority', 'plan', 'optie', 'option', 'variant', 'versie', 'version', 'ronde', 'round', 'golf', 'wave',
  'zone', 'wijk', 'sector', 'secteur', 'sektor', 'blok', 'bloc', 'block', 'lot', 'cluster', 'groep', 'group', 'niveau', 'level', 'pijler', 'pilier',
  'hoofdstuk', 'chapter', 'top', 'nr', 'no', 'nummer', 'number',
]);

/** The word before `start` numbers a step or an area (NUMBERING_WORDS): the number at `start` is its own, no Dutch house number first. */
function numberedStep(words: readonly string[], start: number): boolean {
  return start > 0 && /^\d/.test(words[start]) && NUMBERING_WORDS.has(foldedWord(words[start - 1].replace(/[.:#]+$/, '')));
}

/**
 * True when the words from `end` on continue a name into a street's (`Graaf Karel de Goedelaan`, `Dokter Van de
 * Perrestraat`): a titled name that is part of a street's name is the street's.
 */
function namesStreet(words: readonly string[], end: number): boolean {
  for (let k = end - 1; k < Math.min(words.length, end + 5); k++) {
    const word = words[k].replace(/[.,;:!?]+$/, '');
    if (STREET_ONLY_END.test(foldedWord(word))) return true;
    if (k >= end && !NAME_WORD.test(word) && !NAME_PARTICLES.has(foldedWord(word))) return false;
  }
  return false;
}

/** For each word, the index of the first word from it on that `holds` (the number of words when none does). */
function nextWhere(words: readonly string[], holds: (word: string) => boolean): number[] {
  const next = new Array<number>(words.length + 1).fill(words.length);
  for (let i = words.length - 1; i >= 0; i--) next[i] = holds(words[i]) ? i : next[i + 1];
  return next;
}

/**
 * True for a cell of a district or area column that looks like personal data: an identifier
 * (`looksLikeIdentifier`: an e-mail address, a phone number, an IP address, a national number, an IBAN, a token),
 * a street address (`Kerkstraat 12 bus 3`, `Rue Haute 12`), or a person's name that a title or an initial marks
 * (`Mevrouw Dubois`, `J. Peeters`, `Peeters J.`), as the whole cell or, as in a free text (`partsNamePerson`), in a
 * part or a few words of it (`Wijk J. Peeters`, `Zuid (Dr. Peeters)`, `Noord, Kerkstraat 12`: adversarial run r20b,
 * finding 1); a cell longer than a free text judged is refused unjudged. A district may be named by capitalised words (`Sint
 * Amandsberg`, `Bergen op Zoom`), so a name of plain words (`Jan Peeters`) cannot be told from one and passes:
 * the districts the population figures know are what keeps such a name out (adversarial run r14, F5 and F8). A name
 * after a person's label or an introducer, or before a role (`Asked by Jan Peeters`, `Jan Peeters (wijkagent)`), is
 * refused as in a free text: `personalDataInText` is the judge both share (adversarial run r31, B5).
 */
export function personalDistrict(value: string): boolean {
  if (value.length > LONGEST_HEADING_CHECKED) return true;
  const text = plainCharacters(value).trim();
  // a date among a district's words may be a birth date (adversarial run r29, item 6: `Noord 30/07/1985`)
  return personalDataInText(text, true) || namedOrAddress(text) || readsAsSentence(text) || userNameCell(text) || dateAmongWords(text) || MOBILE_WITHOUT_ZERO_ALONE.test(text);
}

/**
 * A value typed on the command line that holds personal data a usage error must not echo (adversarial run r35, F4:
 * `admin "Mevr. Dubois"`, `report --lang "J. Peeters"`, an unknown command `"Kerkstraat 12"`): the judge of a
 * district's cell (`personalDistrict`: an identifier, a marked or roled name, a street address), without its rules
 * for a cell's other shapes: a word, a dot and a word is a file's name typed (`config.yaml`, `x.db`), not a user name,
 * and a value is no resident's sentence or birth date.
 */
export function personalTypedValue(value: string): boolean {
  if (value.length > LONGEST_HEADING_CHECKED) return true;
  const text = plainCharacters(value).trim();
  return personalDataInText(text, true) || namedOrAddress(text);
}

/** A user name as the whole cell (`jan.peeters`, `j.peeters`, `Jan.Peeters`): a word, a dot, a word; a saint's `St.` aside (`St.Gillis`). */
const USER_NAME_CELL = /^(\p{L}{1,30})\.\p{L}{2,30}$/u;
/** What may stand before a dot in a place's name written as one word: a saint, Mount, Our Lady's letters (`St.Gillis`, `Mt.Saint`, `O.L.Vrouw`). */
const PLACE_ABBREVIATIONS = new Set(['st', 'ste', 'sint', 'mt', 'o', 'l', 'v', 'av', 'bd', 'pl']);

/**
 * An e-mail address cut before its domain (adversarial run r34, F2 and F5: `jan.peeters@`, `j.peeters@`, `jan_peeters@`,
 * `jan.peeters at`), where `jan.peeters` alone is a user name already: a user name joined by a dot or an underscore,
 * then `@` (or `%40`) or ` at` with nothing of a domain after it (a closing mark aside: `jan.peeters@.`), or one word
 * or words joined by `-` with `@` glued to it (`peeters@`, `jan-peeters@`). `Noord at night`
 * and `Overleg @ stadhuis` have no user name before `at` or `@`; a whole address is EMAIL's.
 */
const ADDRESS_CUT_AT_DOMAIN =
  /(?<![\p{L}\p{N}._%+-])(?:\p{L}[\p{L}\p{N}]{0,30}[._]\p{L}[\p{L}\p{N}]{0,30}(?:\s{0,3}(?:[@＠﹫]|%40)|\s{1,3}[Aa][Tt])|\p{L}[\p{L}\p{N}]{0,30}(?:-\p{L}[\p{L}\p{N}]{0,30}){0,2}(?:[@＠﹫]|%40))(?![\p{L}\p{N}@＠﹫_-]|\.[\p{L}\p{N}])/u;

/** A text holding an e-mail address cut before its domain (ADDRESS_CUT_AT_DOMAIN). */
function addressCutAtDomain(text: string): boolean {
  return ADDRESS_CUT_AT_DOMAIN.test(text);
}

/** A district's cell that is a user name (adversarial run r24b, B): USER_NAME_CELL, or one cut from its address (`jan.peeters@`). */
function userNameCell(text: string): boolean {
  if (addressCutAtDomain(text)) return true;
  const first = USER_NAME_CELL.exec(text)?.[1];
  return first !== undefined && !PLACE_ABBREVIATIONS.has(foldedWord(first)) && !HEADING_WORDS.has(foldedWord(first));
}

/** Words a district's name does not hold but a resident's own sentence does: persons and their own, in nl, fr and en. */
const FIRST_PERSON = new Set([
  'ik', 'mijn', 'mij', 'jij', 'jouw', 'je', 'moi', 'nous',
  // and the words of a story about people (adversarial run r24, F4): our, we, he, she, his, my, their, a neighbour
  'onze', 'ons', 'wij', 'hij', 'zijn', 'haar', 'hem', 'my', 'our', 'we', 'he', 'she', 'his', 'him', 'their', 'notre', 'nos',
  'il', 'elle', 'ils', 'elles', 'buurman', 'buurvrouw', 'buurjongen', 'buurmeisje', 'voisin', 'voisine', 'neighbour', 'neighbor',
  // (adversarial run r36-B, B9) the first person of French and German and more persons of a story (`Aucune réaction
  // après ma plainte`, `Unsere Straße ist laut`, `Wir haben Angst`, `Ze zeiden ...`, `Die jongen van nummer 12 dealt`);
  // not `me` (Maître's title) nor `us` (the United States); two capitals are an abbreviation's (`WE`, `ZE`)
  'ich', 'mich', 'mir', 'mein', 'meine', 'meinen', 'meinem', 'meiner', 'wir', 'uns', 'unser', 'unsere', 'unseren', 'unserem',
  'unserer', 'they', 'them', 'ze', 'zij', 'iemand', 'niemand', 'jongen', 'jongens', 'meisje', 'meisjes',
]);
/**
 * French possessives of the first person (adversarial run r36-B, B9: `Aucune réaction après ma plainte`), in small
 * letters only: capitalised they start a place's name (`Ma Campagne`, `Mon Plaisir`).
 */
const FIRST_PERSON_IN_SMALL_LETTERS = new Set(['ma', 'mon', 'mes']);
/** English's `I` as a sentence's subject (`I feel unsafe here`, `I'm scared`), not a Roman numeral (`Sector I`, `Leopold I`). */
const ENGLISH_I = /(?:^|[.!?:]\s{1,3})I\s{1,3}\p{Ll}{2}|(?<![\p{L}])I['’](?:m|ve|ll|d)(?![\p{L}])/u;
/**
 * How a sentence ends or goes on (adversarial run r36-B, B9: `Snel geholpen na een inbraak. Bedankt!`, `... en niemand
 * kwam.`, `Sehr freundliche Beamte.`): an exclamation mark after a word, or a full stop or a question mark after a word
 * ending in four small letters, then the end or a capital; with SENTENCE_END_WORDS words or more. Not after an
 * abbreviation (`Gent e.o.`, `Oudegem Kerkstr.`, `Gent en omstr.`: STREET_END_ABBREVIATED). Group: the word.
 */
const SENTENCE_MARK = /\p{L}{2}!|(\p{L}{0,40}\p{Ll}{4})[.?…]["'’”»)]?(?:\s*$|\s{1,3}\p{Lu})/gu;
/** The fewest words a text with a sentence's mark (SENTENCE_MARK) has to read as a sentence. */
const SENTENCE_END_WORDS = 3;

/** A text with a sentence's mark (SENTENCE_MARK) after a word that is no abbreviation. */
function sentenceMarked(text: string): boolean {
  for (const match of text.matchAll(SENTENCE_MARK)) if (match[1] === undefined || !STREET_END_ABBREVIATED.test(foldedWord(match[1]))) return true;
  return false;
}
/**
 * A house named by its number after a preposition (`de jongen van nummer 12`, `op nr. 5`, `au numéro 3`: adversarial run
 * r36-B, B9): a neighbour told about, no district's name.
 */
const HOUSE_BY_NUMBER = /(?<![\p{L}])(?:van|op|aan|bij|naast|tegenover|du|au|von|bei|neben|at|from)\s{1,3}(?:nummer|nr\.?|n°|numéro|numero|number|no\.|hausnummer)\s{0,3}\d{1,4}(?![\p{N}])/iu;
/**
 * Our Lady, after whom places are named (`Onze Lieve Vrouw`, `Notre Dame`, `Unsere Liebe Frau`, `Our Lady`): its
 * possessive is no resident's first person.
 */
const OUR_LADY_WORDS = /(?<![\p{L}])(?:onze[\s-]{1,3}lieve[\s-]{1,3}vrouw\p{L}{0,20}|notre[\s-]{1,3}dame|unse?re?[\s-]{1,3}(?:lieben?[\s-]{1,3})?fraue?n?|our[\s-]{1,3}lady)(?![\p{L}])/giu;
/** French's elided first person (`J'habite`, `j’ai`). */
const ELIDED_FIRST_PERSON = /(?<!\p{L})j['’]\p{L}/iu;
/** Labels a remark starts with (`Klacht: de buurvrouw ...`, `Remarque : ...`). */
const REMARK_LABEL = /^(?:klacht|klachten|opmerking|opmerkingen|melding|commentaar|toelichting|plainte|remarque|commentaire|complaint|comment|remark|note|notitie)\s*:/iu;
/** A name of this many words or more is a sentence: a district's name has a few (`Binnenstad en Oude Bossche Buurt`). */
const SENTENCE_WORDS = 10;

/**
 * A resident's own words in a district or area cell (free text, which may tell about people: `Mijn buurman Jan
 * verkoopt drugs`, `Klacht: de buurvrouw op nr 5 ...`): ten words or more, a remark's label, or a word of the
 * first person (adversarial run r21, F3); English's `I`, a sentence's marks after three words or more, a house by its
 * number (adversarial run r36-B, B9). Our Lady's name is a place's (OUR_LADY_WORDS). A survey's unknown district
 * already withheld such a text in messages.
 */
function readsAsSentence(text: string): boolean {
  // a full stop parts words only before a space (`St.Gillis`, `O.L.V.` stay one word each)
  const words = text.replace(OUR_LADY_WORDS, ' ').split(/(?:[\s,;:()'’"“”„«»!?]|\.(?=\s|$))+/).filter(Boolean);
  if (words.length >= SENTENCE_WORDS || REMARK_LABEL.test(text) || ELIDED_FIRST_PERSON.test(text) || ENGLISH_I.test(text) || HOUSE_BY_NUMBER.test(text)) return true;
  if (words.length >= SENTENCE_END_WORDS && sentenceMarked(text)) return true;
  return words.some((word) => (FIRST_PERSON.has(foldedWord(word)) && !/^\p{Lu}{2}$/u.test(word)) || FIRST_PERSON_IN_SMALL_LETTERS.has(word));
}

/**
 * A street address (a place may end in `berg` or `dorp`: only endings that name a street alone count) or a
 * person's name that a title or an initial marks: what `personalDistrict` finds beside identifiers, and what a file
 * name withholds (`storedFileName`).
 */
function namedOrAddress(text: string, after = ''): boolean {
  const plain = readForNames(text, after);
  return looksLikeStreetAddress(plain, true) || markedPersonName(plain, true);
}

/** The longest text judged as a marked name: a name with its titles is far shorter, and a longer cell costs nothing. */
const LONGEST_NAME = 160;
/** `O.L.V.`, Onze-Lieve-Vrouw, as places are named after her (`O.L.V. Parochie`, `O.L.V. Lombeek`): no one's initials. */
const OUR_LADY = /(?<![\p{L}.])O\.\s?L\.\s?V\.(?![\p{L}])/gu;
/** A title or an initial and its dot at the start of a word, the name joined to it (`Dr.Peeters`, `J.Peeters`, `Prof.Dr.Maes`). */
const JOINED_AT_DOT = /^(\p{Lu}\.(?:-?\p{Lu}\.){0,2}|\p{L}{1,12}\.)(?=\p{L})/u;
/** A word and an initial joined by a hyphen (`Jean-P.`, `Peeters-J.`: adversarial run r23b, F1): a name and an initial. */
const INITIAL_AFTER_HYPHEN = /^(\p{L}[\p{L}\p{M}'’-]*)-(\p{Lu}\.)$/u;

/**
 * The words of a name: `Surname, First name` read as `Surname First name`, and a title's or an initial's dot that
 * joins it to the next word read as a space (`Dr.Peeters`, `J.Peeters`; not `St.Gillis`, where `St` is a saint).
 */
function nameWords(text: string): string[] {
  const words: string[] = [];
  // titles joined by a slash are titles each (`Dhr./Mevr. Peeters`)
  const spaced = text.replace(OUR_LADY, 'Onze-Lieve-Vrouw').replace(/(?<=\p{L}\.)\/(?=\p{L})/gu, ' ');
  for (const word of spaced.replace(/^([^,]+),\s*([^,]+)$/, '$1 $2').split(/\s+/)) {
    // a title with a dot inside it is one word (`Sig.ra`), not a title and the word after it
    const whole = isTitle(word);
    if (whole) words.push(word);
    let rest = whole ? '' : word;
    for (let joined = JOINED_AT_DOT.exec(rest); joined !== null && words.length < 12; joined = JOINED_AT_DOT.exec(rest)) {
      const head = joined[1];
      if (!isTitle(head) && !INITIALS.test(head)) break;
      words.push(head);
      rest = rest.slice(head.length);
    }
    const hyphened = INITIAL_AFTER_HYPHEN.exec(rest);
    if (hyphened) words.push(hyphened[1], hyphened[2]);
    else if (rest !== '') words.push(rest);
  }
  return words;
}

/** A word as a name is written: each run of capitals (`PEETERS`, `D'HONDT`) and, `lowerToo`, a word in lower case (`peeters`) capitalised. */
function asNameWord(word: string, lowerToo: boolean): string {
  // initials stay as written (`JP.` is no word `Jp.`)
  if (INITIALS.test(word)) return word;
  const capitals = capitalsAsTitleCase(word);
  return lowerToo && /^[\p{Ll}'’-]+$/u.test(capitals) ? capitals.replace(/(^|[-'’])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase()) : capitals;
}

/**
 * A person's name that a title or an initial marks, in capitals as well (`Dr. PEETERS`, `J. PEETERS`, `PEETERS J.`):
 * up to three titles in a row (`Prof. Dr. Maes`), with or without their dot and a space after it (`Dr.Peeters`,
 * `Mr.Smith`), then a surname or up to six words of a name (`Mevr. Marie Louise Van den Bossche`); or two to five
 * words of a name with an initial among them (`J. Peeters`, `J.Peeters`, `van den Berg, J.`). A word of a name is
 * capitalised (NAME_WORD), a particle (`van`, `de`) or an initial; no heading word (`Dr. Zone`) or identifier's
 * name. `anyCase` (a whole cell, not a few words of a free text): a name all in lower case after its title counts
 * too (`dr. peeters`; `lowerAfterTitle` says so alone, for a few words of a district's cell), and so does one capital
 * letter before a name, an initial without its dot (`J Peeters`; in a free text it may be a plan's or a list's
 * letter: `Plan B Veiligheid`). `St.` and `Ste` are a saint's, not
 * titles (`St. Gillis`); `O.L.V.` is Onze-Lieve-Vrouw, not initials (`O.L.V. Lombeek`).
 */
function markedPersonName(text: string, anyCase: boolean, lowerAfterTitle = anyCase): boolean {
  if (text.length > LONGEST_NAME) return false;
  const words = nameWords(text);
  let titles = 0;
  while (titles < 3 && titles + 1 < words.length && isTitle(words[titles])) titles++;
  const leading = titles;
  // a title between the words of a name marks it too (`Peeters dhr. Jan`, `Dubois, Mme Marie`: adversarial run r25b, F2)
  const rest = words.slice(titles);
  const inner = (word: string, i: number) => i > 0 && i < rest.length - 1 && TITLES_AFTER.has(foldedWord(word.replace(/\.$/, '')));
  titles += rest.filter(inner).length;
  // in lower case only all of it (`dr. peeters`): after `Dhr. Jan Peeters` a word in lower case is not their name (`enquete`)
  const lowerToo = lowerAfterTitle && titles > 0 && !/\p{Lu}/u.test(text);
  const name = rest.filter((word, i) => !inner(word, i)).map((word) => asNameWord(word, lowerToo));
  if (name.length === 0 || name.length > (titles > 0 ? 6 : 5)) return false;
  const particle = (word: string) => NAME_PARTICLES.has(foldedWord(word));
  // a German noun before `von` is a heading's (`Opfer von Gewalt`), not a role before a name (`Opfer Müller`)
  if (leading > 0 && NOUN_ROLES.has(foldedWord(words[leading - 1].replace(/\.$/, ''))) && particle(name[0])) return false;
  if (leading > 0 && placeAfterAbbreviatedTitle(words[leading - 1], name)) return false;
  // in a whole cell, one capital letter first is an initial without its dot (`J Peeters`, `J PEETERS`)
  const initial = (word: string, i: number) => INITIALS.test(word) || (anyCase && titles === 0 && i === 0 && /^\p{Lu}(?:-\p{Lu})?$/u.test(word));
  if (!name.every((word, i) => NAME_WORD.test(word) || initial(word, i) || particle(word))) return false;
  if (!name.some((word) => NAME_WORD.test(word) && !particle(word))) return false;
  if (titles === 0 && (name.length < 2 || !name.some(initial))) return false;
  // a street named after a titled person is a street (`Generaal Lemanstraat`, `Burgemeester Van Gansberghelaan`)
  const last = foldedWord(name[name.length - 1]);
  // (and a park: `Prins Albertpark`, adversarial run r33, B1)
  if (STREET_ONLY_END.test(last) || /(?:singel|gracht|park)$/.test(last)) return false;
  // a district named after a saint of HEADING_WORDS is a place too (`Don Boscowijk`: adversarial run r34, F2)
  return !name.some((word) => HEADING_WORDS.has(foldedWord(word).replace(/(?<=\p{L}{3})wijk$/u, ''))) && !identifierColumn(name.join(' '));
}

/**
 * Two or more capitalised words (an upper-case letter, then a letter): a person's name as a code cell may hold it
 * (`Jan Peeters`, `Marie Dubois`, `JAN PEETERS`). Stricter than `looksLikePersonName`, which must let title-case
 * headings through: a code is written in lower case, with only its first word capitalised, or joined by `_`
 * (`Police café`, `Youth work`).
 */
function capitalisedWords(text: string): boolean {
  return text.split(/\s+/).filter((word) => /^\p{Lu}\p{L}/u.test(word)).length >= 2;
}

/**
 * A word of three letters or more and a house number (1 to 4 digits, a letter after it allowed) on either side
 * of a space, wherever they stand in a code cell: a street address (`Kerkstraat 12`, `Kerkstraat 12A bus 3`,
 * `12 rue Haute`). Broader than `looksLikeStreetAddress`, which needs a street's name: a code holds no numbers.
 */
const WORD_AND_HOUSE_NUMBER = /\p{L}{3}\.?,?\s+\d{1,4}(?:\s?[a-z])?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])\d{1,4}[a-z]?,?\s+\p{L}{3}/iu;

/**
 * A code the user wrote in a configuration or goals file (an indicator, a theme, an item, an age group) as a
 * message quoting it shows it: WITHHELD when a code column's cell would be refused as personal data
 * (`personalCode`: an identifier, a person's name, a street address), else as written.
 */
export function givenCode(value: string): string {
  return personalCode(value) ? WITHHELD : value;
}

/**
 * True for a cell of a code column (a signal's source, a key figure's organisation type) that looks like personal
 * data: an identifier, a person's name (two or more capitalised words) or a street address (a word and a house
 * number, or a street's name and a number written as one code: `kerkstraat12`). Judged on the cell as written, before it is made a code (`Jan Peeters` would become `jan_peeters`).
 */
export function personalCode(value: string): boolean {
  const text = plainCharacters(value).trim();
  return identifierInText(text) || capitalisedWords(text) || WORD_AND_HOUSE_NUMBER.test(text) || STREET_AND_NUMBER_JOINED.test(text) || NUMBER_AND_STREET_JOINED.test(text);
}

/** The longest file name judged piece by piece; a longer one is withheld whole (names are 255 bytes on most disks). */
const LONGEST_FILE_NAME = 255;
/** A file's extension: a dot and up to five letters or digits at the end (`.csv`, `.xlsx`, `.gz`). */
const EXTENSION = /\.[A-Za-z][A-Za-z0-9]{0,4}$/;
/** Between the pieces of a file name: spaces, `_`, `-`, `,`, brackets (kept as written). */
const NAME_SEPARATOR = /([\s_\-,()[\]]+)/;

/**
 * A file's name as the store keeps it and `status` shows it: each run of its pieces that looks like a direct
 * identifier (`looksLikeIdentifier`: an e-mail address, a phone number, an IBAN, a national number, a token), a
 * street address or a person's name that a title or an initial marks (by the rule of a district's cell,
 * `personalDistrict`; `_` read as a space) written as WITHHELD, the rest and the extension kept
 * (`survey_jan@x.be.csv` -> `survey_***.csv`, `pop 0470 12 34 56.csv` -> `pop ***.csv`, `Dhr. Peeters.csv` ->
 * `***.csv`, `Kerkstraat 12.csv` -> `***.csv`). An address spelt out (`jan_peeters_at_x_be`) takes the words before
 * it along: they are its name. The smallest run is withheld first, so the rest of the name stays readable; a run
 * then takes the pieces after it that make it a longer name or address (`Dhr. Jan Peeters`, `Kerkstraat 12 bus
 * 3`), a title before a name (`Prof. Dr. Maes`), a phone number's pieces on either side (`tel 0032 475 12 34 56.csv`
 * -> `tel ***.csv`) and a plate's. A plain name (`Marie Dubois - enquete.csv`) is kept, as in a cell.
 */
export function storedFileName(name: string): string {
  const kept = storedName(name, true);
  const extension = EXTENSION.exec(kept)?.[0] ?? '';
  return `${partsWithheld(kept.slice(0, kept.length - extension.length))}${extension}`;
}

/**
 * A workbook's sheet name (or a folder's) as the store keeps it and messages and `--json` show it: the file name's
 * rule (`storedFileName`) without an extension (`jan.peeters@example.be` -> `***`, `Data 0475123456` -> `Data ***`,
 * `Peeters, J` -> `***`).
 */
export function storedSheetName(name: string): string {
  return partsWithheld(storedName(name, false));
}

/** Between the parts of a name judged as a free text: a dot (`Peeters, J.signals.rejects`), kept as written. */
const DOT_SEPARATED = /(\.+)/;

/**
 * After the pieces (`storedName`), each part of a name between its dots, its `_` read as spaces, judged by the
 * person rules of a district's cell and a goal's title (`personNamedInText`; identifiers are the pieces' affair,
 * where `WK036300_2026` is a CBS code and a year, not the phone number `036300 2026`): a name after a person's label or an
 * introducer (`Verantwoordelijke: Jan Peeters`, `Submitted by John Smith`), before its role (`Jan Peeters
 * (wijkagent)`) or a surname and an initial after a comma (`Peeters, J`) is withheld whole; the pieces one by one
 * lose the words around a name (adversarial run r32, B1). Not `personalDistrict` itself: a date among a name's
 * words (`signals 2026-01-31`) is a file's date, not a birth date. Part by part: a dot parts a name from what
 * follows (`x.signals.rejects` is no user name).
 */
function partsWithheld(name: string): string {
  return name
    .split(DOT_SEPARATED)
    .map((part, i) => {
      const text = part.replace(/_+/g, ' ').trim();
      return i % 2 === 0 && part !== WITHHELD && text !== '' && personNamedInText(plainCharacters(text)) ? WITHHELD : part;
    })
    .join('');
}

/**
 * A file name's words with `_`, `-` and brackets read as spaces (`Dhr_Peeters`, `Mevr-Janssens`, `rue-haute-12`: adversarial
 * run r24, F4; `Peeters (Dhr.)`, `Kerkstraat (12)`: a run of
 * pieces holds a bracket without its mate) and a question or exclamation mark at the end left out, as a name or an
 * address is written in a cell.
 */
function asWords(text: string): string {
  return text.replace(/[_()[\]{}]+|-(?!\d)|(?<!\d)-/g, ' ').replace(/[?!]+$/, '').trim();
}

/** A run of a file name's pieces (plain: `plainCharacters`) that a cell would refuse: an identifier, a marked name or a street address. */
function personalFilePart(text: string, after: string): boolean {
  return identifierInText(text) || namedOrAddress(asWords(text), asWords(after));
}

const WHOLE_NATIONAL_NUMBER = new RegExp(`^(?:${NATIONAL_NUMBER.source})$`, NATIONAL_NUMBER.flags);

/** A national register number as the whole text (`85-07-30-033-61`, `85 07 30 033 61`), for a file name's withheld whole. */
function wholeNationalNumber(text: string): boolean {
  return WHOLE_NATIONAL_NUMBER.test(text.replace(SPACE_IN_NUMBER, ''));
}

function storedName(name: string, withExtension: boolean): string {
  if (name.length > LONGEST_FILE_NAME) return WITHHELD;
  const extension = withExtension ? (EXTENSION.exec(name)?.[0] ?? '') : '';
  const stem = name.slice(0, name.length - extension.length);
  // pieces at even places, separators at odd ones
  const parts = stem.split(NAME_SEPARATOR);
  const pieces = parts.filter((_, i) => i % 2 === 0).length;
  if (pieces > 40) return `${WITHHELD}${extension}`;
  // each piece judged plain (`plainCharacters`: `tel ０４７０ １２ ３４ ５６`), kept as written
  const plain = parts.map(plainCharacters);
  const text = (from: number, to: number) => plain.slice(2 * from, 2 * to + 1).join('');
  // the piece after a run: a title at a run's end may be the next piece's (`Mevr.` of `Rapport Mevr. Dubois`)
  const after = (to: number) => plain[2 * (to + 1)] ?? '';
  for (let size = 1; size <= pieces; size++) {
    for (let from = 0; from + size <= pieces; from++) {
      const to = from + size - 1;
      if (parts[2 * from] === WITHHELD || !personalFilePart(text(from, to), after(to))) continue;
      let start = from;
      let end = to;
      if (/(?:^|[_\-\s])(?:at|apenstaartje|arobase|arroba)[_\-\s]/i.test(text(from, to))) {
        while (start > 0 && /^\p{L}+$/u.test(plain[2 * (start - 1)])) start--;
      }
      // a plate's part is a plate too (`ABC-123` of `1-ABC-123`), a national number's groups may be a phone's
      // (`07-30-033-61` of `85-07-30-033-61`) and an IBAN's account an account (`5390 0754 7034` of `BE68 5390 0754
      // 7034`): the whole plate or number is withheld, not its first digits kept
      for (let grown = true; grown; ) {
        grown = false;
        const whole = (from: number, to: number) => wholePlate(text(from, to)) || wholeNationalNumber(text(from, to)) || wholeCheckedIban(text(from, to));
        if (start > 0 && whole(start - 1, end)) [start, grown] = [start - 1, true];
        if (end + 1 < pieces && whole(start, end + 1)) [end, grown] = [end + 1, true];
      }
      // a phone number split by the name's separators is withheld whole (`tel +32(0)475123456`, `0032 475 12 34 56`):
      // the pieces before it that make it a longer number, and the groups of up to three digits after it
      for (let grown = true; grown; ) {
        grown = false;
        if (start > 0 && plain[2 * (start - 1)] !== '' && looksLikePhone(text(start - 1, end))) [start, grown] = [start - 1, true];
        if (end + 1 < pieces && /^\d{1,3}$/.test(plain[2 * (end + 1)]) && looksLikePhone(text(start, end + 1))) [end, grown] = [end + 1, true];
      }
      // a title before a marked name is part of it (`Prof.` of `Prof. Dr. Maes`)
      while (start > 0 && isTitle(plain[2 * (start - 1)]) && namedOrAddress(asWords(text(start - 1, end)), asWords(after(end)))) start--;
      // a name or an address takes what follows it along (`Dhr. Jan Peeters`, `Kerkstraat 12, 9000 Gent`), a
      // piece or two at a time (`bus 3`)
      for (let grown = true; grown; ) {
        grown = false;
        for (const more of [1, 2]) {
          if (!grown && end + more < pieces && plain[2 * (end + more)] !== '' && namedOrAddress(asWords(text(start, end + more)), asWords(after(end + more)))) [end, grown] = [end + more, true];
        }
      }
      parts.splice(2 * start, 2 * (end - start) + 1, WITHHELD);
      return storedName(parts.join('') + extension, withExtension);
    }
  }
  // an identifier only across the extension: nothing of the name is kept (a name or an address is judged on the stem)
  return looksLikeIdentifier(name) ? `${WITHHELD}${extension}` : name;
}
