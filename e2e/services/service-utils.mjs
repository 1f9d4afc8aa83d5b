// Small helpers shared by the test-service starters: free ports, waiting, running programs without a shell.
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { openSync } from 'node:fs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function run(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { maxBuffer: 64 * 1024 * 1024, ...options }, (err, stdout, stderr) => {
      if (err) {
        err.message = `${file} ${args.join(' ')} failed: ${stderr || err.message}`;
        reject(err);
      } else resolve({ stdout, stderr });
    });
    if (options.input !== undefined) {
      child.stdin.end(options.input);
    }
  });
}

/** Starts a long-lived program with its output in a log file; returns the child. */
export function daemon(file, args, logFile, options = {}) {
  const out = openSync(logFile, 'a');
  const child = spawn(file, args, { stdio: ['ignore', out, out], detached: false, ...options });
  return child;
}

export async function waitFor(what, check, timeoutMs = 60_000, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms${lastError ? `: ${lastError.message}` : ''}`);
}

export function stopChild(child, signal = 'SIGTERM', timeoutMs = 15_000) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        child.kill('SIGKILL');
      } catch {}
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      child.kill(signal);
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
