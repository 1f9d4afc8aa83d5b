import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(archive: string, options: { isPack: boolean }): string[] };

/** @electron/fuses' marker: the fuse wire follows it as version byte, length byte, one ASCII '0'/'1' per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_ORDER = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'];

/**
 * The Electron zip can't be fetched here, so the packaging config is proven with `--linux dir`
 * against a stand-in Electron folder whose binary carries a real fuse wire (as Electron's does).
 */
describe('electron-builder packaging (--linux dir, stand-in Electron)', () => {
  const work = mkdtempSync(join(tmpdir(), 'certdesk-pack-'));
  const out = join(work, 'out');
  let appDir: string;
  let files: string[];

  beforeAll(async () => {
    if (!existsSync('dist/electron/main.js') || !existsSync('dist/renderer/index.html')) await run(process.execPath, ['scripts/build.mjs']);
    const standIn = join(work, 'electron-dist');
    mkdirSync(join(standIn, 'resources'), { recursive: true });
    // Electron's defaults: run-as-node on, cookie encryption off, NODE_OPTIONS on, inspect on, the rest off but file:// privileges.
    writeFileSync(join(standIn, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho stand-in\nexit 0\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')]), { mode: 0o755 });
    writeFileSync(join(standIn, 'LICENSE'), 'stand-in');
    const electronVersion = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;
    await run('npx', ['electron-builder', '--linux', 'dir', '-c', 'electron-builder.yml', `-c.electronDist=${standIn}`, `-c.electronVersion=${electronVersion}`, `-c.directories.output=${out}`], {
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, ELECTRON_BUILDER_CACHE: join(work, 'cache') },
    });
    appDir = join(out, 'linux-unpacked');
    files = asar.listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
  }, 300_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('flips the fuses electron-builder.yml asks for', () => {
    const binary = readFileSync(join(appDir, 'certdesk'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = binary.subarray(at + 2, at + 2 + binary[at + 1]!).toString('latin1');
    const fuses = Object.fromEntries(FUSE_ORDER.map((name, i) => [name, wire[i] === '1']));
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('puts the built app and its runtime dependencies in the asar', () => {
    for (const needed of ['/package.json', '/dist/electron/main.js', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/dist/cli/cli.js', '/node_modules/dockerode/package.json', '/node_modules/zod/package.json']) {
      expect(files, needed).toContain(needed);
    }
  });

  it('leaves out sources, tests, fixtures, benches, source maps and build-time packages', () => {
    const unwanted = files.filter(
      (f) =>
        f.endsWith('.map') ||
        /\.test\.[cm]?[jt]sx?$/.test(f) ||
        /^\/(e2e|bench|shared|renderer|electron|scripts|artifacts|\.ci)(\/|$)/.test(f) ||
        /^\/node_modules\/(electron|electron-builder|vitest|vite|typescript|@playwright|playwright-core|react|react-dom|@patternfly|esbuild|fast-check)\//.test(f) ||
        /^\/dist\/(?!electron|renderer|cli)/.test(f),
    );
    expect(unwanted).toEqual([]);
  });

  it('ships only N-API native modules (nothing to rebuild for Electron)', () => {
    const natives: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.node')) natives.push(full);
      }
    };
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked');
    if (existsSync(unpacked)) walk(unpacked);
    const packedNatives = files.filter((f) => f.endsWith('.node'));
    expect(natives.length + packedNatives.length).toBeGreaterThan(0);
    for (const file of natives) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from('napi_register_module_v1')), relative(appDir, file)).toBe(true);
    }
  });
});
