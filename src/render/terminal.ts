// Text bound for a terminal, or for a file the user opens (Markdown, HTML, SVG, CSV): control and invisible
// formatting characters that came with the data (a district name, a goal title, a file name, a header) are
// shown escaped, so that they can never clear the screen, set the window title, hide a link, move the cursor,
// reverse a line or make two different names look alike. Every writer uses this one sanitiser.

/**
 * C0 controls but the newline, DEL and the C1 controls; the soft hyphen; bidirectional marks, embeddings,
 * overrides and isolates; zero-width and invisible characters (every default-ignorable one: Hangul fillers,
 * variation selectors, the grapheme joiner; and the blank Braille pattern); line and paragraph separators; the
 * byte-order mark; interlinear annotations; tag characters.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /\r\n|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Default_Ignorable_Code_Point}\u180e\u2028-\u202e\u2800\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

/** The same, but a colour code (SGR: ESC [ digits m) is matched whole so that it can be kept. */
const UNSAFE_OR_COLOUR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /\r\n|\u001b\[[0-9;]*m|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Default_Ignorable_Code_Point}\u180e\u2028-\u202e\u2800\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

/** `\u001b` as text: the JSON and JavaScript escape, so escaped JSON output stays the same JSON. */
function escaped(character: string): string {
  let text = '';
  for (let i = 0; i < character.length; i++) text += `\\u${character.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return text;
}

/**
 * `text` on one line: every line break in it (LF, CR, NEL, the line and paragraph separators) written as
 * `\uXXXX`, for a name from the data inside a message or a generated file, where a break would start a line
 * of its own (terminalText keeps LF, the line ending of every message).
 */
export function oneLine(text: string): string {
  return text.replace(/[\n\r\u0085\u2028\u2029]/g, escaped);
}

/** `text` with every unsafe character and line break replaced by `by`: for a file name built from an input's name. */
export function withoutControls(text: string, by: string): string {
  return text.replace(UNSAFE, by).replace(/\n/g, by);
}

/**
 * `text` with every unsafe character written as `\uXXXX`. A CRLF line ending (CSV's) passes, a lone CR does
 * not. With `keepColours`, the colour codes our own renderers add (only when the stream is a terminal) pass
 * unchanged; every other escape sequence is escaped.
 */
export function terminalText(text: string, keepColours = false): string {
  return text.replace(keepColours ? UNSAFE_OR_COLOUR : UNSAFE, (match) => (match === '\r\n' || match.startsWith('\u001b[') ? match : escaped(match)));
}
