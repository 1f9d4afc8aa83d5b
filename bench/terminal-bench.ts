/**
 * Build-log delivery from main to the rendered terminal: 100,000 lines sent by the main process
 * (build.replayLog → operation registry batching → loopback bridge WebSocket → page → xterm)
 * against writing the same lines into the same xterm directly in the page, in Chromium.
 * Run: node scripts/build.mjs && npx tsx bench/terminal-bench.ts   (needs no test services)
 * Target: median bridge / median direct ≤ 1.25. Also notes the longest frame (page responsiveness)
 * and the JS heap after each run, before and after a full GC (memory bounded).
 * Chromium is driven over a bare DevTools pipe, not Playwright: see cdp-page.ts for why.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/* eslint-disable @typescript-eslint/no-explicit-any -- page-side code inside page.evaluate */
import { BuildLogStore } from '../electron/main/services/images/build-logs';
import { CdpPage } from './cdp-page';

const LINES = 100_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function writeLog(dataDir: string): string {
  const store = new BuildLogStore(join(dataDir, 'build-logs'), { maxLogBytes: 64 << 20, tailBytes: 1 << 20, maxTotalBytes: 1 << 30, maxLogs: 10 });
  const log = store.start('bench 100k lines', ['bench:1']);
  const batch: string[] = [];
  for (let i = 1; i <= LINES; i++) {
    // Build-like lines with a few colour escapes, ~70 characters.
    batch.push(i % 50 === 0 ? `\x1b[1mStep ${i / 50}/2000 : RUN make -j8 target-${i}\x1b[0m` : `  CC      src/module_${i % 997}/file_${i}.o  [${(i / LINES * 100).toFixed(1)}%]`);
    if (batch.length === 5000) log.write(batch.splice(0));
  }
  log.write(batch);
  log.finish({ state: 'succeeded' });
  return log.summary.logId;
}

async function serve(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/certdesk.js', 'serve', '--port', '0'], { env: { ...process.env, CERTDESK_HOME: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL: ${out}`)), 30_000);
    const on = (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
  });
  return { url, child };
}

interface Run {
  mode: 'bridge' | 'direct';
  ms: number;
  lines: number;
  maxFrameMs: number;
  longFrames: number;
  heapMiB: number;
  /** After a full GC: what the terminal and the page keep (scrollback is 50,000 lines). */
  retainedMiB: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function jsHeapMiB(page: CdpPage): Promise<number> {
  const metrics = (await page.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return (metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'certdesk-term-bench-'));
  const logId = writeLog(dataDir);
  const { url, child } = await serve(dataDir);
  // Not Playwright: it would have Chromium copy every bridge frame into DevTools (see cdp-page.ts).
  const page = await CdpPage.open(`${url}&bench=1#/build`, {
    executablePath: process.env.CERTDESK_CHROMIUM ?? '/usr/bin/chromium',
    width: 1400,
    height: 900,
  });
  const runs: Run[] = [];
  try {
    await page.send('Performance.enable');
    await page.waitFor(() => Boolean((globalThis as unknown as { __certdeskBench?: { terminal?: unknown } }).__certdeskBench?.terminal));
    // The direct side gets the same lines into page memory first (not timed).
    await page.evaluate(async (id) => {
      const b = (globalThis as any).__certdeskBench;
      const lines: string[] = [];
      let offset = 0;
      for (;;) {
        const r = await b.api.build.readLog({ logId: id, offset, maxBytes: 4 << 20 });
        lines.push(...r.data.text.split('\n').filter((l: string, k: number, a: string[]) => k < a.length - 1 || l !== ''));
        offset = r.data.nextOffset;
        if (offset >= r.data.size) break;
      }
      b.lines = lines;
    }, logId);

    for (let i = 0; i < RUNS * 2; i++) {
      const mode: Run['mode'] = (i % 2 === 0) === (Math.floor(i / 2) % 2 === 0) ? 'bridge' : 'direct';
      await page.send('HeapProfiler.collectGarbage');
      const r = await page.evaluate(async ({ id, mode }) => {
        const b = (globalThis as any).__certdeskBench;
        b.terminal.clear();
        await b.terminal.settle();
        let maxFrame = 0;
        let longFrames = 0;
        let last = performance.now();
        let watching = true;
        const frame = () => {
          const now = performance.now();
          const gap = now - last;
          if (gap > maxFrame) maxFrame = gap;
          if (gap > 50) longFrames++;
          last = now;
          if (watching) (globalThis as any).requestAnimationFrame(frame);
        };
        (globalThis as any).requestAnimationFrame(frame);
        const started = performance.now();
        let lines = 0;
        if (mode === 'bridge') {
          await new Promise<void>((resolve) => {
            let opId: string | undefined;
            const early: any[] = [];
            const handle = (e: any) => {
              if (e.operationId !== opId) return;
              if (e.kind === 'log') {
                lines += e.lines.length;
                b.terminal.write(e.lines);
              } else if (e.kind === 'done') {
                off();
                resolve();
              }
            };
            const off = b.api.on('operation', (e: any) => (opId ? handle(e) : early.push(e)));
            void b.api.build.replayLog({ logId: id }).then((answer: any) => {
              opId = answer.data.operationId;
              for (const e of early) handle(e);
            });
          });
        } else {
          const all: string[] = b.lines;
          // The same chunk size the operation registry flushes at.
          for (let k = 0; k < all.length; k += 2000) {
            const chunk = all.slice(k, k + 2000);
            lines += chunk.length;
            b.terminal.write(chunk);
          }
        }
        await b.terminal.settle();
        const ms = performance.now() - started;
        watching = false;
        return { ms, lines, maxFrameMs: maxFrame, longFrames };
      }, { id: logId, mode });
      const heap = await jsHeapMiB(page);
      await page.send('HeapProfiler.collectGarbage');
      const retained = await jsHeapMiB(page);
      runs.push({ mode, ...r, heapMiB: heap, retainedMiB: retained });
      console.error(`${mode}: ${r.ms.toFixed(0)} ms, ${r.lines} lines, longest frame ${r.maxFrameMs.toFixed(0)} ms, heap ${heap.toFixed(1)} MiB, ${retained.toFixed(1)} MiB after GC`);
    }
  } finally {
    await page.close();
    child.kill('SIGTERM');
  }
  const of = (m: Run['mode']) => runs.filter((r) => r.mode === m);
  const result = {
    at: new Date().toISOString(),
    lines: LINES,
    runs,
    median: {
      bridgeMs: median(of('bridge').map((r) => r.ms)),
      directMs: median(of('direct').map((r) => r.ms)),
      bridgeMaxFrameMs: median(of('bridge').map((r) => r.maxFrameMs)),
      directMaxFrameMs: median(of('direct').map((r) => r.maxFrameMs)),
      bridgeHeapMiB: median(of('bridge').map((r) => r.heapMiB)),
      directHeapMiB: median(of('direct').map((r) => r.heapMiB)),
      bridgeRetainedMiB: median(of('bridge').map((r) => r.retainedMiB)),
      directRetainedMiB: median(of('direct').map((r) => r.retainedMiB)),
    },
    ratio: 0,
  };
  result.ratio = result.median.bridgeMs / result.median.directMs;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/terminal.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify({ median: result.median, ratio: result.ratio }, null, 2));
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
