// Writes a large, valid survey file in the canonical layout (seeded, no clock), for benchmarks.
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';

export const ITEMS = [
  ['unsafe_freq', 5, 1], ['unsafe_neighbourhood', 5, 1], ['unsafe_dark', 5, 1], ['avoid_places', 1, 0],
  ...['burglary', 'vehicle_crime', 'speeding', 'aggressive_traffic', 'parking', 'dumping', 'vandalism', 'noise', 'drugs', 'youth_nuisance'].map((code) => [`problem_${code}`, 4, 1]),
  ['victim_any', 1, 0], ['police_satisfaction', 5, 1],
];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const AGE_GROUPS = [[15, 29], [30, 44], [45, 59], [60, 74], [75, 95]];

export function districtName(index) {
  return `District ${String(index + 1).padStart(4, '0')}`;
}

/** Respondents spread over districts, older and female ones over-represented, a few % of answers missing. */
export async function writeSurvey(path, { respondents, districts, wave = '2026', seed = 1 }) {
  const random = mulberry32(seed);
  const out = createWriteStream(path);
  const header = ['respondent_id', 'wave', 'district', 'sex', 'age', ...ITEMS.map(([name]) => name)].join(';');
  let buffer = `${header}\n`;
  for (let i = 0; i < respondents; i++) {
    const district = i % districts;
    const female = random() < 0.58;
    const age = random() < 0.6 ? 45 + Math.floor(random() * 50) : 15 + Math.floor(random() * 30);
    const lean = (female ? 0.08 : 0) + (age > 60 ? 0.08 : 0) + ((district % 7) - 3) * 0.02;
    const cells = [`R${i + 1}`, wave, districtName(district), female ? 'F' : 'M', String(age)];
    for (const [, max, min] of ITEMS) {
      if (random() < 0.03) cells.push('');
      else if (max === 1) cells.push(random() < 0.25 + lean ? '1' : '0');
      else cells.push(String(Math.min(max, Math.max(min, Math.floor(min + (max - min + 1) * Math.min(0.999, random() * (0.8 + lean)))))));
    }
    buffer += `${cells.join(';')}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve));
      buffer = '';
    }
  }
  out.write(buffer);
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

/** Population margins for those districts: district x sex x age group, roughly 40 residents per respondent. */
export async function writePopulation(path, { districts, perDistrict = 4000, seed = 2 }) {
  const random = mulberry32(seed);
  const out = createWriteStream(path);
  let text = 'district|sex|age_group|population\n';
  for (let d = 0; d < districts; d++) {
    for (const sex of ['M', 'F']) {
      for (const [lo, hi] of AGE_GROUPS) {
        const label = hi >= 95 ? `${lo}+` : `${lo}-${hi}`;
        text += `${districtName(d)}|${sex}|${label}|${Math.round((perDistrict / 10) * (0.6 + 0.8 * random()))}\n`;
      }
    }
  }
  out.write(text);
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

/** The import benchmarks' survey of `respondents` in 5,000 districts, generated once into `work` and kept. */
export async function surveyCsv(work, respondents) {
  const file = join(work, `survey-${respondents}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} ...\n`);
    await writeSurvey(file, { respondents, districts: 5000 });
  }
  return file;
}

