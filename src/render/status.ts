// `status` as a table for people and as JSON for scripts.
import type { Translate } from '../i18n/index.js';
import type { BatchRecord } from '../store/batches.js';
import type { KeyWhere } from '../store/key.js';
import type { Renderer, StatusFormat } from './formats.js';
import { stableJson } from './json.js';
import { formatCount } from './numbers.js';
import { displayWidth, fitText, renderTable, wrapText } from './table.js';
import { kindWords } from './words.js';
import { terminalText } from './terminal.js';

export interface StoreStatus {
  store: string;
  /** The zone of a shared PostgreSQL store read as; undefined for a SQLite store. */
  zone?: string;
  batches: BatchRecord[];
  rows: Record<string, Record<string, number>>;
  /** Where the pseudonymisation key is, so it can be backed up (never the key itself). */
  key: KeyWhere;
}

/** The key's place in `status --json`: source file, environment, store or none; the file's path, state and whether it is inside the store's folder for a key file. */
function keyJson(key: KeyWhere) {
  return key.source === 'file' ? { source: key.source, file: key.file, state: key.state, inside_store_folder: key.besideStore } : { source: key.source, file: null, state: null, inside_store_folder: null };
}

/** Where the key is, wrapped at `width`; a key file's path too long for its line is broken after its folder (a zone's key file has a long name). */
function keyLines(key: KeyWhere, t: Translate, width: number): string {
  if (key.source !== 'file') return fitText(t(key.source === 'environment' ? 'status.key_env' : key.source === 'store' ? 'status.key_inside' : 'status.key_no_folder'), width);
  const line = (file: string) => t(key.state === 'missing' ? 'status.key_file_missing' : key.state === 'not_made' ? 'status.key_file_not_made' : 'status.key_file', { file });
  const beside = key.besideStore && key.state !== 'missing' ? `\n${fitText(t('status.key_beside_store'), width)}` : '';
  const whole = fitText(line(key.shown), width);
  if (whole.split('\n').every((part) => displayWidth(part) <= width)) return whole + beside;
  const folder = key.shown.lastIndexOf('/') + 1;
  // the break between folder and file name goes in after the message is made: a parameter is put in on one line
  const split = '\u0000';
  return fitText(line(`${key.shown.slice(0, folder)}${split}${key.shown.slice(folder)}`).replace(split, '\n'), width) + beside;
}

export function statusJson(status: StoreStatus): string {
  return stableJson({
    schema_version: 1,
    store: status.store,
    ...(status.zone === undefined ? {} : { zone: status.zone }),
    batches: status.batches.map((batch) => ({
      id: batch.id,
      kind: batch.kind,
      file: batch.file,
      sha256: batch.sha256,
      waves: batch.waves,
      rows_read: batch.rowsRead,
      rows_stored: batch.rowsStored,
      rows_rejected: batch.rowsRejected,
      rows_now: batch.rowsNow,
      tool_version: batch.toolVersion,
      imported_at: batch.importedAt,
    })),
    rows: status.rows,
    key: keyJson(status.key),
  });
}

export function renderStatus(status: StoreStatus, t: Translate, width = Number.POSITIVE_INFINITY): string {
  const n = (value: number) => formatCount(value, t);
  const store = status.zone === undefined ? t('status.store', { store: status.store }) : t('status.store_zone', { store: status.store, zone: status.zone });
  let text = `${fitText(store, width)}\n${keyLines(status.key, t, width)}\n`;
  if (status.batches.length === 0) return `${text}${t('status.empty')}\n`;
  text += renderTable(
    [t('status.batch'), t('status.kind'), t('status.file'), t('status.waves'), t('status.rows'), t('status.rejected'), t('status.imported')],
    status.batches.map((batch) => [
      String(batch.id),
      kindWords(batch.kind, t),
      // escaped before the table is laid out: the table would close a colour code it found in the name (r25, F5)
      terminalText(batch.file),
      batch.waves.map((wave) => (wave === '*' ? t('status.all_waves') : wave)).join(', '),
      batch.rowsNow === batch.rowsStored ? n(batch.rowsStored) : `${n(batch.rowsNow)} / ${n(batch.rowsStored)}`,
      n(batch.rowsRejected),
      batch.importedAt.slice(0, 16).replace('T', ' '),
    ]),
    { align: ['right', 'left', 'left', 'left', 'right', 'right', 'left'], width, t },
  );
  text += `${fitText(t('status.rows_per_wave'), width)}\n`;
  for (const [kind, waves] of Object.entries(status.rows)) {
    const entries = Object.entries(waves);
    if (entries.length === 0) continue;
    const line = t('text.labelled', { label: kindWords(kind, t), text: entries.map(([wave, rows]) => `${wave === '*' ? t('status.all_waves') : wave}\u00a0${n(rows)}`).join(' · ') });
    text += `${wrapText(line, width - 4).map((part, at) => `${at === 0 ? '  ' : '    '}${part}`).join('\n')}\n`;
  }
  return text;
}

export const STATUS_RENDERERS = {
  table: (status, view) => renderStatus(status, view.t, view.width),
  json: (status) => statusJson(status),
} satisfies Record<StatusFormat, Renderer<StoreStatus>>;
