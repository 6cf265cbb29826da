// Every colour of the charts and the goal table, in one place. Print-friendly: black ink, grey guides;
// the accents (Okabe-Ito blue, darkened orange, a dark wine) pass WCAG AA on white and stay apart for
// colour-blind readers, and are never the only cue (shapes, dashes and words carry the meaning too).
export const INK = '#000000';
export const MUTED = '#595959';
export const GRID = '#d0d0d0';
export const BAND = '#e6e6e6';
export const PAPER = '#ffffff';

export const BLUE = '#0072B2';
export const ORANGE = '#B35A00';
export const WINE = '#6A0A3C';

/** Series in order: black first (the subject), then the accents. */
export const SERIES_COLOURS = [INK, BLUE, ORANGE, WINE] as const;

/** Highlighted themes and the own zone among benchmarks. */
export const ACCENT = BLUE;

export const RISK_COLOURS = { low: BLUE, medium: ORANGE, high: WINE } as const;
