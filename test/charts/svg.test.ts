// The SVG helpers: inert text, byte-stable numbers, an accessible root without external references.
import { describe, expect, test } from 'vitest';
import { element, escapeXml, fitText, num, svgDocument, text, wrapText } from '../../src/render/charts/svg.js';
import { FORBIDDEN, HOSTILE_DISTRICT, HOSTILE_THEME, svgRoot } from './fixtures.js';
import { byName, parseXml } from './xml.js';

describe('escaping', () => {
  test('markup in data comes out as text', () => {
    expect(escapeXml(HOSTILE_DISTRICT)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeXml(HOSTILE_THEME)).toBe('=HYPERLINK(&quot;x&quot;)');
    expect(escapeXml(`Tom & Jerry's`)).toBe('Tom &amp; Jerry&#39;s');
  });

  test('attribute values are escaped too', () => {
    expect(element('g', { class: '"><script>' })).toBe('<g class="&quot;&gt;&lt;script&gt;"/>');
  });

  test('controls are shown escaped and what XML forbids is dropped, so data cannot break the document', () => {
    const svg = element('g', {}, text(0, 0, 'a\u0000b\u0007c\uffffd\ud800e\u202ef'));
    expect(() => parseXml(svg)).not.toThrow();
    expect(svg).toContain('>a\\u0000b\\u0007cde\\u202ef<');
  });

  test('accented names and emoji survive', () => {
    expect(escapeXml('Sint-Gillis – Élisabeth 👮')).toBe('Sint-Gillis – Élisabeth 👮');
  });
});

describe('numbers for attributes', () => {
  test.each([
    [12, '12'],
    [12.5, '12.5'],
    [12.345, '12.35'],
    [0.1 + 0.2, '0.3'],
    [-0.001, '0'],
    [-3.456, '-3.46'],
    [1e6, '1000000'],
  ])('%s is written %s', (value, written) => {
    expect(num(value)).toBe(written);
  });

  test('a coordinate that is not a number is a bug, not an attribute', () => {
    expect(() => num(NaN)).toThrow(RangeError);
    expect(() => num(Infinity)).toThrow(RangeError);
  });
});

describe('text fitting', () => {
  test('short words are kept, long ones cut with an ellipsis', () => {
    expect(fitText('Appels', 200)).toBe('Appels');
    const cut = fitText('Sint-Gillis-bij-Dendermonde', 70);
    expect(cut.endsWith('…')).toBe(true);
    expect(Array.from(cut).length).toBeLessThanOrEqual(10);
  });

  test('a cut never splits a surrogate pair', () => {
    expect(fitText('👮👮👮👮👮👮👮👮👮👮👮👮', 35)).toBe('👮👮👮👮…');
  });

  test('wrapping keeps every word and respects the width', () => {
    const lines = wrapText('unreliable: the interval is wide or the effective sample small', 150);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('unreliable: the interval is wide or the effective sample small');
  });
});

describe('the svg root', () => {
  const doc = { width: 640, height: 200, title: 'A <title>', desc: 'What & why', kind: 'test', body: '' };

  test('is an image labelled by its own title and desc', () => {
    const root = svgRoot(svgDocument({ ...doc, id: 'c1' }));
    expect(root.attributes.role).toBe('img');
    expect(root.attributes['aria-labelledby']).toBe('c1-title c1-desc');
    expect(root.attributes.viewBox).toBe('0 0 640 200');
    expect(root.attributes['font-family']).toBe('sans-serif');
    expect(byName(root, 'title').map((t) => [t.attributes.id, t.text])).toEqual([['c1-title', 'A <title>']]);
    expect(byName(root, 'desc').map((d) => [d.attributes.id, d.text])).toEqual([['c1-desc', 'What & why']]);
  });

  test('without an id, the id is a stable hash that differs between charts', () => {
    const a = svgDocument(doc);
    expect(svgDocument(doc)).toBe(a);
    expect(svgDocument({ ...doc, title: 'Another' })).not.toBe(a);
    expect(a).toMatch(/aria-labelledby="chart-[a-z0-9]+-title chart-[a-z0-9]+-desc"/);
  });

  test('a given id is reduced to safe characters', () => {
    expect(svgDocument({ ...doc, id: 'x" onload="y' })).toContain('id="x--onload--y-title"');
  });

  test('carries no reference outside itself', () => {
    const svg = svgDocument(doc);
    for (const word of FORBIDDEN) expect(svg).not.toContain(word);
  });
});
