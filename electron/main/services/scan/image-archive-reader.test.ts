import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { dockerArchive, hugeClaimTar, ociArchive, RHEL_OS_RELEASE, GOOD_LABELS, tarOf } from '../../../../e2e/fixtures/images/archive-builder';
import { ImageFilesystem } from '@shared/scan/image-filesystem';
import { findLicenses } from '@shared/scan/license-rules';
import { readImageArchive, type ArchiveFeed } from './image-archive-reader';
import { CAPTURE_RULES, ScanService } from './scan-service';
import type { EngineService } from '../docker/engine-service';

const LIMITS = { maxEntries: 100_000, maxContentBytes: 64 * 1024 * 1024, maxTotalBytes: 1024 ** 3 };

function fsOf(archive: Awaited<ReturnType<typeof readImageArchive>>): ImageFilesystem {
  const fs = new ImageFilesystem();
  archive.layers.forEach((l, i) => {
    for (const f of l.changes.files) f.layer = i;
    fs.apply(l.changes);
  });
  return fs;
}

describe('image archive reader', () => {
  it('reads a docker-archive, applies whiteouts and opaque directories across layers', async () => {
    const tar = await dockerArchive({
      layers: [
        [{ name: 'etc/' }, { name: 'etc/os-release', content: RHEL_OS_RELEASE }, { name: 'opt/' }, { name: 'opt/a', content: 'a' }, { name: 'opt/b', content: 'b' }, { name: 'data/' }, { name: 'data/old', content: 'x' }],
        [{ name: 'opt/.wh.a', content: '' }, { name: 'data/.wh..wh..opq', content: '' }, { name: 'data/new', content: 'y' }],
      ],
      config: { Labels: GOOD_LABELS, User: '1001' },
    });
    const archive = await readImageArchive(Readable.from([tar]), CAPTURE_RULES, LIMITS);
    expect(archive.format).toBe('docker-archive');
    expect(archive.layers).toHaveLength(2);
    expect(archive.config.user).toBe('1001');
    expect(archive.config.labels.vendor).toBe('Acme Networks');
    expect(archive.repoTags).toEqual(['example.com/acme/plugin:1.0-1']);
    const fs = fsOf(archive);
    expect(fs.get('opt/a')).toBeUndefined();
    expect(fs.get('opt/b')?.kind).toBe('file');
    expect(fs.get('data/old')).toBeUndefined();
    expect(fs.get('data/new')?.kind).toBe('file');
    expect(new TextDecoder().decode(archive.layers[0]!.contents.get('etc/os-release'))).toContain('rhel');
  });

  it('reads an OCI layout with gzip layers', async () => {
    const tar = await ociArchive({ layers: [[{ name: 'licenses/' }, { name: 'licenses/LICENSE', content: 'Apache-2.0' }]] });
    const archive = await readImageArchive(Readable.from([tar]), CAPTURE_RULES, LIMITS);
    expect(archive.format).toBe('oci-layout');
    expect(findLicenses(fsOf(archive)).found).toBe(true);
    expect(archive.repoTags).toEqual(['example.com/acme/plugin:1.0-1']);
  });

  it('keeps nothing of a lent buffer: a source that reuses one read buffer (the engine fast path) reads the same archive', async () => {
    const os = Buffer.from(RHEL_OS_RELEASE);
    const tar = await dockerArchive({
      layers: [[{ name: 'etc/' }, { name: 'etc/os-release', content: os }, { name: `opt/${'n'.repeat(120)}`, content: 'long name' }], [{ name: 'opt/x', content: Buffer.alloc(5000, 1) }]],
      config: { Labels: GOOD_LABELS, User: '1001' },
    });
    // Pieces of odd sizes, each copied into the same buffer, which is scribbled over after every push.
    const lent = Buffer.alloc(1000);
    const feed: ArchiveFeed = async (push) => {
      for (let at = 0; at < tar.length; at += 777) {
        const piece = tar.subarray(at, at + 777);
        piece.copy(lent);
        push(lent.subarray(0, piece.length));
        lent.fill(0x5a);
        await Promise.resolve();
      }
    };
    const archive = await readImageArchive(feed, CAPTURE_RULES, LIMITS);
    expect(archive.config.labels.vendor).toBe('Acme Networks');
    expect(Buffer.from(archive.layers[0]!.contents.get('etc/os-release')!).equals(os)).toBe(true);
    expect(fsOf(archive).get(`opt/${'n'.repeat(120)}`)?.kind).toBe('file');
    expect(archive.layers[1]!.digests.get('opt/x')).toBe(createHash('sha256').update(Buffer.alloc(5000, 1)).digest('hex'));
  });

  it('never follows traversal names or escaping links, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-hostile-'));
    const tar = await dockerArchive({
      layers: [
        [
          { name: '../../../../tmp/evil', content: 'pwned' },
          { name: 'a/../../escape', content: 'pwned' },
          { name: 'licenses', type: 'symlink', linkname: '../../../../etc' },
          { name: 'hl', type: 'link', linkname: '../../etc/passwd' },
          { name: 'dev/', type: 'directory' },
          { name: 'dev/sda', type: 'block-device', devmajor: 8, devminor: 0 },
        ],
      ],
    });
    const archive = await readImageArchive(Readable.from([tar]), CAPTURE_RULES, LIMITS);
    const fs = fsOf(archive);
    expect(archive.warnings.join('\n')).toContain('unsafe entry name');
    expect(fs.get('escape')).toBeUndefined();
    expect(fs.resolve('hl')).toBeUndefined();
    expect(fs.get('dev/sda')?.kind).toBe('other');
    const licenses = findLicenses(fs);
    expect(licenses.found).toBe(false);
    expect(licenses.problem).toContain('outside the image root');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a layer claiming 10 GB ends in a clear error, not a hang or a huge buffer', async () => {
    const layer = Buffer.concat([hugeClaimTar('big.bin', 10 * 1024 ** 3, Buffer.alloc(4096, 1))]);
    const outer = await tarOf([
      { name: 'abc/layer.tar', content: layer },
      { name: 'manifest.json', content: JSON.stringify([{ Config: 'c.json', RepoTags: ['x:1'], Layers: ['abc/layer.tar'] }]) },
      { name: 'c.json', content: '{"config":{}}' },
    ]);
    const before = process.memoryUsage().rss;
    await expect(readImageArchive(Readable.from([outer]), CAPTURE_RULES, LIMITS)).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' });
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('an endless layer stops at the byte limit', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 7);
    const tar = await dockerArchive({ layers: [[{ name: 'f', content: big }]] });
    await expect(readImageArchive(Readable.from([tar]), CAPTURE_RULES, { ...LIMITS, maxTotalBytes: 1024 * 1024 })).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' });
  });

  it('garbage and truncated archives are clear errors', async () => {
    await expect(readImageArchive(Readable.from([Buffer.from('not a tar at all'.repeat(100))]), CAPTURE_RULES, LIMITS)).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' });
    const tar = await dockerArchive({ layers: [[{ name: 'f', content: 'x'.repeat(10000) }]] });
    await expect(readImageArchive(Readable.from([tar.subarray(0, 3000)]), CAPTURE_RULES, LIMITS)).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' });
  });
});

describe('scan service on archives', () => {
  it('runs the connect profile and stores the report in the history', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scan-data-'));
    const tar = await dockerArchive({
      layers: [[{ name: 'etc/' }, { name: 'etc/os-release', content: RHEL_OS_RELEASE }, { name: 'licenses/' }, { name: 'licenses/LICENSE', content: 'text' }]],
      config: { Labels: { ...GOOD_LABELS, RUN: 'docker run --privileged IMAGE' }, User: '0:0' },
      repoTags: ['example.com/acme/plugin:latest'],
    });
    const path = join(dataDir, 'image.tar');
    writeFileSync(path, tar);
    const service = new ScanService({ dataDir, env: {}, engine: {} as EngineService });
    const report = await service.scan({ source: { kind: 'archive', path }, profile: 'connect' });
    const status = Object.fromEntries(report.checks.map((c) => [c.name, c.status]));
    expect(status).toMatchObject({
      has_licenses: 'passed',
      not_running_privileged: 'failed',
      not_running_as_root: 'failed',
      good_tags: 'failed',
      name_label_exists: 'passed',
      rpm_list_successful: 'failed',
      free_of_critical_vulnerabilities: 'not-evaluated',
      good_layer_count: 'passed',
    });
    expect(report.passed).toBe(false);
    const history = await service.history(report.image);
    expect(history[0]?.id).toBe(report.id);
    const html = await service.render(report.id, 'html');
    expect(html).toContain('--privileged');
  });

  it('a missing archive is FILE_UNREADABLE', async () => {
    const service = new ScanService({ dataDir: mkdtempSync(join(tmpdir(), 'scan-data-')), env: {}, engine: {} as EngineService });
    await expect(service.scan({ source: { kind: 'archive', path: '/nonexistent/x.tar' }, profile: 'preflight' })).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });
});
