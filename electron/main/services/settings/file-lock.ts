import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';

/**
 * A lock file shared by every CertDesk process on this data folder (Electron, `serve`, the CLI).
 * The settings file is written atomically (temp file + rename), so it is never torn; the lock is
 * what keeps two read-modify-write cycles from losing each other's change.
 * Synchronous on purpose: a settings update is a few milliseconds of file I/O.
 */
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const STALE_MS = 10_000;

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function holderIsGone(lockPath: string): boolean {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 0);
      } catch (err) {
        // ESRCH: the process that took the lock died (killed mid-write) and can't release it.
        if ((err as NodeJS.ErrnoException).code === 'ESRCH') return true;
      }
    }
    return Date.now() - statSync(lockPath).mtimeMs > STALE_MS;
  } catch {
    // Vanished or unreadable between our attempts: try again.
    return false;
  }
}

export function withFileLock<T>(lockPath: string, work: () => T, timeoutMs = 15_000): T {
  const deadline = Date.now() + timeoutMs;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lockPath, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (holderIsGone(lockPath)) rmSync(lockPath, { force: true });
      else if (Date.now() > deadline) throw new Error(`The settings file stayed locked for ${timeoutMs / 1000} s (${lockPath}).`);
      else sleep(2 + Math.floor(Math.random() * 8));
    }
  }
  try {
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}
