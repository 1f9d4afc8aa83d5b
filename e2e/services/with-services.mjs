#!/usr/bin/env node
// Starts the real services the integration and e2e tests use, each in a private folder, runs a
// command with their addresses in its environment, then tears everything down.
//
//   node e2e/services/with-services.mjs [--only docker,registry,sshd,secrets] -- <command> [args...]
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDockerEngine } from './docker-engine.mjs';
import { startRegistry } from './registry.mjs';
import { startSecretService } from './secret-service.mjs';
import { startSshd } from './sshd.mjs';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const own = dash === -1 ? argv : argv.slice(0, dash);
const command = dash === -1 ? [] : argv.slice(dash + 1);
const onlyIndex = own.indexOf('--only');
const wanted = new Set(onlyIndex === -1 ? ['docker', 'registry', 'sshd', 'secrets'] : (own[onlyIndex + 1] ?? '').split(','));
if (command.length === 0) {
  console.error('usage: with-services.mjs [--only docker,registry,sshd,secrets] -- <command> [args...]');
  process.exit(2);
}

const root = process.env.CERTDESK_TEST_ROOT ?? `/tmp/certdesk-test-${process.pid}`;
mkdirSync(root, { recursive: true });
const started = [];
let exitCode = 2;

async function stopAll() {
  for (const service of started.reverse()) {
    try {
      await service.stop();
    } catch (err) {
      console.error(`stopping a test service failed: ${err.message}`);
    }
  }
  started.length = 0;
  if (!process.env.CERTDESK_TEST_KEEP) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void stopAll().then(() => process.exit(130));
  });
}

try {
  const t0 = Date.now();
  const starters = {
    docker: () => startDockerEngine(root),
    registry: () => startRegistry(root),
    sshd: () => startSshd(root),
    secrets: () => startSecretService(root),
  };
  const results = await Promise.allSettled([...wanted].filter((w) => starters[w]).map(async (name) => {
    const service = await starters[name]();
    started.push(service);
    return service;
  }));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) throw failed[0].reason;
  const env = {
    CERTDESK_TEST_ROOT: root,
    CERTDESK_HOME: join(root, 'app-data'),
    TMPDIR: join(root, 'tmp'),
  };
  mkdirSync(env.TMPDIR, { recursive: true });
  for (const r of results) Object.assign(env, r.value.env);
  writeFileSync(join(root, 'env.json'), JSON.stringify(env, null, 2));
  console.error(`test services up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${[...wanted].join(', ')} (env in ${join(root, 'env.json')})`);

  exitCode = await new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 2)));
    child.on('error', (err) => {
      console.error(`could not run ${command[0]}: ${err.message}`);
      resolve(2);
    });
  });
} catch (err) {
  console.error(`test services failed to start: ${err.stack ?? err}`);
  exitCode = 2;
} finally {
  await stopAll();
}
process.exit(exitCode);
