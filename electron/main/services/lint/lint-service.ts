import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { copyFile, lstat, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { ContextSourceFact, LintContextFacts, LintFileResult, LintReport, LintWriteResult, StarterInput } from '@shared/contract/lint';
import { parseDockerfile } from '@shared/lint/dockerfile-model';
import { lintDockerfile } from '@shared/lint/lint-dockerfile';
import { licenseSourcesToInspect } from '@shared/lint/rules/license-rules';
import { generateStarterDockerfile } from '@shared/lint/starter-generator';

/** Dockerfiles are small; anything bigger is not one, and reading it whole would only cost memory. */
const MAX_DOCKERFILE_BYTES = 2 * 1024 * 1024;
/** Enough files under one license directory to judge it without walking a whole tree. */
const MAX_CONTEXT_FILES = 500;

export function sha256Of(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Reads, lints and (on confirmation) writes Dockerfiles; looks license sources up in the build context. */
export class LintService {
  async lintFile(path: string, contextDir?: string): Promise<LintFileResult> {
    const file = resolve(path);
    const bytes = await readDockerfileBytes(file);
    const text = new TextDecoder('utf-8').decode(bytes);
    const context = resolve(contextDir ?? dirname(file));
    const report = lintDockerfile(text, { context: await this.contextFacts(text, context) });
    return { file, contextDir: context, text, sha256: sha256Of(bytes), report };
  }

  async lintText(text: string, contextDir?: string): Promise<LintReport> {
    if (!contextDir) return lintDockerfile(text);
    return lintDockerfile(text, { context: await this.contextFacts(text, resolve(contextDir)) });
  }

  starter(input: StarterInput): { text: string; report: LintReport } {
    const text = generateStarterDockerfile(input);
    return { text, report: lintDockerfile(text) };
  }

  /**
   * Atomic write: the new text goes to a temp file in the same folder, then replaces the file by rename, so
   * a crash never leaves half a Dockerfile. Refuses when the file on disk is not the one the user saw.
   */
  async write(path: string, text: string, expectedSha256: string | null): Promise<LintWriteResult> {
    const file = resolve(path);
    let current: Buffer | null = null;
    let mode = 0o644;
    try {
      const info = await lstat(file);
      if (!info.isFile()) throw new AppError(ErrorCode.FileWriteFailed, `${file} is not a regular file.`, { hint: 'Choose the Dockerfile itself, not a folder or link.' });
      mode = info.mode & 0o777;
      current = await readFile(file);
    } catch (err) {
      if (err instanceof AppError) throw err;
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(file, err);
    }
    if (expectedSha256 === null && current !== null) {
      throw new AppError(ErrorCode.FileWriteFailed, `${file} already exists; CertDesk does not overwrite it.`, { hint: 'Open the existing file, or choose another name for the new Dockerfile.' });
    }
    if (expectedSha256 !== null) {
      if (current === null) throw new AppError(ErrorCode.FileWriteFailed, `${file} no longer exists.`, { hint: 'It was moved or deleted since it was opened. Open it again.' });
      if (sha256Of(current) !== expectedSha256) {
        throw new AppError(ErrorCode.FileWriteFailed, `${file} changed on disk since it was opened; nothing was written.`, { hint: 'Reload the file to see the other change, then apply the fix again.' });
      }
    }
    let backupPath: string | undefined;
    if (current !== null) {
      backupPath = `${file}.certdesk-backup`;
      await copyFile(file, backupPath).catch((err: unknown) => {
        throw writeError(backupPath ?? file, err);
      });
    }
    const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, mode);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw writeError(file, err);
    }
    return { file, sha256: sha256Of(Buffer.from(text, 'utf8')), ...(backupPath ? { backupPath } : {}) };
  }

  /** What the build context holds for each license source the Dockerfile copies into /licenses. */
  async contextFacts(text: string, contextDir: string): Promise<LintContextFacts | undefined> {
    let sources: string[];
    try {
      sources = licenseSourcesToInspect(parseDockerfile(text));
    } catch {
      return undefined;
    }
    try {
      if (!(await stat(contextDir)).isDirectory()) return undefined;
    } catch {
      return undefined;
    }
    const facts: LintContextFacts = { sources: {} };
    for (const source of sources) facts.sources[source] = await inspectSource(contextDir, source);
    return facts;
  }

  dispose(): void {
    // Nothing held open between calls.
  }
}

async function readDockerfileBytes(file: string): Promise<Buffer> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw new AppError(ErrorCode.FileUnreadable, `${file} is a folder, not a Dockerfile.`, { hint: `Give the file itself, e.g. ${join(file, 'Dockerfile')}.` });
    }
    if (info.size > MAX_DOCKERFILE_BYTES) {
      throw new AppError(ErrorCode.FileUnreadable, `${file} is ${info.size} bytes; a Dockerfile is far smaller.`, { hint: 'Check the path.' });
    }
    return await readFile(file);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError(ErrorCode.FileUnreadable, `Can't read ${file}${code === 'ENOENT' ? ': no such file' : code === 'EACCES' ? ': permission denied' : ''}.`, {
      hint: code === 'ENOENT' ? 'Check the path; relative paths are taken from the current folder.' : 'Check the file permissions.',
      cause: err,
    });
  }
}

function writeError(file: string, err: unknown): AppError {
  return new AppError(ErrorCode.FileWriteFailed, `Could not write ${file}: ${err instanceof Error ? err.message : String(err)}`, { hint: 'Check that the folder is writable.', cause: err });
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

async function inspectSource(contextDir: string, source: string): Promise<ContextSourceFact> {
  // COPY sources are relative to the context even when written with a leading slash.
  const cleaned = source.replace(/^\/+/, '');
  const target = resolve(contextDir, cleaned);
  if (!inside(contextDir, target)) return { status: 'outside', files: [] };
  const paths: string[] = [];
  if (/[*?[]/.test(basename(cleaned))) {
    const parent = dirname(target);
    const re = globToRegExp(basename(cleaned));
    try {
      for (const entry of await readdir(parent)) if (re.test(entry)) paths.push(join(parent, entry));
    } catch {
      return { status: 'missing', files: [] };
    }
    if (paths.length === 0) return { status: 'missing', files: [] };
  } else {
    paths.push(target);
  }
  const files: ContextSourceFact['files'] = [];
  try {
    for (const p of paths) await collectFiles(contextDir, p, files);
  } catch (err) {
    return { status: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable', files: [] };
  }
  return { status: 'found', files };
}

async function collectFiles(contextDir: string, path: string, out: ContextSourceFact['files']): Promise<void> {
  if (out.length >= MAX_CONTEXT_FILES) return;
  const info = await stat(path);
  if (info.isDirectory()) {
    for (const entry of (await readdir(path)).sort()) await collectFiles(contextDir, join(path, entry), out);
    return;
  }
  if (!info.isFile()) return;
  out.push({ path: relative(contextDir, path) || basename(path), size: info.size, kind: info.size === 0 ? 'text' : await classifyFile(path) });
}

/** Text, PDF or other binary, from the first 4 KiB: the scan wants plain-text licenses. */
async function classifyFile(path: string): Promise<'text' | 'pdf' | 'binary'> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
    if (head.includes(0)) return 'binary';
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytesRead === buffer.length ? head.subarray(0, bytesRead - 3) : head);
      return 'text';
    } catch {
      // Not UTF-8: Latin-1 text is still text if it has no control characters.
      const control = [...head].filter((b) => b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12).length;
      return control > head.length * 0.05 ? 'binary' : 'text';
    }
  } finally {
    await handle.close();
  }
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

