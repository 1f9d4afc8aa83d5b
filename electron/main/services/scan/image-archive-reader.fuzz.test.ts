import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { pack as tarPack, type Header } from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { dockerArchive, ociArchive } from '../../../../e2e/fixtures/images/archive-builder';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { readImageArchive } from './image-archive-reader';
import type { CaptureRules } from './layer-reader';

/**
 * Image archives come from anywhere (a colleague's `docker save`, a download, a hostile tar):
 * generated tar streams — traversal and absolute names, long names, links, devices, fifos,
 * whiteouts, random sizes, truncation, garbage, gzip or not — must end in an ImageArchive or an
 * ARCHIVE_INVALID AppError, never another throw and never a hang, and nothing is written to disk.
 */

/** Keep and hash everything small: the fuzz exercises every path the real rules could take. */
const RULES: CaptureRules = { keepContent: (_p, size) => size <= 4096, wantDigest: () => true };
const LIMITS = { maxEntries: 5_000, maxContentBytes: 1024 * 1024, maxTotalBytes: 16 * 1024 * 1024 };
/** A case that takes longer than this is a hang (typical cases take a few milliseconds). */
const CASE_TIMEOUT_MS = 10_000;

/** Every entry name marks itself, so the test can look for anything that landed on disk. */
const MARK = `certdesk-fuzz-${process.pid}-${Date.now().toString(36)}`;
const namesSeen = new Set<string>();

const TYPES: Array<Header['type']> = ['file', 'directory', 'symlink', 'link', 'character-device', 'block-device', 'fifo', 'contiguous-file'];
const hex64 = fc.stringMatching(/^[a-f0-9]{64}$/);
const entryName = fc.oneof(
  fc.constantFrom('..', '../', './', '.', '/', '', 'manifest.json', 'index.json', 'oci-layout', 'repositories', '.wh..wh..opq', 'etc/.wh..wh..opq', '.wh.', '.wh..', '.wh...'),
  fc.constantFrom(`../${MARK}`, `../../../../tmp/${MARK}`, `/tmp/${MARK}`, `a/../../${MARK}`, `./${MARK}/../../x`, `/${MARK}`),
  fc.tuple(fc.constantFrom('etc/', 'usr/lib/', 'root/', 'licenses/', ''), fc.constantFrom('.wh.', ''), fc.string({ maxLength: 20 })).map(([d, w, n]) => `${d}${w}${n}`),
  hex64.map((h) => `${h}/layer.tar`),
  hex64.map((h) => `blobs/sha256/${h}`),
  fc.integer({ min: 90, max: 300 }).map((n) => `${'d/'.repeat(n / 2)}${MARK}`),
  fc.integer({ min: 4000, max: 5000 }).map((n) => 'x'.repeat(n)),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

interface FuzzEntry {
  name: string;
  type: Header['type'];
  content?: Buffer;
  linkname?: string;
  mode?: number;
}
const jsonText = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.tuple(fc.array(hex64, { maxLength: 3 }), fc.string({ maxLength: 70 })).map(([ids, config]) => JSON.stringify([{ Config: config, RepoTags: ['x:1'], Layers: ids.map((i) => `${i}/layer.tar`) }])),
  fc.constantFrom('{', '[', '{"manifests":[{"digest":"sha256:' + 'a'.repeat(64) + '"}]}', '[{"Config":"../../etc/passwd","Layers":["../x/layer.tar"]}]'),
);
const content = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
  jsonText.map((t) => Buffer.from(t)),
  fc.constant(Buffer.alloc(1536)),
);
const leafEntry: fc.Arbitrary<FuzzEntry> = fc.record(
  { name: entryName, type: fc.constantFrom(...TYPES), content, linkname: fc.oneof(entryName, fc.constant(`../../../../${MARK}`)), mode: fc.nat({ max: 0o7777 }) },
  { requiredKeys: ['name', 'type'] },
);

/** Packs entries the way a hostile or broken producer might; a refusal of tar-stream leaves a truncated tar, which is input too. */
async function packTar(entries: readonly FuzzEntry[]): Promise<Buffer> {
  const pack = tarPack();
  const chunks: Buffer[] = [];
  pack.on('data', (c) => chunks.push(c as Buffer));
  pack.on('error', () => undefined);
  const ended = new Promise<void>((done) => {
    pack.on('end', () => done());
    pack.on('close', () => done());
  });
  try {
    for (const e of entries) {
      namesSeen.add(e.name);
      if (e.linkname !== undefined) namesSeen.add(e.linkname);
      const body = e.type === 'file' || e.type === 'contiguous-file' ? (e.content ?? Buffer.alloc(0)) : undefined;
      const header = { name: e.name, type: e.type, mode: e.mode ?? 0o644, size: body ? body.length : 0, ...(e.linkname !== undefined ? { linkname: e.linkname } : {}) } as Header;
      await new Promise<void>((done) => {
        const cb = () => done();
        try {
          if (body) pack.entry(header, body, cb);
          else pack.entry(header, cb);
        } catch {
          done();
        }
      });
    }
    pack.finalize();
  } catch {
    pack.destroy();
  }
  await Promise.race([ended, new Promise((r) => setTimeout(r, 1000))]);
  return Buffer.concat(chunks);
}

/** One level of nesting: some entries are layer tars made of generated entries. */
const archiveEntries = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: leafEntry },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(hex64.map((h) => `${h}/layer.tar`), entryName), fc.array(leafEntry, { maxLength: 8 }), fc.boolean()).map(([name, inner, gz]) => ({ name, type: 'file' as const, inner, gz })) },
  ),
  { maxLength: 12 },
);

type Damage = { kind: 'none' | 'truncate' | 'flip' | 'garbage' | 'zeros'; at: number; bytes: Uint8Array };
const damage: fc.Arbitrary<Damage> = fc.record({ kind: fc.constantFrom('none', 'none', 'truncate', 'flip', 'garbage', 'zeros'), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) });
function applyDamage(buf: Buffer, d: Damage): Buffer {
  const i = buf.length === 0 ? 0 : d.at % buf.length;
  switch (d.kind) {
    case 'none': return buf;
    case 'truncate': return buf.subarray(0, i);
    case 'flip': {
      const out = Buffer.from(buf);
      d.bytes.forEach((b, k) => { if (i + k < out.length) out[i + k] = (out[i + k] as number) ^ b; });
      return out;
    }
    case 'garbage': return Buffer.concat([buf.subarray(0, i), Buffer.from(d.bytes), buf.subarray(i)]);
    case 'zeros': return Buffer.concat([buf.subarray(0, i), Buffer.alloc(512 * ((d.at % 4) + 1))]);
  }
}

async function build(entries: ReadonlyArray<FuzzEntry | { name: string; type: 'file'; inner: FuzzEntry[]; gz: boolean }>): Promise<Buffer> {
  const flat: FuzzEntry[] = [];
  for (const e of entries) {
    if ('inner' in e) {
      const layer = await packTar(e.inner);
      flat.push({ name: e.name, type: 'file', content: e.gz ? gzipSync(layer) : layer });
    } else flat.push(e);
  }
  return packTar(flat);
}

/** Feeds the bytes in random chunk sizes, as a pipe or a file stream would. */
function streamOf(buf: Buffer, chunk: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
  return Readable.from(parts);
}

async function expectResultOrArchiveInvalid(buf: Buffer, chunk: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CASE_TIMEOUT_MS} ms: a hang`)), CASE_TIMEOUT_MS);
  });
  try {
    const archive = await Promise.race([readImageArchive(streamOf(buf, chunk), RULES, LIMITS), hang]);
    expect(['docker-archive', 'oci-layout']).toContain(archive.format);
    expect(archive.layers.length).toBe(archive.layerNames.length);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    expect(err.code).toBe(ErrorCode.ArchiveInvalid);
    expect(err.message.length).toBeGreaterThan(0);
  } finally {
    clearTimeout(timer);
  }
}

describe('image archive reader under fuzzing', () => {
  afterAll(() => {
    // Nothing the archives named — traversal, absolute or linked — exists anywhere it could have landed.
    for (const base of [process.cwd(), tmpdir(), '/tmp', '/']) {
      for (const name of namesSeen) {
        if (!name.includes(MARK)) continue;
        const path = isAbsolute(name) ? name : resolve(base, name);
        expect(existsSync(path), path).toBe(false);
      }
    }
    expect([...namesSeen].some((n) => n.includes(MARK))).toBe(true);
  });

  it('reads generated tar streams to an archive or ARCHIVE_INVALID', async () => {
    await fc.assert(
      fc.asyncProperty(archiveEntries, damage, fc.boolean(), fc.integer({ min: 1, max: 8192 }), async (entries, d, gzip, chunk) => {
        let buf = applyDamage(await build(entries), d);
        if (gzip) buf = gzipSync(buf);
        await expectResultOrArchiveInvalid(buf, chunk);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('reads damaged copies of real docker-archive and OCI archives to an archive or ARCHIVE_INVALID', async () => {
    const layers = [[{ name: 'etc/' }, { name: 'etc/os-release', content: 'ID="rhel"\n' }, { name: 'opt/.wh.a', content: '' }, { name: 'data/.wh..wh..opq', content: '' }, { name: 'lnk', type: 'symlink' as const, linkname: '../../etc' }]];
    const real = [await dockerArchive({ layers }), await ociArchive({ layers }), await ociArchive({ layers }, false)];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...real.keys()), fc.array(damage, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.integer({ min: 1, max: 65536 }), async (which, ds, gzip, chunk) => {
        let buf = ds.reduce(applyDamage, real[which]!);
        if (gzip) buf = gzipSync(buf);
        await expectResultOrArchiveInvalid(buf, chunk);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('reads a gzip stream cut anywhere, and pure garbage, to ARCHIVE_INVALID', async () => {
    const gz = gzipSync(await dockerArchive({ layers: [[{ name: 'f', content: 'x'.repeat(5000) }]] }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.nat().map((n) => gz.subarray(0, n % gz.length)), fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)), fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.concat([Buffer.from([0x1f, 0x8b]), b]))), async (buf) => {
        await expectResultOrArchiveInvalid(buf, 4096);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
