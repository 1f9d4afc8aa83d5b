import type { CliCommand } from '../cli-command';
import { buildCommand } from './build-command';
import { checkRepoCommand } from './check-repo-command';
import { engineCommand } from './engine-command';
import { keyCommand } from './key-command';
import { keygenCommand } from './keygen-command';
import { knownHostsCommand } from './known-hosts-command';
import { lintCommand } from './lint-command';
import { loginCommand } from './login-command';
import { logoutCommand } from './logout-command';
import { projectCommand } from './project-command';
import { pullCommand } from './pull-command';
import { pushCommand } from './push-command';
import { reportCommand } from './report-command';
import { runCommand } from './run-command';
import { scanCommand, vulnsCommand } from './scan-command';
import { secretsCommand } from './secrets-command';
import { serveCommand } from './serve-command';

/** Every `certdesk <command>`, in the order `certdesk --help` lists them. */
export const commands: CliCommand[] = [serveCommand, engineCommand, lintCommand, buildCommand, loginCommand, logoutCommand, pushCommand, pullCommand, runCommand, scanCommand, vulnsCommand, keygenCommand, keyCommand, checkRepoCommand, knownHostsCommand, secretsCommand, projectCommand, reportCommand];
