import { createReadStream, type Stats } from 'node:fs';
import { lstat, open, readdir, readFile, readlink } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pack as tarPack, type Pack } from 'tar-stream';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { ContextInspection } from '@shared/contract/images';
import { contextWarnings, KEY_SNIFF_BYTES, looksLikePrivateKey, neverSendByPath } from '@shared/images/context-rules';
import { cleanPath, isIgnored, parseDockerignore, type IgnorePattern } from '@shared/images/dockerignore';

export interface ContextEntry {
  /** Slash-separated, relative to the context. */
  path: string;
  absolute: string;
  stats: Stats;
  linkTarget?: string;
}

export interface ContextPlan {
  inspection: ContextInspection;
  entries: ContextEntry[];
}

type Excluded = ContextInspection['excluded'][number];
const EXCLUDED_LISTED = 200;

/**
 * Walks a build context the way `docker build` does (honouring .dockerignore), and additionally
 * leaves out what must never reach an engine: .git, private keys, CertDesk's own data folder.
 */
export async function planContext(contextDir: string, dockerfile = 'Dockerfile', appDataDir?: string): Promise<ContextPlan> {
  const root = resolve(contextDir);
  const rootStats = await lstat(root).catch(() => undefined);
  if (!rootStats?.isDirectory()) {
    throw new AppError(ErrorCode.FileUnreadable, `The build context ${root} is not a folder.`, { hint: 'Pick the folder holding the Dockerfile and the files it COPYs.' });
  }
  const dockerfileRelative = relative(root, resolve(root, dockerfile));
  const dockerfilePath = cleanPath(dockerfileRelative.split(sep).join('/'));
  if (dockerfileRelative.startsWith('..') || isAbsolute(dockerfileRelative) || dockerfilePath === '') {
    throw new AppError(ErrorCode.InvalidInput, `The Dockerfile ${dockerfile} is outside the context ${root}.`, { hint: 'Put the Dockerfile inside the context folder.' });
  }
  let ignoreText = '';
  let dockerignoreFound = false;
  // Docker reads <Dockerfile>.dockerignore first, then .dockerignore.
  for (const name of [`${dockerfilePath}.dockerignore`, '.dockerignore']) {
    try {
      ignoreText = await readFile(join(root, name), 'utf8');
      dockerignoreFound = true;
      break;
    } catch {
      // not there: try the next name
    }
  }
  const patterns = parseDockerignore(ignoreText);
  const appData = appDataDir ? resolve(appDataDir) : undefined;
  const entries: ContextEntry[] = [];
  const excluded: Excluded[] = [];
  let excludedCount = 0;
  let bytes = 0;
  let dockerfileFound = false;
  const exclude = (path: string, reason: Excluded['reason']) => {
    excludedCount++;
    if (excluded.length < EXCLUDED_LISTED) excluded.push({ path, reason });
  };
  const alwaysSent = new Set([dockerfilePath, '.dockerignore', `${dockerfilePath}.dockerignore`]);
  const hasNegation = patterns.some((p) => p.exclusion);

  const walk = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch {
      exclude(relative(root, dir).split(sep).join('/'), 'unreadable');
      return;
    }
    for (const name of names) {
      const absolute = join(dir, name);
      const rel = relative(root, absolute).split(sep).join('/');
      let stats: Stats;
      try {
        stats = await lstat(absolute);
      } catch {
        exclude(rel, 'unreadable');
        continue;
      }
      const isDir = stats.isDirectory();
      if (appData && (absolute === appData || absolute.startsWith(appData + sep))) {
        exclude(rel, 'app-data');
        continue;
      }
      const never = neverSendByPath(rel, isDir);
      if (never) {
        exclude(rel, never);
        continue;
      }
      const ignored = !alwaysSent.has(rel) && isIgnored(patterns, rel);
      if (isDir) {
        if (ignored && !hasNegation) {
          exclude(`${rel}/`, 'dockerignore');
          continue;
        }
        // A directory entry is sent only when not ignored; its children decide for themselves.
        if (!ignored) entries.push({ path: rel, absolute, stats });
        await walk(absolute);
        continue;
      }
      if (ignored) {
        exclude(rel, 'dockerignore');
        continue;
      }
      if (stats.isFile() && stats.size > 0 && (await sniffPrivateKey(absolute))) {
        exclude(rel, 'private-key-content');
        continue;
      }
      if (stats.isSymbolicLink()) {
        entries.push({ path: rel, absolute, stats, linkTarget: await readlink(absolute) });
        continue;
      }
      if (!stats.isFile()) continue; // sockets, fifos, devices: Docker skips them too
      if (rel === dockerfilePath) dockerfileFound = true;
      bytes += stats.size;
      entries.push({ path: rel, absolute, stats });
    }
  };
  await walk(root);
  const files = entries.filter((e) => !e.stats.isDirectory()).length;
  const warnings = contextWarnings(files, bytes);
  if (!dockerfileFound) warnings.unshift(`There is no ${dockerfilePath} in ${root}.`);
  if (excluded.some((e) => e.reason.startsWith('private-key'))) warnings.push('Private keys in the context were left out: never COPY keys into an image.');
  return {
    inspection: { contextDir: root, dockerfile: dockerfilePath, dockerfileFound, dockerignoreFound, files, bytes, excluded, excludedCount, warnings },
    entries,
  };
}

async function sniffPrivateKey(path: string): Promise<boolean> {
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(KEY_SNIFF_BYTES);
      const { bytesRead } = await fh.read(buf, 0, KEY_SNIFF_BYTES, 0);
      return looksLikePrivateKey(buf.subarray(0, bytesRead).toString('latin1'));
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}

/**
 * Streams the planned entries as a tar (what the engine's /build wants). Entries are written one
 * after another; the pack's back-pressure keeps memory flat for large contexts.
 */
export function contextTar(entries: ContextEntry[], signal?: AbortSignal): Pack {
  const pack = tarPack();
  void (async () => {
    try {
      for (const e of entries) {
        if (signal?.aborted) throw new Error('cancelled');
        const common = { name: e.path, mode: e.stats.mode & 0o7777, mtime: e.stats.mtime, uid: 0, gid: 0 };
        if (e.stats.isDirectory()) {
          await addEntry(pack, { ...common, type: 'directory' });
        } else if (e.linkTarget !== undefined) {
          await addEntry(pack, { ...common, type: 'symlink', linkname: e.linkTarget });
        } else {
          await new Promise<void>((resolveEntry, reject) => {
            const sink = pack.entry({ ...common, type: 'file', size: e.stats.size }, (err) => (err ? reject(err) : resolveEntry()));
            const source = createReadStream(e.absolute);
            source.on('error', (err) => {
              sink.destroy(err);
              reject(err);
            });
            source.pipe(sink);
          });
        }
      }
      pack.finalize();
    } catch (err) {
      pack.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return pack;
}

function addEntry(pack: Pack, header: Parameters<Pack['entry']>[0]): Promise<void> {
  return new Promise((resolveEntry, reject) => {
    pack.entry(header, (err) => (err ? reject(err) : resolveEntry()));
  });
}

export type { IgnorePattern };
