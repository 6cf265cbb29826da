// The import's progress line on a terminal: how far through the file (from its size), rows, rows per second
// and the time left at that pace; rows alone where the size says nothing (a workbook).
import type { Translate } from '../i18n/index.js';
import { formatCount, percentText } from './numbers.js';

/** Seconds as a terminal reads them: 42 s, 3:07 min. */
function duration(seconds: number, t: Translate): string {
  const whole = Math.max(1, Math.round(seconds));
  if (whole < 60) return t('import.progress_seconds', { seconds: whole });
  return t('import.progress_minutes', { minutes: `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}` });
}

export function progressText(file: string, rows: number, done: number | null, elapsedSeconds: number, t: Translate): string {
  // The pace means something only after a second and the first percent of the file.
  if (done === null || elapsedSeconds < 1 || done < 0.01) return t('import.progress', { file, rows: formatCount(rows, t) });
  return t('import.progress_known', {
    file,
    percent: percentText(Math.min(done, 1), t, 0),
    rows: formatCount(rows, t),
    rate: formatCount(Math.round(rows / elapsedSeconds), t),
    left: duration((elapsedSeconds * (1 - done)) / done, t),
  });
}
