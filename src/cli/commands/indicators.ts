// `safety-scan indicators`: weighted indicators per district and for the whole area, for one wave.
import { Command } from '@commander-js/extra-typings';
import type { Translate } from '../../i18n/index.js';
import type { WaveEstimates } from '../../indicators/engine.js';
import { INDICATOR_FORMATS, type IndicatorFormat } from '../../render/formats.js';
import { defineCommand, examples, formatOption, selectionOptions, chosenFormat, type OptionsOf } from '../command.js';
import { renderView, withEvidence, type Context } from '../context.js';
import { onlyDistricts, resolveIndicators, waveOption } from '../resolve.js';


function define(t: Translate) {
  return selectionOptions(new Command('indicators').description(t('help.indicators')).option('--wave <wave>', t('help.opt_wave')), t)
    .addOption(formatOption(t, INDICATOR_FORMATS))
    .option('--json', t('help.opt_json'))
    .addHelpText(
    'after',
    examples(t, [
      ['safety-scan indicators', t('help.ex_indicators')],
      ['safety-scan indicators --wave 2023 --indicator unsafe_often', t('help.ex_indicators_one')],
      ['safety-scan indicators --district Oudegem --format md > oudegem.md', t('help.ex_indicators_md')],
      ['safety-scan indicators --json > indicators-2026.json', t('help.ex_indicators_json')],
    ]),
  );
}

export type IndicatorsOptions = OptionsOf<typeof define>;

/** The estimates the options ask for: one wave (the latest by default), some indicators and districts. */
export function computeIndicators(context: Context, options: Pick<IndicatorsOptions, 'wave' | 'indicator' | 'district'>): Promise<WaveEstimates> {
  return withEvidence(context, (evidence) => {
    const wave = evidence.wave(waveOption(options.wave));
    return onlyDistricts(evidence.estimates(wave, { definitions: resolveIndicators(context.settings, options.indicator) }), options.district);
  });
}

export async function renderIndicators(result: WaveEstimates, format: IndicatorFormat, context: Context): Promise<string> {
  const { INDICATOR_RENDERERS } = await import('../../render/indicators/index.js');
  return INDICATOR_RENDERERS[format](result, renderView(context));
}

export async function runIndicators(context: Context, options: IndicatorsOptions): Promise<number> {
  context.out(await renderIndicators(await computeIndicators(context, options), chosenFormat(options), context));
  return 0;
}

export const indicatorsCommand = defineCommand({ name: 'indicators', define, run: (context, _args, options) => runIndicators(context, options) });
