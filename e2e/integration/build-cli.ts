import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
let built: Promise<void> | undefined;

/** Builds the CLI bundle once per test process (tests run the real `bin/certdesk.js`). */
export function buildCli(): Promise<void> {
  if (process.env.CERTDESK_SKIP_BUILD && existsSync('dist/cli/cli.js')) return Promise.resolve();
  built ??= run(process.execPath, ['scripts/build.mjs', 'cli']).then(() => undefined);
  return built;
}
