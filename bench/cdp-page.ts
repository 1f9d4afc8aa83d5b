/**
 * A Chromium page driven over a bare DevTools pipe, for benchmarks that must not be watched.
 * Playwright enables the DevTools Network domain on every page and worker, and so Chromium copies
 * each WebSocket frame into a DevTools message for it: for the terminal benchmark that is the
 * whole 7 MB log, JSON-escaped twice, paid only by the side that uses the bridge. The app never
 * runs under DevTools, so neither does its benchmark: this client enables nothing but Runtime.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

interface Pending {
  resolve: (result: Record<string, unknown>) => void;
  reject: (err: Error) => void;
}

export class CdpPage {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private sessionId = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly profileDir: string,
  ) {
    let buffered = '';
    (child.stdio[4] as Readable).on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let end: number;
      while ((end = buffered.indexOf('\0')) >= 0) {
        const message = JSON.parse(buffered.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
        buffered = buffered.slice(end + 1);
        const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
        if (!waiter || message.id === undefined) continue;
        this.pending.delete(message.id);
        if (message.error) waiter.reject(new Error(message.error.message));
        else waiter.resolve(message.result ?? {});
      }
    });
  }

  /** Starts headless Chromium with one page at `url`, using the flags the UI tests use. */
  static async open(url: string, options: { executablePath: string; width: number; height: number }): Promise<CdpPage> {
    const profileDir = mkdtempSync(join(tmpdir(), 'certdesk-cdp-'));
    const child = spawn(
      options.executablePath,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info', '--remote-debugging-pipe', `--user-data-dir=${profileDir}`, `--window-size=${options.width},${options.height}`, 'about:blank'],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const page = new CdpPage(child, profileDir);
    const { targetId } = (await page.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await page.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    page.sessionId = sessionId;
    await page.send('Emulation.setDeviceMetricsOverride', { width: options.width, height: options.height, deviceScaleFactor: 1, mobile: false });
    await page.send('Page.navigate', { url });
    return page;
  }

  /** A DevTools command to the page (or, with `to: 'browser'`, to the browser itself). */
  send(method: string, params: Record<string, unknown> = {}, to: 'page' | 'browser' = 'page'): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message = { id, method, params, ...(to === 'page' && this.sessionId ? { sessionId: this.sessionId } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify(message)}\0`);
    });
  }

  /** Runs `fn(arg)` in the page, awaits it and returns its JSON value. */
  async evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // tsx (esbuild keepNames) wraps named functions in __name(): the page needs one too.
    const expression = `globalThis.__name ??= (f) => f; (${fn.toString()})(${JSON.stringify(arg) ?? 'undefined'})`;
    const answer = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result: { value?: R };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
    return answer.result.value as R;
  }

  async waitFor(fn: () => boolean, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await this.evaluate(fn, undefined).catch(() => false))) {
      if (Date.now() > until) throw new Error('The page did not get ready in time.');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    await this.send('Browser.close', {}, 'browser').catch(() => undefined);
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
      setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 5000).unref();
    });
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}
