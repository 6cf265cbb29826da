// District slugs (file names of the Markdown report's charts, HTML ids) are unique and collision-free.
import { describe, expect, it } from 'vitest';
import { districtSlugs, indicatorSlugs, reportBaseName, uniqueSlugs } from '../../src/report/document.js';

describe('unique slugs', () => {
  it('keeps the plain slug of a name no other name shares', () => {
    expect(Object.fromEntries(uniqueSlugs(['Oudegem', 'Érembodegem', 'Drieënhoek', 'Sint-Amandsberg']))).toEqual({
      Oudegem: 'oudegem',
      Érembodegem: 'erembodegem',
      Drieënhoek: 'drieenhoek',
      'Sint-Amandsberg': 'sint-amandsberg',
    });
  });

  it('tells apart names that would share a slug, whatever the order they come in', () => {
    const names = ['Sint Denijs', 'Sint-Denijs', 'Oudegem'];
    const slugs = uniqueSlugs(names);
    expect(new Set(slugs.values()).size).toBe(3);
    expect(slugs.get('Sint Denijs')).toMatch(/^sint-denijs-[0-9a-f]{8}$/);
    expect(slugs.get('Sint-Denijs')).toMatch(/^sint-denijs-[0-9a-f]{8}$/);
    expect(slugs.get('Oudegem')).toBe('oudegem');
    expect(Object.fromEntries(uniqueSlugs([...names].reverse()))).toEqual(Object.fromEntries(slugs));
  });

  it('gives names in another script distinct ASCII slugs', () => {
    const slugs = uniqueSlugs(['北区', '南区', 'Ω']);
    const values = [...slugs.values()];
    expect(new Set(values).size).toBe(3);
    for (const slug of values) expect(slug).toMatch(/^x-[0-9a-f]{8}$/);
  });

  it('never lets a plain slug take a tagged one, and stays within file-name-safe characters', () => {
    const tagged = uniqueSlugs(['北区']).get('北区') ?? '';
    const slugs = uniqueSlugs(['北区', tagged, 'a'.repeat(200), '---']);
    expect(new Set(slugs.values()).size).toBe(4);
    for (const slug of slugs.values()) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect((slugs.get('a'.repeat(200)) ?? '').length).toBeLessThanOrEqual(60);
  });
});

describe('slugs the whole area’s charts hold', () => {
  it('are never a district’s: `Area` and `area-…` get `district-` before them', () => {
    const slugs = districtSlugs(['Area', 'área', 'Area Noord', 'District Area', 'Oudegem']);
    for (const slug of slugs.values()) expect(slug === 'area' || slug.startsWith('area-'), slug).toBe(false);
    expect(slugs.get('Area Noord')).toBe('district-area-noord');
    expect(slugs.get('Oudegem')).toBe('oudegem');
    expect(new Set(slugs.values()).size).toBe(5);
    expect(reportBaseName('2026', 'en', ['Area', 'Oudegem'], ['Area'])).toBe('report-2026-district-area-en');
  });

  it('are never an indicator’s: `trend` and `benchmark` are the area’s own charts', () => {
    const slugs = indicatorSlugs(['trend', 'benchmark', 'unsafe_often']);
    expect(slugs.get('trend')).toBe('indicator-trend');
    expect(slugs.get('benchmark')).toBe('indicator-benchmark');
    expect(slugs.get('unsafe_often')).toBe('unsafe-often');
  });
});

describe('report file names (finding 9)', () => {
  const all = ['Oudegem', 'Sint Denijs', 'Sint-Denijs', 'Baasrode'];

  it('are the whole zone’s, or hold the chosen districts’ slugs in the store’s order, joined by `_`', () => {
    expect(reportBaseName('2026', 'nl', all, null)).toBe('report-2026-nl');
    expect(reportBaseName('2026', 'en', all, ['Oudegem'])).toBe('report-2026-oudegem-en');
    const slugs = uniqueSlugs(all);
    expect(reportBaseName('2026', 'en', all, ['Baasrode', 'Sint Denijs'])).toBe(`report-2026-${slugs.get('Sint Denijs')}_baasrode-en`);
    expect(reportBaseName('2026', 'en', all, ['Sint Denijs'])).not.toBe(reportBaseName('2026', 'en', all, ['Sint-Denijs']));
  });

  it('stay short when many long names are chosen: their count and a tag of the names', () => {
    const long = Array.from({ length: 12 }, (_, i) => `${'Langestraatwijk'.repeat(3)} ${i}`);
    const name = reportBaseName('2026', 'fr', long, long);
    expect(name).toMatch(/^report-2026-12-districts-[0-9a-f]{8}-fr$/);
    expect(name).not.toBe(reportBaseName('2026', 'fr', long, long.slice(1)));
  });
});
