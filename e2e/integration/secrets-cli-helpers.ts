import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Every CLI output of the secrets tests, searched by the leak test at the end. */
export const capturedOutput: string[] = [];

/** Runs the real `bin/certdesk.js`; `input` goes to stdin. Output is captured for the leak search. */
export function certdesk(args: string[], options: { env?: Record<string, string | undefined>; input?: string; capture?: boolean } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['bin/certdesk.js', ...args], { env: { ...process.env, ...options.env } }, (err, stdout, stderr) => {
      const code = err ? Number((err as { code?: number }).code ?? 2) : 0;
      if (options.capture !== false) capturedOutput.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Files under `dir` whose content contains any needle; returns paths only (never the content). */
export function filesContaining(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(d, name);
      let st;
      try {
        st = statSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(path);
      else if (st.isFile() && st.size < 50_000_000) {
        const content = readFileSync(path).toString('latin1');
        if (needles.some((n) => content.includes(n))) hits.push(path);
      }
    }
  };
  walk(dir);
  return hits;
}

/**
 * Lines from the second half of a PKCS#1 PEM body, which encodes the private exponent and primes
 * (the first part is the public modulus, which the public key line legitimately repeats).
 */
export function pemNeedles(pem: string): string[] {
  const body = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  return [0.6, 0.75, 0.9].map((f) => body[Math.floor(body.length * f)] ?? '').filter((l) => l.length >= 40);
}
