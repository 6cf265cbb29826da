// `safety-scan map FILE [--lss FILE] [--kind K]`: prints a commented starter mapping for an export.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from '@commander-js/extra-typings';
import type { Translate } from '../../i18n/index.js';
import { KINDS } from '../../ingest/kinds/kind.js';
import { defineCommand, examples, nonEmpty, type OptionsOf } from '../command.js';
import { type Context, openZoneWriter } from '../context.js';
import { waveOption } from '../resolve.js';
import { oneLine } from '../../render/terminal.js';
import { shownFilePath } from '../../shown-name.js';

/** Distinct values kept per column: enough to see every answer label and district name of a survey. */
const VALUES_KEPT = 500;

function define(t: Translate) {
  return new Command('map')
    .description(t('help.map'))
    .argument('<file>', t('help.map_file'), nonEmpty)
    .addOption(new Option('--kind <kind>', t('help.opt_kind')).choices(KINDS).default('survey' as const))
    .option('--lss <file>', t('help.opt_lss'), nonEmpty)
    .option('--wave <wave>', t('help.opt_wave_import'))
    .option('--encoding <encoding>', t('help.opt_encoding'), nonEmpty)
    .option('--delimiter <char>', t('help.opt_delimiter'))
    .option('--sheet <name>', t('help.opt_sheet'), nonEmpty)
    .addHelpText(
      'after',
      examples(t, [
        ['safety-scan map results-survey739154.csv > mapping.yaml', t('help.ex_map')],
        ['safety-scan map results.csv --lss limesurvey_survey_739154.lss --wave 2026 > mapping.yaml', t('help.ex_map_lss')],
        ['safety-scan map --kind keyfigures interviews.csv', t('help.ex_map_kind')],
      ]),
    );
}

export type MapOptions = OptionsOf<typeof define>;

export async function runMap(context: Context, file: string, options: MapOptions): Promise<number> {
  const { inspect, openTable } = await import('../../ingest/read.js');
  const { readStructure } = await import('../../ingest/lss.js');
  const { checkStructureKind } = await import('../../ingest/mapping-load.js');
  const { suggestMapping } = await import('../../ingest/mapping-suggest.js');
  const { renderStarterMapping } = await import('../../render/mapping.js');
  const path = context.path(file);
  checkStructureKind(options.kind, options.lss);
  const structure = options.lss ? readStructure(context.path(options.lss)) : undefined;
  const read = { encoding: options.encoding, delimiter: options.delimiter, sheet: options.sheet };
  // the export named as the store would keep its name (adversarial run r29, item 2)
  const shown = shownFilePath(oneLine(file));
  const table = await openTable(await inspect({ file: shown, path }, read));
  const values = table.header.map(() => new Set<string>());
  for await (const batch of table.rows) {
    for (const { fields } of batch) {
      fields.forEach((field, index) => {
        const seen = values[index];
        if (seen && seen.size < VALUES_KEPT) seen.add(field.trim());
      });
    }
  }
  const wave = waveOption(options.wave);
  const suggestion = suggestMapping({
    kind: options.kind,
    header: table.header,
    values,
    codebook: context.settings.codebook,
    structure,
    lssFile: options.lss,
    wave,
    districts: await storeDistricts(context),
  });
  context.out(renderStarterMapping(suggestion, { file: basename(shown), kind: options.kind, wave, t: context.t }));
  return 0;
}

/** The districts of the store's population figures, when there is a store: district names are checked against them. */
async function storeDistricts(context: Context): Promise<string[]> {
  const zone = await openZoneWriter(context);
  if (zone) {
    try {
      return await zone.populationDistricts([]);
    } finally {
      await zone.close();
    }
  }
  if (!existsSync(context.store)) return [];
  const { Store } = await import('../../store/db.js');
  const { populationDistricts } = await import('../../store/population.js');
  const store = Store.open(context.store, { mode: 'read', busyTimeoutMs: context.busyTimeoutMs });
  try {
    return populationDistricts(store, []);
  } finally {
    store.close();
  }
}

export const mapCommand = defineCommand({ name: 'map', define, run: (context, [file], options) => runMap(context, file, options) });
