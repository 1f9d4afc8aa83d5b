#!/usr/bin/env node
// `npm start`: builds and launches the Electron app. Where no Electron binary could be installed
// (machines without access to Electron's downloads), says so and points at `certdesk serve`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 2);

const binary = electronBinary();
if (!binary) {
  console.error(
    [
      'The Electron binary is not installed on this machine (its download was skipped or is not reachable),',
      'so the desktop window cannot open here. Everything else works:',
      '',
      '  npx certdesk serve        # the same app in your browser, on 127.0.0.1 with a per-run token',
      '  npx certdesk --help       # the CLI (lint, scan, build, push, pull, keygen, ...)',
      '',
      'To get the desktop app, install Electron where its download works: `npm install electron` (without ELECTRON_SKIP_BINARY_DOWNLOAD).',
    ].join('\n'),
  );
  process.exit(2);
}
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
