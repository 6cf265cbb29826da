// `safety-scan report`: district reports for the zonal safety plan, as HTML or Markdown.
import { Option, type Command } from 'commander';
import type { CommandModule } from '../command.js';
import { collectList, examples } from '../command.js';


export const reportCommand: CommandModule = {
  name: 'report',
  define(command: Command, t) {
    command
      .description(t('help.report'))
      .option('--wave <wave>', t('help.opt_wave'))
      .option('--district <name>', t('help.opt_district_report'), collectList)
      .addOption(new Option('--format <format>', t('help.opt_format_report')).choices(['html', 'md']).default('html'))
      .option('--out <dir>', t('help.opt_out'), 'report')
      .option('--goals <file>', t('help.opt_goals'))
      .option('--include-notes', t('help.opt_include_notes'))
      .addHelpText(
        'after',
        examples(t, [
          ['safety-scan report', t('help.ex_report')],
          ['safety-scan report --lang fr --format md --district Oudegem', t('help.ex_report_md')],
          ['safety-scan report --out artefacts/report-2026', t('help.ex_report_out')],
        ]),
      );
  },
  async run(context, _args, options) {
    const { runReport } = await import('../report-run.js');
    return runReport(context, options);
  },
};
