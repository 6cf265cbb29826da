// `safety-scan compare --from w1 --to w2`: change between waves per district, with tests.
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { indicatorsById } from '../../config/codebook.js';
import type { CommandModule } from '../command.js';
import { chosenFormat, estimateOptions, examples } from '../command.js';

export const compareCommand: CommandModule = {
  name: 'compare',
  define(command: Command, t) {
    estimateOptions(command.description(t('help.compare')).requiredOption('--from <wave>', t('help.opt_from')).requiredOption('--to <wave>', t('help.opt_to')), t)
      .addHelpText(
        'after',
        examples(t, [
          ['safety-scan compare --from 2023 --to 2026', t('help.ex_compare')],
          ['safety-scan compare --from 2023 --to 2026 --indicator unsafe_often --format md', t('help.ex_compare_md')],
          ['safety-scan compare --from 2023 --to 2026 --json > change.json', t('help.ex_compare_json')],
        ]),
      );
  },
  async run(context, _args, options) {
    const { Store } = await import('../../store/db.js');
    const { checkWave, estimateWave, selectIndicators } = await import('../../indicators/engine.js');
    const { onlyDistricts } = await import('../indicators-run.js');
    const { compareWaves } = await import('../../compare/waves.js');
    const render = await import('../../render/compare/render.js');
    const comparison = Store.reading(context.store, (store) => {
      const from = checkWave(store, options.from as string);
      const to = checkWave(store, options.to as string);
      if (from === to) throw new UsageError('usage.same_wave', { wave: from });
      const definitions = selectIndicators(context.settings, options.indicator as string[] | undefined);
      const districts = options.district as string[] | undefined;
      const earlier = onlyDistricts(estimateWave(store, context.settings, from, { definitions }), districts);
      const later = onlyDistricts(estimateWave(store, context.settings, to, { definitions }), districts);
      return compareWaves(earlier, later, context.settings.compare.fdr);
    });
    const definitions = indicatorsById(context.settings.codebook);
    const format = chosenFormat(options);
    if (format === 'json') context.out(render.compareJson(comparison));
    else if (format === 'csv') context.out(render.compareCsv(comparison));
    else if (format === 'md') context.out(render.compareMarkdown(comparison, definitions, context.t));
    else context.out(render.compareTable(comparison, definitions, context.t, context.colors));
  },
};
