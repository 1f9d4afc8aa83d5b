/**
 * The rpmdb readers against databases made by the real rpm (Debian's rpm 4.18, rpmbuild, rpmsign, db_load):
 * every field CertDesk reads must equal what `rpm -qa --qf` / `rpm -q --dump` report for the same database.
 * Needs rpm, db-util and gnupg (.ci/apt-packages.txt), not the Docker engine.
 */
import { execFile as execFileCb } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRpmDatabase } from '../../electron/main/services/scan/rpmdb-reader';
import type { RpmDatabase, RpmPackage } from '@shared/rpm/rpm-package';
import { compareEvr, rpmvercmp } from '@shared/rpm/rpm-version';
import { RPMVERCMP_VECTORS } from '@shared/rpm/rpmvercmp-vectors';
import { buildRpmFixtures, type RpmFixtures } from '../fixtures/rpm/build-rpm-fixtures.mjs';

const execFile = promisify(execFileCb);

let workDir: string;
let fx: RpmFixtures;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'certdesk-rpmdb-'));
  fx = await buildRpmFixtures(join(workDir, 'fixtures'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function rpm(args: string[]): Promise<string> {
  const { stdout } = await execFile('rpm', args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

function dbArgs(rootfs: string, backend: 'sqlite' | 'bdb_ro'): string[] {
  return ['--root', rootfs, '--dbpath', '/var/lib/rpm', '--define', `_db_backend ${backend}`];
}

const NONE = '(none)';
const QF_PACKAGE = ['%{NAME}', '%{EPOCH}', '%{VERSION}', '%{RELEASE}', '%{ARCH}', '%{VENDOR}', '%{INSTALLTIME}', '%{FILEDIGESTALGO}', '%{RSAHEADER:pgpsig}', '%{DSAHEADER:pgpsig}', '%{SUMMARY}', '%{SOURCERPM}'].join('\t') + '\n';
const QF_FILES = '[' + ['%{FILENAMES}', '%{FILEDIGESTS}', '%{FILEMODES}', '%{FILESIZES}', '%{FILEFLAGS}', '%{FILELINKTOS}'].join('\t') + '\n]';

/** What rpm says about every package in a database, shaped like RpmPackage (one -qa: bdb_ro has no Name index). */
async function rpmView(rootfs: string, backend: 'sqlite' | 'bdb_ro'): Promise<RpmPackage[]> {
  const records = (await rpm([...dbArgs(rootfs, backend), '-qa', '--qf', `@@${QF_PACKAGE}${QF_FILES}`])).split('@@').slice(1);
  const out: RpmPackage[] = [];
  for (const record of records) {
    const [line, ...fileLines] = record.split('\n').filter((l) => l !== '');
    const [name, epoch, version, release, arch, vendor, installTime, algo, rsa, dsa, summary, sourceRpm] = line!.split('\t') as string[];
    const sig = [rsa, dsa].find((s) => s && s !== NONE);
    const keyId = sig?.match(/Key ID ([0-9a-f]{16})/)?.[1];
    const pkg: RpmPackage = {
      name: name!,
      version: version!,
      release: release!,
      arch: arch === NONE ? '' : arch!,
      fileDigestAlgo: algo === NONE ? 1 : Number(algo),
      installTime: Number(installTime),
      files: [],
    };
    if (epoch !== NONE) pkg.epoch = Number(epoch);
    if (vendor !== NONE) pkg.vendor = vendor!;
    if (keyId) pkg.signatureKeyId = keyId;
    if (summary !== NONE) pkg.summary = summary!;
    // rpm --import stores the literal string "(none)" as a gpg-pubkey's SOURCERPM; elsewhere it means absent.
    if (sourceRpm !== NONE || name === 'gpg-pubkey') pkg.sourceRpm = sourceRpm!;
    for (const f of fileLines) {
      const [path, digest, mode, size, flags, link] = f.split('\t') as string[];
      const file: RpmPackage['files'][number] = { path: path!, digest: digest!, mode: Number(mode), size: Number(size), flags: Number(flags) };
      if (link) file.linkTarget = link;
      pkg.files.push(file);
    }
    out.push(pkg);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Our reading, minus fields rpm's query format can't show the same way (license is checked elsewhere). */
function ourView(db: RpmDatabase): RpmPackage[] {
  return db.packages
    .map(({ license: _license, ...p }) => p)
    .sort((a, b) => a.name.localeCompare(b.name));
}

describe('SQLite rpmdb (rpm 4.18 default backend)', () => {
  it('reads every package exactly as rpm -qa / -q --qf report it', async () => {
    const bytes = new Uint8Array(await readFile(fx.sqlite.dbFile));
    const db = await readRpmDatabase('/var/lib/rpm/rpmdb.sqlite', bytes);
    expect(db.error).toBeUndefined();
    expect(db.warnings).toEqual([]);
    expect(db.format).toBe('sqlite');
    expect(ourView(db)).toEqual(await rpmView(fx.sqlite.rootfs, 'sqlite'));
  });

  it('names the throwaway signing key on signed packages only', async () => {
    const db = await readRpmDatabase('var/lib/rpm/rpmdb.sqlite', new Uint8Array(await readFile(fx.sqlite.dbFile)));
    const byName = new Map(db.packages.map((p) => [p.name, p]));
    expect(byName.get('redhat-release')?.signatureKeyId).toBe(fx.keyId);
    expect(byName.get('neutron-plugin-acme')?.signatureKeyId).toBe(fx.keyId);
    expect(byName.get('kernel-core')?.signatureKeyId).toBeUndefined();
    expect(byName.get('redhat-release')?.vendor).toBe('Red Hat, Inc.');
  });

  it('agrees with rpm -q --dump on paths, sizes, digests, modes, config/doc and symlinks', async () => {
    const db = await readRpmDatabase('var/lib/rpm/rpmdb.sqlite', new Uint8Array(await readFile(fx.sqlite.dbFile)));
    const pkg = db.packages.find((p) => p.name === 'neutron-plugin-acme')!;
    const dump = (await rpm([...dbArgs(fx.sqlite.rootfs, 'sqlite'), '-q', '--dump', 'neutron-plugin-acme'])).trim().split('\n');
    expect(pkg.files.map((f) => f.path)).toEqual(dump.map((l) => l.split(' ')[0]));
    for (const line of dump) {
      // path size mtime digest mode owner group isconfig isdoc rdev symlink
      const [path, size, , digest, mode, , , isConfig, isDoc, , symlink] = line.split(' ') as string[];
      const f = pkg.files.find((x) => x.path === path)!;
      expect(f.size).toBe(Number(size));
      expect(f.digest || '0'.repeat(64)).toBe(digest);
      expect(f.mode).toBe(parseInt(mode!, 8));
      expect((f.flags & 1) !== 0).toBe(isConfig === '1');
      expect((f.flags & 2) !== 0).toBe(isDoc === '1');
      expect(f.linkTarget ?? 'X').toBe(symlink);
    }
    const flags = Object.fromEntries(pkg.files.map((f) => [f.path, f.flags]));
    expect(flags['/var/log/neutron/acme.log']! & 64).toBe(64); // ghost
    expect(flags['/usr/share/licenses/neutron-plugin-acme-1.2.3/LICENSE.acme']! & 128).toBe(128); // license
    expect(flags['/etc/neutron/plugins/acme/acme.ini']! & (1 | 16)).toBe(17); // config(noreplace)
  });

  it('folds committed transactions from rpmdb.sqlite-wal into the reading', async (ctx) => {
    // Python's sqlite3 leaves a WAL behind when the process ends without closing: the state an image
    // layer captures if rpm was killed mid-run, or copied while it ran.
    const python = await execFile('python3', ['-c', 'import sqlite3']).then(() => true, () => false);
    if (!python) ctx.skip();
    const dir = join(workDir, 'wal');
    await execFile('mkdir', ['-p', dir]);
    const db = join(dir, 'rpmdb.sqlite');
    await writeFile(db, await readFile(fx.sqlite.dbFile));
    const script = [
      'import sqlite3, shutil, os, sys',
      'db = sys.argv[1]',
      'c = sqlite3.connect(db)',
      "c.execute('PRAGMA wal_autocheckpoint=0')",
      "c.execute(\"DELETE FROM Packages WHERE hnum IN (SELECT hnum FROM Packages ORDER BY hnum DESC LIMIT 1)\")",
      'c.commit()',
      "shutil.copy(db, db + '.snap')",
      "shutil.copy(db + '-wal', db + '-wal.snap')",
      'os._exit(0)',
    ].join('\n');
    await execFile('python3', ['-c', script, db]);
    const main = new Uint8Array(await readFile(`${db}.snap`));
    const wal = new Uint8Array(await readFile(`${db}-wal.snap`));
    expect(wal.length).toBeGreaterThan(32);
    const without = await readRpmDatabase('var/lib/rpm/rpmdb.sqlite', main);
    const withWal = await readRpmDatabase('var/lib/rpm/rpmdb.sqlite', main, { sqliteWal: wal });
    expect(withWal.error).toBeUndefined();
    expect(withWal.packages.length).toBe(without.packages.length - 1);
  });
});

describe('Berkeley DB rpmdb (RHEL 7/8 Packages)', () => {
  it.each(['rootfs-bdb', 'rootfs-bdb-be', 'rootfs-bdb-512', 'rootfs-bdb-64k'])('%s reads exactly as rpm (bdb_ro) reports it', async (name) => {
    const variant = fx.bdb.find((b) => b.name === name)!;
    const db = await readRpmDatabase('/var/lib/rpm/Packages', new Uint8Array(await readFile(variant.dbFile)));
    expect(db.error).toBeUndefined();
    expect(db.warnings).toEqual([]);
    expect(db.format).toBe('bdb');
    expect(ourView(db)).toEqual(await rpmView(variant.rootfs, 'bdb_ro'));
  });

  it('every variant, page checksums included, matches the SQLite reading of the same headers', async () => {
    const sqlite = await readRpmDatabase('rpmdb.sqlite', new Uint8Array(await readFile(fx.sqlite.dbFile)));
    expect(fx.bdb.map((b) => b.name)).toContain('rootfs-bdb-chksum');
    for (const variant of fx.bdb) {
      const bdb = await readRpmDatabase('Packages', new Uint8Array(await readFile(variant.dbFile)));
      expect(bdb.warnings).toEqual([]);
      expect(bdb.packages).toEqual(sqlite.packages);
    }
  });

  it('survives truncation and corruption of a real file with warnings or an error, never a throw', async () => {
    const bytes = new Uint8Array(await readFile(fx.bdb.find((b) => b.name === 'rootfs-bdb-512')!.dbFile));
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length), fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.nat(255)), { maxLength: 20 }), async (cut, edits) => {
        const b = bytes.slice(0, Math.max(cut, 600));
        for (const [at, v] of edits) if (at < b.length) b[at] = v;
        const db = await readRpmDatabase('var/lib/rpm/Packages', b);
        expect(Array.isArray(db.packages)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('readRpmDatabase on things that are not rpm databases', () => {
  it.each([
    ['empty sqlite path', 'var/lib/rpm/rpmdb.sqlite', new Uint8Array(0)],
    ['text', 'var/lib/rpm/Packages', new TextEncoder().encode('hello world')],
    ['random', 'usr/lib/sysimage/rpm/Packages.db', new Uint8Array(4096).fill(7)],
  ])('%s → error, no packages', async (_label, path, bytes) => {
    const db = await readRpmDatabase(path, bytes);
    expect(db.packages).toEqual([]);
    expect(db.error).toMatch(/./);
  });

  it('an SQLite file that is not an rpmdb', async () => {
    const { default: initSqlJs } = await import('sql.js');
    const SQL = await initSqlJs();
    const other = new SQL.Database();
    other.run('CREATE TABLE t (x)');
    const db = await readRpmDatabase('var/lib/rpm/rpmdb.sqlite', other.export());
    other.close();
    expect(db.error).toMatch(/no Packages table/);
  });
});

describe('EVR comparison agrees with the real rpm', () => {
  /** rpm.vercmp() in rpm 4.18's Lua parses full EVRs (epoch:version-release), like rpmverCmp(). */
  async function rpmVercmp(pairs: ReadonlyArray<readonly [string, string]>): Promise<number[]> {
    const file = join(workDir, `pairs-${Math.random().toString(36).slice(2)}.txt`);
    await writeFile(file, pairs.map(([a, b]) => `${a}\t${b}`).join('\n') + '\n');
    const lua = `%{lua: for line in io.lines("${file}") do local a, b = line:match("^(.-)\\t(.*)$"); print(rpm.vercmp(a, b) .. " ") end}`;
    // rpm's Lua print() appends to the macro's output without a newline: separate values ourselves.
    const out = await rpm(['--eval', lua]);
    return out.trim().split(/\s+/).map(Number);
  }

  it("rpm's own rpmvercmp vectors", async () => {
    const got = await rpmVercmp(RPMVERCMP_VECTORS.map(([a, b]) => [a, b] as const));
    expect(got).toEqual(RPMVERCMP_VECTORS.map(([, , expected]) => expected));
  });

  it('random versions (no "-" or ":", so rpm compares them as plain versions)', async () => {
    // rpm.vercmp() refuses an empty version, so every side has at least one character.
    const piece = fc.string({ unit: fc.constantFrom(...'0123456789abzAZ.~^_+'.split('')), minLength: 1, maxLength: 10 });
    const pairs = fc.sample(fc.tuple(piece, piece), { numRuns: 400, seed: 4242 });
    // Near-misses matter most: also compare each string with a small edit of itself.
    const near = pairs.map(([a]) => [a, a.replace(/\d/, (d) => String((Number(d) + 1) % 10)) + (a.length % 2 ? '~1' : '^1')] as const);
    const all = [...pairs, ...near];
    const got = await rpmVercmp(all);
    expect(all.map(([a, b]) => rpmvercmp(a, b))).toEqual(got);
  });

  it('random full EVRs', async () => {
    const num = fc.constantFrom('0', '1', '2', '10', '007');
    const ver = fc.string({ unit: fc.constantFrom(...'0123456789abz.~^_'.split('')), minLength: 1, maxLength: 8 });
    const evr = fc.tuple(fc.option(num), ver, fc.option(ver)).map(([e, v, r]) => `${e === null ? '' : `${e}:`}${v}${r === null ? '' : `-${r}`}`);
    const pairs = fc.sample(fc.tuple(evr, evr), { numRuns: 300, seed: 99 });
    const got = await rpmVercmp(pairs);
    expect(pairs.map(([a, b]) => compareEvr(a, b))).toEqual(got);
  });
});
