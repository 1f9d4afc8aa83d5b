import type { RpmDatabase, RpmFile } from '../rpm/rpm-package';
import type { FileKind } from './scan-model';
import { RED_HAT_VENDOR } from './release-keys';

/**
 * preflight HasModifiedFiles (the modern rpm_verify_successful): a file owned by an RPM that a later
 * layer changes, while the owning package (same name-version-release-arch, same install time) is
 * unchanged, is a violation. Exclusions per REFERENCE.md.
 */

export interface LayerFileChange {
  path: string;
  kind: FileKind;
  mode: number;
  size: number;
  /** Content digests computed while streaming (hex), when the file was a candidate. */
  sha256?: string;
}

export interface PackageState {
  nevra: string;
  installTime?: number;
  vendor?: string;
  digestAlgo: number;
}

export interface RpmSnapshot {
  /** Keyed by `name.arch`, so an update shows as a NEVRA change of the same key. */
  packages: Map<string, PackageState>;
  owners: Map<string, { pkg: string; file: RpmFile }>;
}

export interface ModifiedFile {
  path: string;
  layer: number;
  package: string;
  reason: string;
}

/** RPMFILE_ flags that make a change expected: config 1, doc 2, missingok 8, ghost 64, license 128, readme 256, artifact 4096. */
const EXEMPT_FLAGS = 1 | 2 | 8 | 64 | 128 | 256 | 4096;
const EXEMPT_PREFIXES = ['etc/', 'var/', 'run/', 'usr/lib/.build-id/', 'usr/tmp/', 'usr/share/openstack-dashboard/'];
const EXEMPT_FILES = new Set(['etc/resolv.conf', 'etc/hostname']);
const SETID_BITS = 0o6000;
const PGPHASHALGO_SHA256 = 8;

export function pathIsExempt(path: string): boolean {
  if (EXEMPT_FILES.has(path)) return true;
  if (EXEMPT_PREFIXES.some((p) => path.startsWith(p))) return true;
  return path.startsWith('usr/') && path.endsWith('.cache');
}

export function packageKey(name: string, arch: string): string {
  return `${name}.${arch}`;
}

export function nevraOf(p: { name: string; epoch?: number; version: string; release: string; arch: string }): string {
  return `${p.name}-${p.epoch ? `${p.epoch}:` : ''}${p.version}-${p.release}.${p.arch}`;
}

export function snapshotOf(db: RpmDatabase): RpmSnapshot {
  const packages = new Map<string, PackageState>();
  const owners = new Map<string, { pkg: string; file: RpmFile }>();
  for (const p of db.packages) {
    const key = packageKey(p.name, p.arch);
    packages.set(key, {
      nevra: nevraOf(p),
      digestAlgo: p.fileDigestAlgo,
      ...(p.installTime !== undefined ? { installTime: p.installTime } : {}),
      ...(p.vendor !== undefined ? { vendor: p.vendor } : {}),
    });
    for (const file of p.files) {
      const path = file.path.replace(/^\/+/, '');
      if (path !== '') owners.set(path, { pkg: key, file });
    }
  }
  return { packages, owners };
}

/**
 * `layers[i].files` are the paths layer i wrote; `layers[i].db` the RPM database as of the end of
 * layer i when that layer rewrote it. Returns violations and, for packages not vendored by Red Hat, warnings.
 */
export function findModifiedFiles(layers: ReadonlyArray<{ files: readonly LayerFileChange[]; db?: RpmSnapshot }>): {
  violations: ModifiedFile[];
  warnings: ModifiedFile[];
} {
  const violations: ModifiedFile[] = [];
  const warnings: ModifiedFile[] = [];
  let before: RpmSnapshot | undefined;
  layers.forEach((layer, index) => {
    const after = layer.db ?? before;
    if (before && after) {
      for (const change of layer.files) {
        const verdict = judgeChange(change, before, after);
        if (!verdict) continue;
        const item: ModifiedFile = { path: `/${change.path}`, layer: index + 1, package: verdict.nevra, reason: verdict.reason };
        if (verdict.vendor === RED_HAT_VENDOR) violations.push(item);
        else warnings.push(item);
      }
    }
    before = after;
  });
  return { violations, warnings };
}

function judgeChange(change: LayerFileChange, before: RpmSnapshot, after: RpmSnapshot): { nevra: string; vendor?: string; reason: string } | undefined {
  if (change.kind === 'dir' || pathIsExempt(change.path)) return undefined;
  const owner = before.owners.get(change.path);
  if (!owner) return undefined;
  const old = before.packages.get(owner.pkg);
  const now = after.packages.get(owner.pkg);
  // Updated, removed or reinstalled packages legitimately rewrite their files.
  if (!old || !now || old.nevra !== now.nevra) return undefined;
  if ((now.installTime ?? 0) > (old.installTime ?? 0)) return undefined;
  const rpmFile = owner.file;
  if ((rpmFile.flags & EXEMPT_FLAGS) !== 0) return undefined;
  if ((rpmFile.mode & 0o170000) === 0o040000) return undefined;
  const sameContent = contentMatches(change, rpmFile, now.digestAlgo);
  const perm = change.mode & 0o7777;
  const rpmPerm = rpmFile.mode & 0o7777;
  if (sameContent === true && perm === rpmPerm) return undefined;
  if (sameContent !== false && perm !== rpmPerm && perm === (rpmPerm & ~SETID_BITS)) return undefined;
  const reason =
    change.kind === 'symlink'
      ? 'replaced by a symlink'
      : sameContent === false
        ? 'content differs from the package'
        : perm !== rpmPerm
          ? `mode changed ${rpmPerm.toString(8)} → ${perm.toString(8)}`
          : 'rewritten by a later layer';
  return { nevra: now.nevra, ...(now.vendor !== undefined ? { vendor: now.vendor } : {}), reason };
}

/** true/false when a digest comparison was possible, undefined otherwise (only size then). */
function contentMatches(change: LayerFileChange, rpmFile: RpmFile, algo: number): boolean | undefined {
  if (change.kind !== 'file') return false;
  if (rpmFile.size !== change.size && rpmFile.digest !== '') return false;
  if (algo === PGPHASHALGO_SHA256 && change.sha256 && rpmFile.digest) return change.sha256 === rpmFile.digest.toLowerCase();
  return undefined;
}
