// `safety-scan profile`: every source for a district (or all of them), side by side.
import { Command } from '@commander-js/extra-typings';
import type { Translate } from '../../i18n/index.js';
import { PROFILE_FORMATS } from '../../render/formats.js';
import type { ProfileSelection } from '../../render/profile/index.js';
import { chosenFormat, collectDistricts, defineCommand, examples, formatOption, type OptionsOf } from '../command.js';
import { withEvidence, type Context } from '../context.js';
import { warnLeftOut } from '../left-out.js';
import { leftOutIn } from '../../indicators/left-out.js';
import { WORKBOOK_FORMAT, emitTables, outOption, tableView } from '../table-output.js';
import { resolveDistricts, waveOption } from '../resolve.js';

/** What `--format` takes: the answer's formats and a workbook. */
const FORMATS = [...PROFILE_FORMATS, WORKBOOK_FORMAT] as const;

function define(t: Translate) {
  const base = new Command('profile')
    .description(t('help.profile'))
    .option('--wave <wave>', t('help.opt_wave'))
    .option('--district <name>', t('help.opt_district_profile'), collectDistricts)
    .addOption(formatOption(t, FORMATS))
    .option('--json', t('help.opt_json'));
  return outOption(base, t)
    .addHelpText(
      'after',
      examples(t, [
        ['safety-scan profile --district Oudegem', t('help.ex_profile')],
        ['safety-scan profile --format md > profiles.md', t('help.ex_profile_md')],
        ['safety-scan profile --json', t('help.ex_profile_json')],
        ['safety-scan profile --format xlsx --out profiles.xlsx', t('help.ex_xlsx')],
      ]),
    );
}

export type ProfileOptions = OptionsOf<typeof define>;

/** The profiles of one wave, and the districts asked for (all of them, with the whole area, by default). */
export async function computeProfiles(context: Context, options: Pick<ProfileOptions, 'wave' | 'district'>): Promise<ProfileSelection> {
  const { buildProfiles } = await import('../../profile/profile.js');
  return withEvidence(context, async (evidence) => {
    const profiles = await buildProfiles(evidence, await evidence.wave(waveOption(options.wave)));
    const wanted = options.district ?? [];
    if (wanted.length === 0) return { profiles, districts: profiles.districts, withArea: true };
    const names = resolveDistricts(profiles.estimates.districts, wanted, context);
    return { profiles, districts: profiles.districts.filter((view) => view.district !== null && names.includes(view.district)), withArea: false };
  });
}

export async function runProfile(context: Context, options: ProfileOptions): Promise<number> {
  const format = chosenFormat(options);
  const view = tableView(context, format, options, FORMATS);
  const selection = await computeProfiles(context, options);
  await warnLeftOut(context, leftOutIn([selection.profiles.estimates]));
  const { profileTables } = await import('../../render/json-tables.js');
  const { PROFILE_RENDERERS } = await import('../../render/profile/index.js');
  await emitTables(context, 'profile', options, format === WORKBOOK_FORMAT ? { tables: profileTables(selection, view) } : { format, text: PROFILE_RENDERERS[format](selection, view) });
  return 0;
}

export const profileCommand = defineCommand({ name: 'profile', define, formatFromOut: true, run: (context, _args, options) => runProfile(context, options) });
