// Personal data by name and by place: identifier columns in nl, fr, en and de in every heading style,
// LimeSurvey's metadata and free-text columns, and the structure file that tells questions apart.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../src/errors.js';
import { translator } from '../../src/i18n/index.js';
import { presetMapping } from '../../src/ingest/kinds/index.js';
import { parseStructure, readStructure } from '../../src/ingest/lss.js';
import { combineMappings } from '../../src/ingest/mapping.js';
import { planColumns } from '../../src/ingest/plan.js';
import { readLimeSurveyHeadings } from '../../src/ingest/presets/limesurvey-headings.js';
import { isIdentifierColumn } from '../../src/ingest/privacy.js';
import { ROOT } from '../helpers/cli.js';
import { layoutOf, mapping, thrown } from './helpers.js';
import { scratchFolder } from '../helpers/scratch.js';

const LIME = join(ROOT, 'fixtures', 'limesurvey');
const survey = layoutOf('survey');

describe('identifier columns by name', () => {
  it('recognises the headings that leaked (issue 17) and LimeSurvey’s in every language and style', () => {
    const identifiers = [
      'E-mailadres', 'IP-adres', 'GSM-nummer', 'Rijksregister', 'INSZ', 'Adresse IP', 'Numéro de téléphone', 'URL référente', 'Access code',
      'Referrer URL', 'Toegangscode', "Code d'accès", 'Zugangsschlüssel', 'IP-Adresse', 'Weiterleitungs-URL', 'Verwijzer URL', 'E-Mail-Adresse',
      'Adresse de courriel', 'Prénom', 'Nachname', 'Voornaam', 'first_name', 'phone_number', 'date_of_birth', 'Date de naissance', 'Geboortedatum',
      'token. Toegangscode', 'ipaddr. IP-adres', 'Contact[Email]', 'Contact[Naam]', 'Laat uw gegevens na. [E-mailadres]', 'Wat is uw e-mailadres?',
      'Rijksregisternummer (INSZ)', 'Numéro de registre national', 'National number', 'Mobile phone', 'home_phone', 'attribute_1',
      // a fresh adversarial run's (issue 17)
      'Nom de famille', 'Straat en huisnummer', 'Adresse postale', 'Anschrift', 'Naam respondent', 'Contactgegevens', 'IBAN', 'Kenteken',
      'Nummerplaat', 'Wachtwoord', 'Postadres', "Plaque d'immatriculation", 'Mot de passe', 'Coordonnées', 'Bankrekeningnummer',
    ];
    expect(identifiers.filter((heading) => !isIdentifierColumn(heading))).toEqual([]);
    const abbreviated = ['Rijksregisternu.. ', 'Adresse de cour.. ', 'Numéro de télép.. ', 'E-mailadr..', 'Date_de_naissance', 'Adresse_IP', 'Numéro_de_téléphone'];
    expect(abbreviated.filter((heading) => !isIdentifierColumn(heading))).toEqual([]);
  });

  it('leaves questions that only mention personal things alone', () => {
    const questions = [
      'Has your mobile phone been stolen in the past 12 months?', 'Werd uw gsm (mobiele telefoon) de voorbije 12 maanden gestolen?',
      'Q8. Has your mobile phone been stolen?', 'Wijk', 'Geslacht', 'Leeftijd', 'Postcode', 'In welke deelgemeente woont u?', 'Naam van uw school',
      'Hoe vaak voelt u zich onveilig ... [in uw buurt]', 'Wat is uw geslacht? [Man]', 'unsafe_freq', 'district',
      'Naam van uw sch.. ', 'Hoe tevreden be.. ', 'In welke deelge.. ', 'Wat is uw gesla.. ', 'Werd uw gsm (mo.. ', 'Has_your_mobile_phone_been_stolen?',
    ];
    expect(questions.filter(isIdentifierColumn)).toEqual([]);
  });

  it('drops them; a mapping may read a question that mentions a phone, never the phone column (adversarial run r22, F3)', () => {
    const header = ['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq', 'GSM-nummer', 'Has your mobile phone been stolen?'];
    expect(planColumns(header, survey, null, {}, 'a.csv')).toMatchObject({ dropped: ['GSM-nummer'], ignored: ['Has your mobile phone been stolen?'] });
    const mapped = planColumns(header, survey, mapping({ columns: { 'Has your mobile phone been stolen?': 'victim_any' } }), {}, 'a.csv');
    expect(mapped.dropped).toEqual(['GSM-nummer']);
    expect(mapped.columns.map((column) => column.header)).toContain('Has your mobile phone been stolen?');
    expect(() => planColumns(header, survey, mapping({ columns: { 'GSM-nummer': 'avoid_places' } }), {}, 'a.csv')).toThrow(ConfigError);
  });
});

describe('LimeSurvey headings', () => {
  const headerOf = (file: string, delimiter: string) => readFileSync(join(LIME, file), 'utf8').replace(/^\ufeff/, '').split('\r\n')[0].split(delimiter).map((cell) => cell.replace(/^"|"$/g, ''));

  it('reads metadata, personal data and free text in code, code-and-text and full headings, in nl, fr, en and de', () => {
    const roles = (file: string, delimiter: string) => {
      const header = headerOf(file, delimiter);
      const readings = readLimeSurveyHeadings(header);
      return Object.fromEntries(header.map((heading, i) => [heading, readings[i].role]));
    };
    expect(roles('ls3-fr-full-full-comma.csv', ',')).toMatchObject({
      'ID de la réponse': 'response_id', 'Date de soumission': 'submitdate', 'Tête de série': 'metadata', Code: 'identifier',
      'Adresse IP': 'identifier', 'URL référente': 'identifier', 'Dans quelle section habitez-vous ?': 'question',
    });
    expect(roles('ls6-de-codetext-full-comma.csv', ',')).toMatchObject({
      'id. Antwort ID': 'response_id', 'seed. Zufallsstartwert': 'metadata', 'ipaddr. IP-Adresse': 'identifier',
      'Q6[comment]. Wie zufrieden sind Sie mit der Arbeit der lokalen Polizei? [Kommentar]': 'free_text',
      'Contact[Email]. Möchten Sie über die Ergebnisse informiert werden? Hinterlassen Sie Ihre Daten. [E-Mail-Adresse]': 'identifier',
    });
    expect(roles('ls6-nl-full-full-comma.csv', ',')).toMatchObject({
      'Respons-id': 'response_id', Plaats: 'metadata', 'IP-adres': 'identifier', 'Verwijzer URL': 'identifier',
      'Hoe hebt u van deze bevraging gehoord? [Overige]': 'free_text', 'Hoe tevreden bent u over de werking van de lokale politie? [Opmerking]': 'free_text',
    });
    expect(roles('ls5-en-code-full-comma.csv', ',')).toMatchObject({
      token: 'identifier', interviewtime: 'metadata', groupTime12: 'metadata', G01Q01Time: 'metadata', firstname: 'identifier', attribute_1: 'identifier',
    });
  });

  it('takes an unknown heading between two metadata headings for the token, and `Plaats` for a question elsewhere', () => {
    const readings = readLimeSurveyHeadings(['id', 'submitdate', 'lastpage', 'startlanguage', 'seed', 'Codice di accesso', 'startdate', 'Wijk', 'Plaats']);
    expect(readings.map((reading) => reading.role)).toEqual(['response_id', 'submitdate', 'metadata', 'metadata', 'metadata', 'identifier', 'metadata', 'question', 'question']);
  });

  it('takes the heading right after the response id for the submit date when none reads as it, in any interface language (adversarial run r29, A1)', () => {
    const roles = (header: string[]) => readLimeSurveyHeadings(header).map((reading) => reading.role);
    expect(roles(['Respons-id', 'Fecha de envío', 'Laatste pagina', 'Begin taal', 'Wijk'])).toEqual(['response_id', 'submitdate', 'metadata', 'metadata', 'question']);
    expect(readLimeSurveyHeadings(['id', 'Data invio', 'lastpage'])[1]).toMatchObject({ role: 'submitdate', code: 'submitdate', by: 'position' });
    // a submit date read by its words elsewhere: the unknown heading after the id stays metadata, withheld as personal data
    expect(roles(['id', 'Codice', 'submitdate', 'lastpage'])).toEqual(['response_id', 'identifier', 'submitdate', 'metadata']);
    // no response id first: nothing is placed
    expect(roles(['Wijk', 'Fecha de envío', 'lastpage'])[1]).not.toBe('submitdate');
  });

  it('places full-text headings by the structure file and drops its free-text questions', () => {
    const structure = readStructure(join(LIME, 'survey-ls6-f.lss'));
    const header = headerOf('ls6-en-full-full-comma.csv', ',');
    const readings = readLimeSurveyHeadings(header, structure);
    const byCode = Object.fromEntries(readings.filter((reading) => reading.code).map((reading) => [reading.code, reading.role]));
    expect(byCode).toMatchObject({ Q1: 'question', 'Q2[SQ002]': 'question', 'Wijk[SQ009]': 'question', Q8: 'question', 'Contact[Voornaam]': 'free_text', 'Contact[GSM]': 'free_text' });
    const renames = { ...mapping({ columns: { Wijk: 'district', Geslacht: 'sex', Leeftijdsgroep: 'age_group', Q1: 'unsafe_freq' } }), structure };
    const plan = planColumns(header, survey, combineMappings(presetMapping('survey', 'limesurvey'), renames), { wave: '2026' }, 'a.csv');
    expect(plan.columns.find((column) => column.spec.name === 'district')?.flags).toHaveLength(10);
    expect(plan.dropped).toEqual(expect.arrayContaining(['Access code', 'IP address', 'Referrer URL', 'Would you like to hear about the results? Leave your details. [Mobile phone]']));
    expect(plan.ignored).toContain('Has your mobile phone been stolen in the past 12 months?');
  });

  it('reads abbreviated headings and headings with underscores for spaces, the two other heading options', () => {
    const abbreviated = headerOf('ls6-fr-abbreviated-full-comma.csv', ',');
    const roles = (header: string[], structure?: ReturnType<typeof readStructure>) =>
      Object.fromEntries(readLimeSurveyHeadings(header, structure).map((reading, i) => [header[i], `${reading.role} ${reading.code ?? ''}`.trim()]));
    const structure = readStructure(join(LIME, 'survey-ls6-f.lss'));
    expect(roles(abbreviated, structure)).toMatchObject({
      'Date de la dern.. ': 'metadata datestamp', 'Dans quelle sec..  [Érembodegem]': 'question Wijk[SQ003]', 'Vous arrive-t-i.. ': 'question Q1',
      'Dans quelle mes..  [cambriolages da.. ]': 'question Q4[SQ001]', 'Votre téléphone.. ': 'question Q8',
      'Souhaitez-vous ..  [Numéro de télép.. ]': 'free_text Contact[GSM]', 'Souhaitez-vous ..  [Numéro de regis.. ]': 'free_text Contact[INSZ]',
    });
    // Without the structure a cut heading that may name personal data is dropped: privacy first, a rename wins.
    expect(roles(abbreviated)).toMatchObject({ 'Votre téléphone.. ': 'identifier', 'Souhaitez-vous ..  [Numéro de regis.. ]': 'identifier' });
    const underscored = headerOf('ls6-nl-underscored-code-semicolon.csv', ';');
    expect(roles(underscored, readStructure(join(LIME, 'survey-ls6.lss')))).toMatchObject({
      'Datum_verzonden': 'submitdate submitdate', 'Datum_laatste_actie': 'metadata datestamp', 'Verwijzer_URL': 'identifier refurl',
      'Hoe_vaak_voelt_u_zich_onveilig_..._[in_uw_buurt]': 'question Q2[SQ001]', 'Wat_is_uw_geslacht?_[Vrouw]': 'question Geslacht[SQ002]',
      'Hoe_tevreden_bent_u_over_de_werking_van_de_lokale_politie?_[Opmerking]': 'free_text',
    });
  });
});

describe('the structure file', () => {
  it('reads LimeSurvey 3 and 6 structure files alike', () => {
    for (const file of ['survey-ls3.lss', 'survey-ls6.lss']) {
      const structure = readStructure(join(LIME, file));
      const q1 = structure.questions.find((question) => question.code === 'Q1');
      expect(structure.languages[0]).toBe('nl');
      expect(q1).toMatchObject({ type: 'L', texts: { nl: 'Gebeurt het dat u zich onveilig voelt?', fr: 'Vous arrive-t-il de vous sentir en insécurité ?' } });
      expect(q1?.answers.map((answer) => answer.texts.nl)).toEqual(['nooit', 'zelden', 'soms', 'vaak', 'altijd']);
      expect(structure.questions.find((question) => question.code === 'Q4')?.subquestions).toHaveLength(10);
    }
  });

  it.each([
    ['InvalidChar', 'root:x:0:0\n', 'het teken `r` mag hier niet staan', 'le caractère `r` ne peut pas figurer ici'],
    ['InvalidTag', '<document>\n  <a></b>\n</document>', 'de tag `a` is niet geopend', 'la balise `a` n’est pas ouverte'],
    ['InvalidAttr', '<document a=1></document>', 'het attribuut `a`', 'l’attribut `a`'],
    ['InvalidXml', '<a></a><b></b>', 'het is geen correct opgebouwde XML.', 'ce n’est pas du XML bien formé.'],
    ['external entity', '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><document>&x;</document>', 'entiteiten', 'entités'],
    ['nesting', `<document>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}</document>`, 'dieper genest', 'imbriquées plus profondément'],
  ])('says why XML is refused in the reader’s language, never the parser’s English (%s) (r12 low, finding 3)', (_kind, xml, nl, fr) => {
    const error = thrown(() => parseStructure('x.lss', xml, ''));
    expect(error).toMatchObject({ detail: { key: 'input.lss_invalid' } });
    const detail = (error as InputError).detail;
    expect(translator('nl').message(detail)).toContain(nl);
    expect(translator('fr').message(detail)).toContain(fr);
    for (const lang of ['nl', 'fr'] as const) expect(translator(lang).message(detail)).not.toMatch(/expected|not supported|exceeded|without value|root nodes|opened in line/i);
  });

  // adversarial run r31, B8: the tag's name was quoted raw (a phone number in it)
  it.each([
    ['<?xml version="1.0"?>\n<document><JanPeeters_0470123456>x</Other></document>', /JanPeeters|0470123456|Other/],
    ['<document>\n  <Dhr_Peeters></b>\n</document>', /Peeters/],
    ['<document jan.peeters@example.be=1></document>', /peeters|example/],
  ])('an element or attribute name that is personal data is quoted as ***: %j', (xml, name) => {
    const detail = (thrown(() => parseStructure('x.lss', xml, '')) as InputError).detail;
    for (const lang of ['en', 'nl', 'fr'] as const) {
      const said = translator(lang).message(detail);
      expect(said).not.toMatch(name);
      expect(said).toContain('`***`');
    }
  });

  it('LimeSurvey\'s own tags are quoted as written in an .lss error', () => {
    for (const tag of ['question', 'LimeSurveyDocType', 'surveyls_title', 'question_l10ns']) {
      const detail = (thrown(() => parseStructure('x.lss', `<document>\n  <${tag}></b>\n</document>`, '')) as InputError).detail;
      expect(translator('en').message(detail)).toContain(`the tag \`${tag}\``);
    }
  });

  it('refuses a file cut off at its end, saying so, not at line 1 (adversarial run r24)', () => {
    const cut = thrown(() => parseStructure('x.lss', '<document>\n  <answers>\n    <rows><row>', ''));
    expect(cut).toMatchObject({ detail: { key: 'input.lss_invalid' }, location: { file: 'x.lss', line: 3, column: 16 } });
    expect(translator('en').message((cut as InputError).detail)).toContain('the file looks cut off');
    expect(translator('nl').message((cut as InputError).detail)).toContain('lijkt dus afgebroken');
  });

  it('refuses a file that is not one, with its line and column, and says which part is missing', () => {
    const broken = thrown(() => parseStructure('x.lss', '<document>\n  <a></b>\n</document>', ''));
    expect(broken).toBeInstanceOf(InputError);
    expect(broken).toMatchObject({ detail: { key: 'input.lss_invalid' }, location: { file: 'x.lss', line: 2, column: 6 } });
    // The reason sits inside the catalogue's sentence, which ends it: no doubled full stop.
    expect(translator('en').message((broken as InputError).detail)).not.toMatch(/\.\.$/);
    expect(thrown(() => parseStructure('x.lss', '<document><LimeSurveyDocType>Quota</LimeSurveyDocType></document>', ''))).toMatchObject({ detail: { key: 'input.lss_not_survey' } });
    const survey = '<document><LimeSurveyDocType>Survey</LimeSurveyDocType>';
    expect(thrown(() => parseStructure('x.lss', `${survey}</document>`, ''))).toMatchObject({ detail: { key: 'input.lss_no_language' } });
    const noQuestions = `${survey}<languages><language>nl</language></languages></document>`;
    expect(thrown(() => parseStructure('x.lss', noQuestions, ''))).toMatchObject({ detail: { key: 'input.lss_no_questions' }, location: { file: 'x.lss' } });
    const missing = join(LIME, 'nothing.lss');
    expect(thrown(() => readStructure(missing))).toMatchObject({ detail: { key: 'input.lss_missing', params: { file: missing } } });
  });

  it('refuses a structure file that is a folder or a special file, in words, by the rule of every file read whole', () => {
    const dir = scratchFolder('lss-kind-');
    try {
      const folder = thrown(() => readStructure(dir));
      expect(folder).toMatchObject({ detail: { key: 'input.unreadable' }, location: { file: dir } });
      expect(translator('nl').message((folder as InputError).detail)).toContain('map');
      if (process.platform === 'linux') expect(translator('en').message((thrown(() => readStructure('/dev/zero')) as InputError).detail)).toContain('not a regular file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Node reads each argument as UTF-8, with U+FFFD for a byte that is not; Linux file systems take any bytes
  it.runIf(process.platform === 'linux')('says a structure file whose name is not UTF-8 is there, its byte escaped, never "not found"', () => {
    const dir = scratchFolder('lss-name-');
    try {
      writeFileSync(Buffer.concat([Buffer.from(join(dir, 'bad')), Buffer.from([0xff]), Buffer.from('.lss')]), '<document/>');
      expect(thrown(() => readStructure(join(dir, 'bad\ufffd.lss')))).toMatchObject({ detail: { key: 'input.name_not_utf8' }, location: { file: join(dir, 'bad\\xff.lss') } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
