import { runCli } from './main';

const color = process.stdout.isTTY === true && !('NO_COLOR' in process.env);
runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  isTTY: process.stderr.isTTY === true,
  color,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`certdesk: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
