// `safety-scan profile`: every source for a district (or all of them), side by side.
import { Option, type Command } from 'commander';
import { indicatorsById } from '../../config/codebook.js';
import type { CommandModule } from '../command.js';
import { chosenFormat, collectList, examples } from '../command.js';

export const profileCommand: CommandModule = {
  name: 'profile',
  define(command: Command, t) {
    command
      .description(t('help.profile'))
      .option('--wave <wave>', t('help.opt_wave'))
      .option('--district <name>', t('help.opt_district_profile'), collectList)
      .addOption(new Option('--format <format>', t('help.opt_format')).choices(['table', 'json', 'md']).default('table'))
      .option('--json', t('help.opt_json'))
      .addHelpText(
        'after',
        examples(t, [
          ['safety-scan profile --district Oudegem', t('help.ex_profile')],
          ['safety-scan profile --format md > profiles.md', t('help.ex_profile_md')],
          ['safety-scan profile --json', t('help.ex_profile_json')],
        ]),
      );
  },
  async run(context, _args, options) {
    const { Store } = await import('../../store/db.js');
    const { checkWave } = await import('../../indicators/engine.js');
    const { buildProfiles } = await import('../../profile/profile.js');
    const { resolveDistricts } = await import('../indicators-run.js');
    const { profileJson } = await import('../../render/profile/json.js');
    const { profileMarkdown, profileTable } = await import('../../render/profile/text.js');
    const profiles = Store.reading(context.store, (store) => buildProfiles(store, context.settings, checkWave(store, options.wave as string | undefined)));
    const wanted = options.district as string[] | undefined;
    const names = wanted && wanted.length > 0 ? resolveDistricts(profiles.estimates.districts, wanted) : null;
    const views = names ? profiles.districts.filter((view) => names.includes(view.district!)) : profiles.districts;
    const definitions = indicatorsById(context.settings.codebook);
    const format = chosenFormat(options);
    if (format === 'json') context.out(profileJson(profiles, views));
    else if (format === 'md') context.out(profileMarkdown(profiles, names ? views : [...views, profiles.area], definitions, context.t));
    else context.out(profileTable(profiles, names ? views : [...views, profiles.area], definitions, context.t, context.colors));
  },
};
