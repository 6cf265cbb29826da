// What the zone tells residents about plans and promises: written by the analyst, never by the tool. A
// feedback folder holds one Markdown file per district and language (`Oudegem.nl.md`); the report includes
// it, and says plainly where none was written.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { givenDistrict, matchDistrict } from '../districts.js';
import { ConfigError } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import type { Block } from './document.js';

/** The analyst's feedback texts of one language, per district as the store spells it. */
export interface FeedbackTexts {
  folder: string;
  byDistrict: Map<string, string>;
}

/** Reads `<district>.<lang>.md` files; a file for a district the store does not know is a configuration error. */
export function loadFeedback(folder: string, districts: readonly string[], lang: Lang): FeedbackTexts {
  const byDistrict = new Map<string, string>();
  if (!existsSync(folder)) return { folder, byDistrict };
  const suffix = `.${lang}.md`;
  for (const name of readdirSync(folder).sort()) {
    if (!name.endsWith(suffix)) continue;
    const district = matchDistrict(name.slice(0, -suffix.length), districts);
    if (district === null) throw new ConfigError('report.feedback_unknown_district', { file: givenDistrict(name), districts: districts.join(', ') }, { location: { file: join(folder, name) } });
    byDistrict.set(district, readFileSync(join(folder, name), 'utf8').replace(/^\ufeff/, ''));
  }
  return { folder, byDistrict };
}

/** Plain Markdown as the report's blocks: paragraphs and `-` lists; everything else is text (escaped by the renderers). */
export function markdownBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').map((line) => line.trim()).filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.every((line) => /^[-*] /.test(line))) blocks.push({ type: 'list', className: 'feedback', items: lines.map((line) => line.slice(2).trim()) });
    else blocks.push({ type: 'paragraph', className: 'feedback', text: lines.join(' ').replace(/^#+\s*/, '') });
  }
  return blocks;
}
