// Privacy by design: direct identifiers never reach the store, and ids are kept only as keyed hashes.
import { createHmac } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { normaliseHeader } from './values.js';

const IDENTIFIER_HEADERS = new Set([
  'name', 'naam', 'nom', 'full_name', 'first_name', 'firstname', 'last_name', 'lastname', 'surname', 'voornaam',
  'achternaam', 'familienaam', 'prenom', 'prénom', 'email', 'e_mail', 'mail', 'email_address', 'emailadres',
  'adresse_e_mail', 'courriel', 'phone', 'phone_number', 'telephone', 'téléphone', 'tel', 'gsm', 'mobile',
  'telefoon', 'telefoonnummer', 'address', 'adres', 'adresse', 'street', 'straat', 'rue', 'house_number',
  'huisnummer', 'ipaddr', 'ip', 'ip_address', 'ipaddress', 'token', 'refurl', 'national_number',
  'rijksregisternummer', 'numero_national', 'bsn', 'ssn', 'date_of_birth', 'birth_date', 'geboortedatum',
  'date_de_naissance',
]);

/** True for columns that carry direct identifiers (names, e-mail, phone, address, IP, tokens). */
export function isIdentifierColumn(header: string): boolean {
  const name = normaliseHeader(header);
  return IDENTIFIER_HEADERS.has(name) || /(^|_)(e_?mail|phone|telefoon|ip_?addr)(_|$)/.test(name);
}

/** The pseudonym of an id as text (16 hex digits), from its two 32-bit halves. */
export function pseudonymText(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/**
 * The worker's code, run from this string: the same code serves the bundle and the sources (tests run the
 * CLI in-process from TypeScript), with no second entry file to ship or to find at run time.
 */
const WORKER_SOURCE = `
const { createHmac } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const secret = Buffer.from(workerData.secret, 'hex');
parentPort.on('message', (ids) => {
  const keys = new Uint32Array(ids.length * 2);
  for (let i = 0; i < ids.length; i++) {
    const digest = createHmac('sha256', secret).update(ids[i]).digest();
    keys[2 * i] = digest.readUInt32BE(0);
    keys[2 * i + 1] = digest.readUInt32BE(4);
  }
  parentPort.postMessage(keys, [keys.buffer]);
});
`;

/**
 * Keyed hashing of ids (HMAC-SHA256 with the store's secret, first 64 bits): duplicates stay detectable,
 * the id itself is gone. Large files hash on a worker thread while the main thread parses.
 */
export class Pseudonymiser {
  private worker: Worker | null = null;
  private readonly waiting: Array<{ resolve: (keys: Uint32Array) => void; reject: (error: unknown) => void }> = [];

  constructor(private readonly secret: Buffer) {}

  /** Hashes here, synchronously. */
  keysNow(ids: string[]): Uint32Array {
    const keys = new Uint32Array(ids.length * 2);
    for (let i = 0; i < ids.length; i++) {
      const digest = createHmac('sha256', this.secret).update(ids[i]).digest();
      keys[2 * i] = digest.readUInt32BE(0);
      keys[2 * i + 1] = digest.readUInt32BE(4);
    }
    return keys;
  }

  /** Hashes on the worker thread; results arrive in the order asked for. */
  keysLater(ids: string[]): Promise<Uint32Array> {
    if (!this.worker) {
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { secret: this.secret.toString('hex') } });
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
