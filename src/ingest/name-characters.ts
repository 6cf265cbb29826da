// The characters a district's or area's name may not hold: control characters, and words whose letters mix
// alphabets (a Cyrillic `о` in `Whоle area`), which print like another name (adversarial run r17).

/**
 * A control character: C0 but tab, line feed and carriage return (which a name's spaces absorb), DEL, C1 (`U+009B`,
 * `U+0085`), a Unicode tag character (U+E0000 to U+E007F), or a noncharacter (U+FDD0 to U+FDEF, and the last two
 * code points of every plane: U+FFFE, U+FFFF, U+1FFFE ... U+10FFFF), which Unicode keeps for a program's own use:
 * XML may not hold U+FFFE and U+FFFF (r20, F2); or a lone surrogate (a workbook's `_xD800_`), which no text
 * encoding can store as it is. A name holding one prints other than it is stored.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\u{e0000}-\u{e007f}]|\p{Noncharacter_Code_Point}|\p{Surrogate}/u;

/** True when a name holds a control character (CONTROL_CHARACTER). */
export function holdsControlCharacter(name: string): boolean {
  return CONTROL_CHARACTER.test(name);
}

/**
 * A bidirectional formatting character: an embedding or override (U+202A to U+202E), an isolate (U+2066 to U+2069)
 * or a direction mark (U+200E, U+200F, U+061C). Invisible, it reorders the text after it: `Minder \u202Eoverlast`
 * prints as `Minder tsalrevo`, in a workbook's cell as on the terminal ("Trojan Source", CVE-2021-42574). A text
 * the tool prints as written is refused holding one (adversarial run r31, C1).
 */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * True when a text the tool prints as written holds a control character or a bidirectional formatting character
 * (BIDI_CONTROL): either prints other than the text is. The configuration's texts, the zone's name and a district
 * rename's new name are refused so; a district cell has its direction marks removed instead (cleanName).
 */
export function holdsControlOrDirection(text: string): boolean {
  return holdsControlCharacter(text) || BIDI_CONTROL.test(text);
}

/** A line break of any kind: line feed, carriage return, vertical tab, form feed, NEL, the line and paragraph separators. */
const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;

/**
 * True when a text printed on one line (a goal's title, a label, the zone's name) holds a line break (LINE_BREAK):
 * it would start a line of its own in a table or on the terminal, where it can pass for the tool's own
 * (`status: achieved`). Other control characters are shown escaped where every text is written (terminalText).
 */
export function holdsLineBreak(text: string): boolean {
  return LINE_BREAK.test(text);
}

/** A word: letters and the marks on them. */
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const GREEK = /\p{Script=Greek}/u;

/**
 * True when one word of a name mixes Latin, Cyrillic or Greek letters (`Whоle` with a Cyrillic `о`, `Gеnt`), as
 * Unicode's mixed-script rule (UTS #39) finds: such a word prints like another. A word wholly in one of them
 * (`Київ`, `Αθήνα`) does not; nor do words in different alphabets side by side.
 */
export function mixesScripts(name: string): boolean {
  for (const [word] of name.matchAll(WORD)) {
    const scripts = Number(LATIN.test(word)) + Number(CYRILLIC.test(word)) + Number(GREEK.test(word));
    if (scripts > 1) return true;
  }
  return false;
}

/** Cyrillic and Greek letters that print like Latin ones (after Unicode's confusables, UTS #39), by the Latin letter. */
const LOOKALIKES: Record<string, string> = {
  a: 'аα', e: 'еε', o: 'оο', p: 'рρ', c: 'с', y: 'у', x: 'хχ', i: 'іι', j: 'ј', s: 'ѕ', k: 'κ', v: 'ν', t: 'τ', u: 'υ',
  A: 'АΑ', B: 'ВΒ', C: 'С', E: 'ЕΕ', H: 'НΗ', I: 'ІΙ', J: 'Ј', K: 'КΚ', M: 'МΜ', N: 'Ν', O: 'ОΟ', P: 'РΡ', S: 'Ѕ', T: 'ТΤ',
  X: 'ХΧ', Y: 'УΥ', Z: 'Ζ',
};
const AS_LATIN = new Map(Object.entries(LOOKALIKES).flatMap(([latin, others]) => [...others].map((other) => [other, latin] as const)));
const LOOKALIKE = new RegExp(`[${[...AS_LATIN.keys()].join('')}]`, 'gu');

/** A name with each Cyrillic or Greek letter that prints like a Latin one written as that letter (`Whоle аrеа` -> `Whole area`). */
export function asLatinLookalikes(name: string): string {
  return name.replace(LOOKALIKE, (letter) => AS_LATIN.get(letter) ?? letter);
}
