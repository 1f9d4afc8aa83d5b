import type { CliCommand } from '../cli-command';
import { engineCommand } from './engine-command';
import { serveCommand } from './serve-command';

/** Every `certdesk <command>`, in the order `certdesk --help` lists them. */
export const commands: CliCommand[] = [serveCommand, engineCommand];
