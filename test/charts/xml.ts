// A strict little XML reader for the tests: throws on anything ill-formed, returns the element tree.
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** the element's own text, entities decoded (not its children's) */
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  return raw.replace(/&([^;]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new SyntaxError(`bare & at ${where}`);
    if (body in ENTITIES) return ENTITIES[body];
    const code = /^#x[0-9a-fA-F]+$/.test(body) ? parseInt(body.slice(2), 16) : /^#[0-9]+$/.test(body) ? parseInt(body.slice(1), 10) : NaN;
    if (!Number.isFinite(code)) throw new SyntaxError(`unknown entity &${body}; at ${where}`);
    return String.fromCodePoint(code);
  });
}

export function parseXml(source: string): XmlElement {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a well-formed XML document has none of these control characters
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(source)) throw new SyntaxError('control character');
  let at = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (at < source.length) {
    const lt = source.indexOf('<', at);
    const textEnd = lt < 0 ? source.length : lt;
    const raw = source.slice(at, textEnd);
    if (raw.includes('>')) throw new SyntaxError(`stray > at ${at}`);
    if (stack.length) stack[stack.length - 1].text += decode(raw, at);
    else if (raw.trim()) throw new SyntaxError(`text outside the root at ${at}`);
    if (lt < 0) break;
    at = lt;
    if (source.startsWith('<!--', at)) {
      const end = source.indexOf('-->', at);
      if (end < 0) throw new SyntaxError('unclosed comment');
      at = end + 3;
    } else if (source.startsWith('</', at)) {
      const name = NAME.exec(source.slice(at + 2))?.[0];
      const close = source.indexOf('>', at);
      const open = stack.pop();
      if (!name || !open || open.name !== name || source.slice(at + 2 + name.length, close).trim()) throw new SyntaxError(`bad closing tag at ${at}`);
      at = close + 1;
    } else {
      at = readStartTag(source, at + 1, stack, (element) => {
        if (stack.length) stack[stack.length - 1].children.push(element);
        else if (root) throw new SyntaxError('second root element');
        else root = element;
      });
    }
  }
  if (stack.length) throw new SyntaxError(`unclosed <${stack[stack.length - 1].name}>`);
  if (!root) throw new SyntaxError('no root element');
  return root;
}

function readStartTag(source: string, at: number, stack: XmlElement[], attach: (element: XmlElement) => void): number {
  const name = NAME.exec(source.slice(at))?.[0];
  if (!name) throw new SyntaxError(`bad tag name at ${at}`);
  const element: XmlElement = { name, attributes: {}, children: [], text: '' };
  at += name.length;
  for (;;) {
    const space = /^\s*/.exec(source.slice(at))![0].length;
    at += space;
    if (source.startsWith('/>', at)) {
      attach(element);
      return at + 2;
    }
    if (source[at] === '>') {
      attach(element);
      stack.push(element);
      return at + 1;
    }
    const attribute = /^([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(source.slice(at));
    if (!attribute || space === 0) throw new SyntaxError(`bad attribute at ${at}`);
    if (attribute[1] in element.attributes) throw new SyntaxError(`duplicate attribute ${attribute[1]} at ${at}`);
    element.attributes[attribute[1]] = decode(attribute[3] ?? attribute[4], at);
    at += attribute[0].length;
  }
}

export function descendants(element: XmlElement): XmlElement[] {
  return element.children.flatMap((child) => [child, ...descendants(child)]);
}

export function byName(element: XmlElement, name: string): XmlElement[] {
  return descendants(element).filter((child) => child.name === name);
}

export function byClass(element: XmlElement, className: string): XmlElement[] {
  return descendants(element).filter((child) => (child.attributes.class ?? '').split(/\s+/).includes(className));
}

/** All text inside an element, children included. */
export function textOf(element: XmlElement): string {
  return element.text + element.children.map(textOf).join('');
}
