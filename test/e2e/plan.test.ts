// `safety-scan plan`: completes per district and for the zone on the demo zone, checked against the closed
// form and R's power.prop.test, in every format, with the usage errors that point at the option.
import { describe, expect, it } from 'vitest';
import { explain, useDemoZone } from '../helpers/cli.js';
import type { PlanJsonRow } from '../helpers/plan.js';

const demo = useDemoZone();
const plan = (...args: string[]) => demo.run(['--store', 'zone/safety-scan.db', 'plan', ...args]);

const Z = 1.95996398454005; // qnorm(0.975)

describe('plan --half-width', () => {
  it('gives every district and the zone the closed form z² p(1-p) deff / h², rounded up, from the weighting’s design effect', async () => {
    const run = await plan('--half-width', '0.05', '--json');
    expect(run.code, explain(run)).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ schema_version: 1, wave: '2026', indicator: null, target: { kind: 'half_width', half_width: 0.05, level: 0.95 }, response_rate: null });
    const rows: PlanJsonRow[] = result.rows;
    expect(rows.map((row) => row.district)).toEqual(['Baasrode', 'Drieënhoek', 'Érembodegem', 'Grembergen', 'Mariakerke', 'Oudegem', 'Schoonaarde', 'Sint Denijs', 'Sint-Amandsberg', 'Zwijnaarde', null]);
    for (const row of rows) {
      expect(row).toMatchObject({ p: 0.5, p_source: 'worst_case', deff_source: 'weighting', p_target: null, invitations: null });
      const exact = (Z * Z * 0.25 * row.deff) / 0.0025;
      expect(row.completes_exact).toBeCloseTo(exact, 6);
      expect(row.completes).toBe(Math.ceil(exact));
    }
    // the demo's respondents, zone and Drieënhoek
    expect(rows[10].n_last).toBe(1497);
    expect(rows[1].n_last).toBe(14);
    const districts = rows.slice(0, 10).reduce((sum, row) => sum + (row.completes ?? 0), 0);
    expect(result.districts_total).toEqual({ completes: districts, invitations: null });
  });

  it('prints the table with the zone last, the total and where the share came from', async () => {
    const run = await plan('--half-width', '0.05');
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toContain('Plan for the next survey, based on wave 2026: any share');
    expect(run.stdout).toContain('Completed questionnaires for a 95% interval of at most ±5.0 percentage points.');
    expect(run.stdout).toMatch(/│ Whole zone \(as one area\) │ +50\.0% │ +1\.45 │ +1,497 │ +557 │/);
    expect(run.stdout).toMatch(/The districts together: [\d,]+ completed questionnaires\./);
    expect(run.stdout).toContain('Share: 50%, the most demanding case for any share');
  });

  it('says the shares --detect gives, not "50%, the most demanding case" (adversarial run r35, minor)', async () => {
    const run = await plan('--detect', '0.3:0.2');
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toContain("Shares: as given with --detect; design effect: the weighting's (Kish) in 2026.");
    expect(run.stdout).not.toContain('the most demanding case');
    const own = await plan('--detect', '0.3:0.2', '--indicator', 'unsafe_often');
    expect(own.stdout).toContain("Shares: as given with --detect; design effect: each area's in 2026.");
  });
});

// adversarial run r20b: Drieënhoek's share of 6.4% and design effect of 0.49, from 14 answers (unreliable), sized the
// next survey at 45 questionnaires for ±5 points
describe('plan from an unreliable district estimate', () => {
  it('takes the whole area\'s share and design effect in its place, marked †, as for a withheld one', async () => {
    const run = await plan('--indicator', 'unsafe_general', '--half-width', '0.05', '--json');
    expect(run.code, explain(run)).toBe(0);
    const rows: PlanJsonRow[] = JSON.parse(run.stdout).rows;
    const indicators = JSON.parse((await demo.run(['--store', 'zone/safety-scan.db', 'indicators', '--indicator', 'unsafe_general', '--json'])).stdout) as { rows: Array<{ district: string | null; flag: string; estimate: number | null; deff: number | null }> };
    const whole = rows.find((row) => row.district === null);
    for (const row of rows.filter((r) => r.district !== null)) {
      const estimate = indicators.rows.find((r) => r.district === row.district);
      if (estimate?.flag === 'ok') expect(row, String(row.district)).toMatchObject({ p: estimate.estimate, p_source: 'district', deff: estimate.deff, deff_source: 'district' });
      else expect(row, String(row.district)).toMatchObject({ p: whole?.p, p_source: 'whole_area', deff: whole?.deff, deff_source: 'whole_area' });
    }
    expect(rows.find((row) => row.district === 'Drieënhoek')).toMatchObject({ p_source: 'whole_area', n_last: 14 });
    expect((await plan('--indicator', 'unsafe_general', '--half-width', '0.05')).stdout).toContain('is unreliable (too few answers)');
  });
});

describe('plan --detect and --change', () => {
  it('equals power.prop.test times the design effect, with invitations at the response rate', async () => {
    const run = await plan('--indicator', 'police_satisfied', '--detect', '0.55:0.70', '--district', 'Drieënhoek', '--response-rate', '0.35', '--json');
    expect(run.code, explain(run)).toBe(0);
    const rows: PlanJsonRow[] = JSON.parse(run.stdout).rows;
    expect(rows.map((row) => row.district)).toEqual(['Drieënhoek', null]);
    const [district] = rows;
    // Drieënhoek's own estimate is withheld (9 answers): the zone's design effect stands in, marked
    expect(district).toMatchObject({ p: 0.55, p_source: 'given', p_target: 0.7, deff_source: 'whole_area', n_last: 9 });
    // R: power.prop.test(p1 = .55, p2 = .70, power = .8, sig.level = .05)$n
    expect((district.completes_exact ?? 0) / district.deff).toBeCloseTo(162.334383007, 5);
    expect(district.completes).toBe(Math.ceil(district.completes_exact ?? 0));
    expect(district.invitations).toBe(Math.ceil((district.completes ?? 0) / 0.35));
  });

  it('plans a change from each area’s own last share, towards 50%, in Markdown', async () => {
    const json = await plan('--indicator', 'unsafe_often', '--change', '0.05', '--json');
    const rows: PlanJsonRow[] = JSON.parse(json.stdout).rows;
    const oudegem = rows.find((row) => row.district === 'Oudegem');
    expect(oudegem?.p_source).toBe('district');
    expect(oudegem?.p_target).toBeCloseTo((oudegem?.p ?? 0) + 0.05, 12);
    const md = await plan('--indicator', 'unsafe_often', '--change', '0.05', '--power', '0.9', '--format', 'md');
    expect(md.code, explain(md)).toBe(0);
    expect(md.stdout).toMatch(/^# Plan for the next survey, based on wave 2026: feels unsafe often or always \(unsafe\\_often\)\n/);
    expect(md.stdout).toContain('(power 90%, two-sided significance level 5%)');
    expect(md.stdout).toMatch(/\| \*\*Whole zone \(as one area\)\*\* \|/);
  });
});

// adversarial run r9, F9: huge requirements were rounded below their exact value, a tiny response rate read "0%"
describe('plan at extreme targets', () => {
  it('never gives fewer completes than the exact requirement, however large', async () => {
    const run = await plan('--detect', '0.5:0.5000001', '--format', 'csv');
    expect(run.code, explain(run)).toBe(0);
    const [header, ...lines] = run.stdout.trim().split('\n');
    const columns = header.split(',');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      const cells = line.split(',');
      const completes = Number(cells[columns.indexOf('completes')]);
      const exact = Number(cells[columns.indexOf('completes_exact')]);
      expect(exact, line).toBeGreaterThan(1e14);
      expect(completes, line).toBeGreaterThanOrEqual(exact);
    }
  });

  it('shows a small response rate with the digits it needs', async () => {
    const run = await plan('--half-width', '0.05', '--response-rate', '0.012345');
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('at a response rate of 1.2345%.');
    const usual = await plan('--half-width', '0.05', '--response-rate', '0.35', '--lang', 'fr');
    expect(usual.stdout.replace(/\s+/g, ' ')).toContain('un taux de réponse de 35 %.');
  });

  it('shows a power or significance level with the digits it was given: never 100% for a power below 1 (r12 low, finding 8)', async () => {
    const run = await plan('--change', '0.05', '--power', '0.99999999', '--alpha', '0.001');
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('(power 99.999999%, two-sided significance level 0.1%)');
    const fr = await plan('--change', '0.05', '--power', '0.975', '--lang', 'fr');
    expect(fr.stdout.replace(/\s+/g, ' ')).toContain('puissance 97,5 %');
  });

  it('reads a decimal option as a decimal cell of a file: 5e-2 and 0,05 are 0.05 (adversarial run r12, finding 15)', async () => {
    const plain = await plan('--half-width', '0.05', '--json');
    for (const written of ['5e-2', '0,05', '5,0E-2']) {
      const run = await plan('--half-width', written, '--json');
      expect(run.code, explain(run)).toBe(0);
      expect(run.stdout).toBe(plain.stdout);
    }
  });
});

describe('plan usage errors (exit 2)', () => {
  it.each([
    [[], 'say what to plan for'],
    [['--half-width', '0.05', '--change', '0.05'], 'give only one of'],
    [['--half-width', '5'], '`--half-width` takes a proportion from 0.005 to 0.5, not `5`: outside that range a plan gives no usable numbers.'],
    // one message per option, from its one range (adversary r18b: `1` said "between 0 and 1", `0.9999` "from 0.005 to 0.5")
    [['--half-width', '1'], '`--half-width` takes a proportion from 0.005 to 0.5, not `1`'],
    [['--half-width', '0'], '`--half-width` takes a proportion from 0.005 to 0.5, not `0`'],
    [['--change', '0.05', '--power', '1'], '`--power` takes a proportion more than 0 and less than 1, not `1`'],
    [['--change', '0.05', '--power', '0'], '`--power` takes a proportion more than 0 and less than 1, not `0`'],
    [['--change', '1'], '`--change` takes a proportion more than 0 and less than 1, not `1`'],
    [['--half-width', '0.05', '--response-rate', '1.5'], '`--response-rate` takes a proportion from 0.01 to 1, not `1.5`'],
    // --power and --alpha size a test for a change: beside --half-width they were silently ignored
    [['--half-width', '0.05', '--power', '0.8'], '`--power` belongs to a test for a change (`--detect` or `--change`); `--half-width` plans a precision and uses no `--power`'],
    [['--half-width', '0.05', '--alpha', '0.01'], '`--alpha` belongs to a test for a change'],
    [['--half-width', '1e-9'], '`--half-width` takes a proportion from 0.005 to 0.5, not `1e-9`: outside that range a plan gives no usable numbers.'],
    [['--half-width', '0.6'], '`--half-width` takes a proportion from 0.005 to 0.5, not `0.6`'],
    [['--half-width', '0.05', '--response-rate', '1e-9'], '`--response-rate` takes a proportion from 0.01 to 1, not `1e-9`'],
    [['--detect', '0.5:0.5'], '`--detect` takes two different proportions'],
    [['--change', '0.05', '--power', '0.04'], 'the power (0.04) must be larger than the significance level (0.05).'],
    [['--indicator', 'insecurity_index', '--half-width', '0.05'], '`insecurity_index` is a mean or a score'],
    // adversarial run r14, F3: a denormal alpha made the normal quantile of alpha/2 = 0 fail inside (exit 70)
    [['--change', '0.05', '--alpha', '4.9e-324'], '`--alpha` takes a proportion from 0.001 to 0.5, not `4.9e-324`'],
    [['--change', '0.05', '--alpha', '0.8', '--power', '0.9'], '`--alpha` takes a proportion from 0.001 to 0.5, not `0.8`'],
    [['--change', '0.05', '--power', '4.9e-324'], 'the power (4.9e-324) must be larger than the significance level (0.05).'],
  ])('%j', async (args, message) => {
    const run = await plan(...args);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});

describe('a plan beyond the residents (docs/methods.md 11.4, r24b E)', () => {
  const WARNING = /asks for more completes or invitations than these areas have residents in the survey's age groups: Drieënhoek\. A census would not reach this precision/;

  it('flags the district whose completes or invitations exceed its residents aged 15 and over, with one warning naming it', async () => {
    const run = await plan('--half-width', '0.05', '--response-rate', '0.35', '--json');
    expect(run.code, explain(run)).toBe(0);
    const rows: PlanJsonRow[] = JSON.parse(run.stdout).rows;
    const drieenhoek = rows.find((row) => row.district === 'Drieënhoek');
    // 522 residents in the demo's figures, 462 completes, 1,320 invitations
    expect(drieenhoek).toMatchObject({ completes: 462, invitations: 1320, population: 522, exceeds_population: true });
    for (const row of rows.filter((r) => r.district !== 'Drieënhoek')) {
      expect(row.exceeds_population, String(row.district)).toBe(false);
      expect(row.population).toBeGreaterThan(Math.max(row.completes ?? 0, row.invitations ?? 0));
    }
    // the zone's residents are the districts' together
    expect(rows[rows.length - 1].population).toBe(rows.slice(0, -1).reduce((sum, row) => sum + (row.population ?? 0), 0));
    expect(run.stderr.match(new RegExp(WARNING, 'g'))).toHaveLength(1);
  });

  it('flags completes alone beyond the residents, in the table, its notes and the CSV', async () => {
    const table = await plan('--indicator', 'unsafe_often', '--change', '0.05', '--district', 'Drieënhoek');
    expect(table.code, explain(table)).toBe(0);
    expect(table.stdout).toMatch(/│ Drieënhoek +│.*│ +1,079! │/);
    expect(table.stdout).toContain("! Drieënhoek: more questionnaires or invitations than its 522 residents in the survey's age groups (population figures); a census would not reach this precision.");
    expect(table.stderr).toMatch(WARNING);
    const csv = await plan('--indicator', 'unsafe_often', '--change', '0.05', '--district', 'Drieënhoek', '--format', 'csv');
    const [header, drieenhoek, zone] = csv.stdout.trim().split('\n').map((line) => line.split(','));
    const at = (row: string[], column: string) => row[header.indexOf(column)];
    expect([at(drieenhoek, 'completes'), at(drieenhoek, 'population'), at(drieenhoek, 'exceeds_population')]).toEqual(['1079', '522', 'true']);
    expect(at(zone, 'exceeds_population')).toBe('false');
  });

  it('says nothing where the plan stays within every area', async () => {
    const run = await plan('--half-width', '0.1', '--response-rate', '0.35');
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).not.toMatch(/\d! │|residents in the survey/);
    expect(run.stderr).not.toMatch(WARNING);
  });
});

describe('the demo', () => {
  it('runs the plan after the check: ±5 points with invitations at a 35% response', async () => {
    const run = await demo.run(['demo', 'again']);
    expect(run.code, explain(run)).toBe(0);
    const plan = run.stdout.slice(run.stdout.indexOf('Highest risk'));
    expect(plan).toContain('Plan for the next survey, based on wave 2026: any share');
    expect(plan).toMatch(/The districts together: [\d,]+ completed questionnaires, [\d,]+ invitations at a response rate of 35%\./);
  });
});
