import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tarOf } from '../../../../e2e/fixtures/images/archive-builder';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { readSecurityData } from './vuln-store';

/**
 * The security-data importer takes whatever the user points it at: a folder, a tar or tar.gz, a
 * single file, holding CSAF/VEX JSON, OVAL XML or anything else. It answers with an index or a
 * FILE_UNREADABLE / ARCHIVE_INVALID AppError, never another throw and never a hang.
 */

const NOW = new Date('2025-03-01T00:00:00Z');
const CASE_TIMEOUT_MS = 10_000;
const root = mkdtempSync(join(tmpdir(), 'certdesk-vuln-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const VEX = JSON.stringify({
  document: { csaf_version: '2.0', category: 'csaf_vex', tracking: { id: 'CVE-2099-0001', current_release_date: '2024-01-02T00:00:00Z' } },
  product_tree: { branches: [{ product: { product_id: 'openssl-1:3.0.7-99.el9.x86_64', product_identification_helper: { purl: 'pkg:rpm/redhat/openssl@3.0.7-99.el9?epoch=1' } } }] },
  vulnerabilities: [{ cve: 'CVE-2099-0001', product_status: { fixed: ['openssl-1:3.0.7-99.el9.x86_64'], known_affected: ['constructor'] } }],
});
const OVAL = '<oval_definitions><definition class="patch" id="x"><reference ref_id="RHSA-2099:1"/><severity>Important</severity><cve>CVE-2099-2</cve><criterion comment="bash is earlier than 0:5.1-9.el9"/></definition></oval_definitions>';

const fileBody = fc.oneof(
  fc.constantFrom(VEX, OVAL, '', '{', 'null', '[]', '{"document":{"csaf_version":2}}'),
  fc.tuple(fc.constantFrom(VEX, OVAL), fc.nat(), fc.string({ maxLength: 20 })).map(([t, n, s]) => {
    const i = n % (t.length + 1);
    return t.slice(0, i) + s + t.slice(i + s.length);
  }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b).toString('latin1')),
);
const fileName = fc.tuple(fc.stringMatching(/^[a-z0-9._-]{1,12}$/), fc.constantFrom('.json', '.xml', '.JSON', '.txt', '', '.json.bz2')).map(([b, e]) => b + e).filter((n) => n !== '.' && n !== '..');
const files = fc.array(fc.tuple(fc.constantFrom('', 'sub/', 'a/b/', '../', '/abs/'), fileName, fileBody), { maxLength: 6 });

type Container = 'folder' | 'tar' | 'tar.gz' | 'tgz' | 'single' | 'bz2' | 'missing';
type Damage = { cut?: number; flip?: number };

let caseNo = 0;
async function materialize(kind: Container, entries: Array<[string, string, string]>, damage: Damage): Promise<string> {
  const dir = join(root, `case-${caseNo++}`);
  mkdirSync(dir, { recursive: true });
  const damaged = (buf: Buffer) => {
    let out = buf;
    if (damage.cut !== undefined) out = out.subarray(0, damage.cut % (out.length + 1));
    if (damage.flip !== undefined && out.length > 0) {
      out = Buffer.from(out);
      const i = damage.flip % out.length;
      out[i] = (out[i] as number) ^ 0xa5;
    }
    return out;
  };
  switch (kind) {
    case 'folder':
      for (const [sub, name, body] of entries) {
        const safeSub = sub.replace(/\.\.\/|^\//g, '');
        try {
          mkdirSync(join(dir, safeSub), { recursive: true });
          writeFileSync(join(dir, safeSub, name), body);
        } catch {
          // A generated file and folder of the same name: the layout keeps the first.
        }
      }
      return dir;
    case 'single': {
      const [, name, body] = entries[0] ?? ['', 'x.json', ''];
      writeFileSync(join(dir, name), body);
      return join(dir, name);
    }
    case 'missing':
      return join(dir, 'nothing-here');
    default: {
      const tar = await tarOf(entries.map(([sub, name, body]) => ({ name: sub + name, content: body })));
      const bytes = damaged(kind === 'tar' ? tar : gzipSync(tar));
      const path = join(dir, `data.${kind === 'bz2' ? 'tar.bz2' : kind}`);
      writeFileSync(path, bytes);
      return path;
    }
  }
}

describe('security data import under fuzzing', () => {
  it('answers folders, tars, tar.gz and single files of random content with an index or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Container>('folder', 'tar', 'tar.gz', 'tgz', 'single', 'bz2', 'missing'),
        files,
        fc.record({ cut: fc.nat(), flip: fc.nat() }, { requiredKeys: [] }),
        async (kind, entries, damage) => {
          const path = await materialize(kind, entries, damage);
          let timer: NodeJS.Timeout | undefined;
          const hang = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${CASE_TIMEOUT_MS} ms: a hang`)), CASE_TIMEOUT_MS);
          });
          try {
            const index = await Promise.race([readSecurityData(path, () => undefined, NOW), hang]);
            expect(index.sources.length).toBeGreaterThan(0);
            JSON.stringify(index);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            expect([ErrorCode.FileUnreadable, ErrorCode.ArchiveInvalid]).toContain(err.code);
            expect(err.message.length).toBeGreaterThan(0);
          } finally {
            clearTimeout(timer);
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);
});
