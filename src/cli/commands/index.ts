// Every command, in the order `--help` lists them.
import type { CommandModule } from '../command.js';
import { initCommand } from './init.js';
import { importCommand } from './import.js';
import { mapCommand } from './map.js';
import { statusCommand } from './status.js';
import { forgetCommand } from './forget.js';
import { demoCommand } from './demo.js';
import { indicatorsCommand } from './indicators.js';
import { compareCommand } from './compare.js';
import { profileCommand } from './profile.js';
import { checkCommand } from './check.js';
import { planCommand } from './plan.js';
import { reportCommand } from './report.js';
import { codebookCommand } from './codebook.js';
import { validateCommand } from './validate.js';
import { benchmarkCommand } from './benchmark.js';
import { adminCommand } from './admin.js';

export const COMMANDS: CommandModule[] = [initCommand, importCommand, statusCommand, forgetCommand, mapCommand, indicatorsCommand, compareCommand, profileCommand, checkCommand, planCommand, reportCommand, benchmarkCommand, codebookCommand, validateCommand, demoCommand, adminCommand];
