import type { CliCommand } from '../cli-command';
import { checkRepoCommand } from './check-repo-command';
import { engineCommand } from './engine-command';
import { keyCommand } from './key-command';
import { keygenCommand } from './keygen-command';
import { lintCommand } from './lint-command';
import { projectCommand } from './project-command';
import { reportCommand } from './report-command';
import { secretsCommand } from './secrets-command';
import { serveCommand } from './serve-command';

/** Every `certdesk <command>`, in the order `certdesk --help` lists them. */
export const commands: CliCommand[] = [serveCommand, engineCommand, lintCommand, keygenCommand, keyCommand, checkRepoCommand, secretsCommand, projectCommand, reportCommand];
