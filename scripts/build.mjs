// Builds every entry: the CLI (also `certdesk serve`), Electron main and preload (esbuild), and the renderer (Vite).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];

const nodeCommon = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  tsconfig: 'tsconfig.node.json',
  // npm packages stay in node_modules (native keyring, dockerode's optional deps); our code is bundled.
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
  // ESM bundles of CommonJS-minded code still call require() for node built-ins.
  banner: { js: "import { createRequire as __certdeskRequire } from 'node:module'; const require = __certdeskRequire(import.meta.url);" },
};

const jobs = {
  cli: () =>
    esbuild({ ...nodeCommon, entryPoints: { cli: 'electron/cli/bin.ts' }, outdir: 'dist/cli' }),
  main: () =>
    esbuild({ ...nodeCommon, entryPoints: { main: 'electron/main/index.ts' }, outdir: 'dist/electron', external: ['electron'] }),
  preload: () =>
    // A sandboxed preload can't load modules: everything but electron is bundled, as CommonJS.
    esbuild({
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      tsconfig: 'tsconfig.node.json',
      entryPoints: { preload: 'electron/preload/index.ts' },
      outExtension: { '.js': '.cjs' },
      outdir: 'dist/electron',
      external: ['electron'],
      logLevel: 'warning',
    }),
  renderer: () => viteBuild({ configFile: `${root}/vite.config.ts`, logLevel: 'warn' }),
};

if (!only) rmSync(`${root}/dist`, { recursive: true, force: true });
const selected = only ? [only] : Object.keys(jobs);
for (const name of selected) {
  if (!jobs[name]) {
    console.error(`unknown build target ${name}; one of ${Object.keys(jobs).join(', ')}`);
    process.exit(2);
  }
}
await Promise.all(selected.map((name) => jobs[name]()));
console.log(`built ${selected.join(', ')}`);
