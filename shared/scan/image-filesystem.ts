import type { FileFact } from './scan-model';

/**
 * The image's merged filesystem as metadata only: layers applied in order with OCI whiteouts.
 * Paths are relative to the image root without a leading slash (`etc/os-release`); the root is ''.
 */

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';
/** Linux PATH_MAX: a longer name is hostile or broken, never a real file. */
const MAX_PATH = 4096;
const MAX_SYMLINK_HOPS = 40;

/**
 * A tar entry name made safe: `./a//b/` → `a/b`. Returns undefined for names that climb out of
 * the root (`../x`, `a/../../x`) or are too long; a leading `/` is read relative to the root, like tar does.
 */
export function normalizeEntryPath(name: string): string | undefined {
  if (name.length === 0 || name.length > MAX_PATH || name.includes('\0')) return undefined;
  const out: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    out.push(part);
  }
  return out.join('/');
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Entries of one layer, sorted into what they do to the layers below. */
export interface LayerChanges {
  files: FileFact[];
  /** Paths removed by `.wh.<name>` files. */
  whiteouts: string[];
  /** Directories whose lower content is hidden by `.wh..wh..opq`. */
  opaqueDirs: string[];
}

/** Classifies a normalized path: a whiteout marker, an opaque marker, or a plain entry. */
export function whiteoutTarget(path: string): { kind: 'whiteout'; target: string } | { kind: 'opaque'; dir: string } | undefined {
  const name = baseName(path);
  if (name === OPAQUE_MARKER) return { kind: 'opaque', dir: parentOf(path) };
  if (name.startsWith(WHITEOUT_PREFIX)) {
    const target = name.slice(WHITEOUT_PREFIX.length);
    if (target === '' || target === '.' || target === '..') return undefined;
    const dir = parentOf(path);
    return { kind: 'whiteout', target: dir ? `${dir}/${target}` : target };
  }
  return undefined;
}

export class ImageFilesystem {
  private readonly entries = new Map<string, FileFact>();

  get size(): number {
    return this.entries.size;
  }

  get(path: string): FileFact | undefined {
    return this.entries.get(path);
  }

  /** Applies one layer: whiteouts and opaque markers hide lower content, then the layer's entries land. */
  apply(changes: LayerChanges): void {
    const removeUnder = new Set<string>();
    const removeBelow = new Set<string>();
    for (const path of changes.whiteouts) {
      this.entries.delete(path);
      removeUnder.add(path);
    }
    for (const dir of changes.opaqueDirs) removeBelow.add(dir);
    if (removeUnder.size > 0 || removeBelow.size > 0) {
      // One pass over the tree with ancestor lookups, so many whiteouts stay linear.
      for (const path of [...this.entries.keys()]) {
        let dir = parentOf(path);
        let child = path;
        while (true) {
          if (removeUnder.has(dir) && dir !== child) {
            this.entries.delete(path);
            break;
          }
          if (removeBelow.has(dir) && (dir !== '' || path !== '')) {
            this.entries.delete(path);
            break;
          }
          if (dir === '') break;
          child = dir;
          dir = parentOf(dir);
        }
      }
    }
    for (const file of changes.files) this.entries.set(file.path, file);
  }

  /**
   * Follows symlinks (and hardlinks) inside the root. Returns undefined when the path does not
   * exist, loops, or a link points outside the root: such a link is ignored, never followed to the host.
   */
  resolve(path: string, followLast = true): FileFact | undefined {
    let hops = 0;
    let pending = path.split('/').filter((p) => p !== '' && p !== '.');
    const resolved: string[] = [];
    while (pending.length > 0) {
      const part = pending.shift()!;
      if (part === '..') {
        if (resolved.length === 0) return undefined;
        resolved.pop();
        continue;
      }
      resolved.push(part);
      const current = resolved.join('/');
      const fact = this.entries.get(current);
      if (!fact) return undefined;
      const isLast = pending.length === 0;
      if (fact.kind === 'symlink' && (!isLast || followLast)) {
        if (++hops > MAX_SYMLINK_HOPS) return undefined;
        const target = fact.linkTarget ?? '';
        resolved.pop();
        if (target.startsWith('/')) resolved.length = 0;
        const targetParts = target.split('/').filter((p) => p !== '' && p !== '.');
        // A relative target that climbs above the root escapes it: ignored (REFERENCE.md, HasLicense).
        let depth = resolved.length;
        for (const p of targetParts) {
          depth += p === '..' ? -1 : 1;
          if (depth < 0) return undefined;
        }
        pending = [...targetParts, ...pending];
        continue;
      }
      if (fact.kind === 'hardlink' && isLast) {
        if (++hops > MAX_SYMLINK_HOPS) return undefined;
        const target = fact.linkTarget === undefined ? undefined : normalizeEntryPath(fact.linkTarget);
        if (target === undefined) return undefined;
        const linked = this.entries.get(target);
        return linked && linked.kind !== 'hardlink' ? { ...linked, path: current } : undefined;
      }
    }
    const finalPath = resolved.join('/');
    return finalPath === '' ? { path: '', kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, layer: 0 } : this.entries.get(finalPath);
  }

  /** The real path of `path` after following links, or undefined when it escapes or is missing. */
  realPath(path: string): string | undefined {
    return this.resolve(path)?.path;
  }

  /** Every entry whose path is below `dir` (not following links). */
  *under(dir: string): Iterable<FileFact> {
    const prefix = dir === '' ? '' : `${dir}/`;
    for (const [path, fact] of this.entries) {
      if (path.startsWith(prefix) && path !== dir) yield fact;
    }
  }

  *all(): Iterable<FileFact> {
    yield* this.entries.values();
  }
}
