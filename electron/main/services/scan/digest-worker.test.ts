import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { dockerArchive } from '../../../../e2e/fixtures/images/archive-builder';
import { DigestWorker } from './digest-worker';
import { readImageArchive } from './image-archive-reader';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('digest worker', () => {
  it('gives the same sha256 as hashing inline, for files interleaved across batches, split chunks and empty files', async () => {
    // Tiny batches and only two of them: chunks split across batches and the worker falls behind.
    const worker = new DigestWorker(1000, 2);
    try {
      const files = [randomBytes(5000), randomBytes(1), Buffer.alloc(0), randomBytes(2500)];
      const digests: Array<Promise<string>> = [];
      let waited = false;
      for (const file of files) {
        const id = worker.begin();
        for (let i = 0; i < file.length; i += 777) {
          worker.write(id, file.subarray(i, i + 777));
          if (worker.backlogged) {
            waited = true;
            await worker.room();
            expect(worker.backlogged).toBe(false);
          }
        }
        digests.push(worker.end(id));
      }
      worker.flush();
      expect(await Promise.all(digests)).toEqual(files.map(sha256));
      expect(waited).toBe(true);
    } finally {
      await worker.close();
    }
  });

  it('rejects the digests still pending when closed, and refuses work after', async () => {
    const worker = new DigestWorker(1000, 1);
    const id = worker.begin();
    worker.write(id, randomBytes(10));
    const digest = worker.end(id);
    await worker.close();
    await expect(digest).rejects.toThrow(/closed/);
    expect(() => worker.write(worker.begin(), randomBytes(2000))).toThrow(/closed/);
  });

  it('hashes every file of a streamed archive the way the scan reads it', async () => {
    const files = { 'opt/small': randomBytes(70_000), 'opt/big': randomBytes(9 * 1024 * 1024 + 3), 'opt/empty': Buffer.alloc(0) };
    const tar = await dockerArchive({ layers: [[{ name: 'opt/' }, ...Object.entries(files).map(([name, content]) => ({ name, content }))]] });
    // Socket-sized chunks.
    const chunks: Buffer[] = [];
    for (let i = 0; i < tar.length; i += 65536) chunks.push(tar.subarray(i, i + 65536));
    const archive = await readImageArchive(Readable.from(chunks), { keepContent: () => false, wantDigest: () => true }, { maxEntries: 100, maxContentBytes: 1024, maxTotalBytes: 1024 ** 3 });
    const layer = archive.layers[0]!;
    for (const [name, content] of Object.entries(files)) expect(layer.digests.get(name)).toBe(sha256(content));
  });
});
