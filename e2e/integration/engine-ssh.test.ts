import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/app-error';
import type { EngineStatus } from '@shared/contract/engine';
import { ErrorCode } from '@shared/contract/error-codes';
import { CliContext } from '../../electron/cli/cli-context';
import { createHandlerTable } from '../../electron/main/ipc/handler-table';
import { createServices, type Services } from '../../electron/main/services/create-services';
// @ts-expect-error plain JS test-service starter
import { startSshd } from '../services/sshd.mjs';
import { buildCli } from './build-cli';

/**
 * Issue #5 item 1: a remote engine over SSH. A second sshd whose sessions see DOCKER_HOST pointing at
 * the private dockerd plays the subscribed RHEL build host; dockerode's ssh transport runs
 * `docker system dial-stdio` there. Key from the real Secret Service, host key pinned in known hosts.
 */
const run = promisify(execFile);
const env = process.env;
const ready = env.CERTDESK_TEST_SECRET_SERVICE === '1' && !!env.DOCKER_HOST && !!env.CERTDESK_TEST_ROOT;
const BASE = env.CERTDESK_TEST_BASE_IMAGE as string;

interface Sshd {
  port: number;
  user: string;
  authorizedKeys: string;
  env: Record<string, string>;
  stop(): Promise<void>;
  resetHostKeys(): void;
}

/** A key pair in memory: ssh-keygen writes it to a private temp folder that is removed at once. */
async function keyPair(comment: string): Promise<{ privateKey: string; publicLine: string }> {
  const dir = mkdtempSync(join(env.CERTDESK_TEST_ROOT as string, 'engine-key-'));
  try {
    const file = join(dir, 'id_ed25519');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
    return { privateKey: readFileSync(file, 'utf8'), publicLine: readFileSync(`${file}.pub`, 'utf8').trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe.skipIf(!ready)('remote engine over ssh:// (real sshd, dockerd, Secret Service)', () => {
  const root = env.CERTDESK_TEST_ROOT as string;
  const sshdOptions = { name: 'sshd-engine', extraConfig: [`SetEnv DOCKER_HOST=${env.DOCKER_HOST}`] };
  let sshd: Sshd;
  let host: string;
  let services: Services;
  let ctx: CliContext;
  let dataDir: string;
  let goodKey: { privateKey: string; publicLine: string };
  const output = { text: '' };
  const local = new Dockerode({ socketPath: (env.DOCKER_HOST ?? '').replace('unix://', '') });

  beforeAll(async () => {
    sshd = (await startSshd(root, sshdOptions)) as Sshd;
    host = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    goodKey = await keyPair('certdesk-engine-test');
    appendFileSync(sshd.authorizedKeys, `${goodKey.publicLine}\n`);
    dataDir = mkdtempSync(join(root, 'engine-ssh-data-'));
    services = createServices({ dataDir, env });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    for (const s of [stdout, stderr]) s.on('data', (d: Buffer) => (output.text += d.toString('utf8')));
    ctx = new CliContext(services, createHandlerTable(services), { stdout, stderr, stdin: new PassThrough(), isTTY: false, color: false });
  });

  afterAll(async () => {
    services?.dispose();
    await sshd?.stop();
  });

  it('refuses an unknown host key until it is accepted explicitly, and keeps the previous engine', async () => {
    await services.secrets.set(`engine-ssh-key:${host}`, goodKey.privateKey);
    const err = await failure(ctx.call('engine.setHost', { host }));
    expect(err.code).toBe(ErrorCode.RepoHostKeyUnknown);
    expect(err.message).toContain(`[127.0.0.1]:${sshd.port}`);
    expect(err.message).toContain(sshd.env.CERTDESK_TEST_SSH_HOST_FINGERPRINT);
    expect(err.hint).toMatch(/accept/i);
    const status = await ctx.call('engine.status', {});
    expect(status).toMatchObject({ reachable: true, info: { host: env.DOCKER_HOST } });
  });

  it('connects through the ssh:// engine with the keychain key once the host key is accepted', async () => {
    const expected = await local.version();
    const chosen = await ctx.call('engine.setHost', { host, acceptNewHostKey: true });
    expect(chosen).toMatchObject({ reachable: true, info: { host, source: 'chosen in CertDesk', serverVersion: expected.Version, apiVersion: expected.ApiVersion } });
    const status = await ctx.call('engine.status', {});
    expect(status).toMatchObject({ reachable: true, info: { host, serverVersion: expected.Version } });
    const known = JSON.parse(readFileSync(join(dataDir, 'known-hosts.json'), 'utf8')) as { hosts: Record<string, { fingerprint: string }> };
    expect(known.hosts[`[127.0.0.1]:${sshd.port}`]?.fingerprint).toBe(sshd.env.CERTDESK_TEST_SSH_HOST_FINGERPRINT);
    // Accepting again is harmless, and a fresh process reads the pinned key (no accept needed).
    const again = createServices({ dataDir, env });
    try {
      expect(await again.engine.status()).toMatchObject({ reachable: true, info: { host } });
    } finally {
      again.dispose();
    }
  });

  it('builds and lists images through the remote engine, naming it as the engine the job ran on', async () => {
    const context = mkdtempSync(join(root, 'engine-ssh-ctx-'));
    writeFileSync(join(context, 'Dockerfile'), `FROM ${BASE}\nRUN echo built-over-ssh > /marker\nLABEL certdesk.test=engine-ssh\n`);
    const result = await ctx.run('build.start', { contextDir: context, tags: ['engine-ssh:1.0-1'], buildArgs: {}, noCache: true, pull: false });
    expect(result.engineHost).toBe(host);
    expect(result.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const images = await ctx.call('engine.images', {});
    expect(images.find((i) => i.tags.includes('engine-ssh:1.0-1'))?.id).toBe(result.imageId);
    expect(images.some((i) => i.tags.includes(BASE))).toBe(true);
    // The same engine seen through its local socket: the build really ran there.
    expect((await local.getImage('engine-ssh:1.0-1').inspect()).Id).toBe(result.imageId);
    const logs = await ctx.call('build.logs', {});
    expect(logs[0]).toMatchObject({ logId: result.logId, engineHost: host, state: 'succeeded' });
  });

  it('a wrong key: unreachable, the ssh host named with "authentication failed", local engines listed but not used', async () => {
    const wrong = await keyPair('not-authorized');
    await services.secrets.set(`engine-ssh-key:${host}`, wrong.privateKey);
    const status = (await ctx.call('engine.reconnect', {})) as Extract<EngineStatus, { reachable: false }>;
    expect(status.reachable).toBe(false);
    expect(status.attempts[0]).toMatchObject({ host, source: 'chosen in CertDesk' });
    expect(status.attempts[0]?.error).toMatch(/authentication failed/);
    expect(status.attempts[0]?.error).toContain(`engine-ssh-key:${host}`);
    expect(status.attempts.find((a) => a.host === env.DOCKER_HOST)).toMatchObject({ source: 'DOCKER_HOST', skipped: true });
    expect(status.attempts.some((a) => a.host === 'unix:///var/run/docker.sock')).toBe(true);
    expect(status.message).toContain(host);
    expect(status.hint).toMatch(/clear the chosen engine/i);
    // A job refuses rather than running on another engine.
    const err = await failure(ctx.call('engine.images', {}));
    expect(err.code).toBe(ErrorCode.EngineUnreachable);
    expect(err.message).toContain(host);
    await services.secrets.set(`engine-ssh-key:${host}`, goodKey.privateKey);
    expect(await ctx.call('engine.reconnect', {})).toMatchObject({ reachable: true, info: { host } });
  });

  it('a changed host key is refused loudly, even with acceptNewHostKey', async () => {
    await sshd.stop();
    sshd.resetHostKeys();
    sshd = (await startSshd(root, { ...sshdOptions, port: sshd.port })) as Sshd;
    const status = (await ctx.call('engine.reconnect', {})) as Extract<EngineStatus, { reachable: false }>;
    expect(status.reachable).toBe(false);
    expect(status.attempts[0]).toMatchObject({ host, code: ErrorCode.RepoHostKeyChanged });
    expect(status.attempts[0]?.error).toMatch(/CHANGED/);
    const job = await failure(ctx.call('engine.images', {}));
    expect(job.code).toBe(ErrorCode.RepoHostKeyChanged);
    const err = await failure(ctx.call('engine.setHost', { host, acceptNewHostKey: true }));
    expect(err.code).toBe(ErrorCode.RepoHostKeyChanged);
    expect(err.message).toContain(sshd.env.CERTDESK_TEST_SSH_HOST_FINGERPRINT);
    expect(err.hint).toContain('certdesk known-hosts forget');
  });

  it('clearing the chosen engine goes back to DOCKER_HOST', async () => {
    const status = await ctx.call('engine.setHost', { host: null });
    expect(status).toMatchObject({ reachable: true, info: { host: env.DOCKER_HOST, source: 'DOCKER_HOST' } });
    expect(await ctx.call('engine.status', {})).toMatchObject({ reachable: true, info: { host: env.DOCKER_HOST } });
  });

  it('a build host without `docker` on the PATH is named as such', async () => {
    const bare = (await startSshd(root, { name: 'sshd-engine-nodocker', extraConfig: ['SetEnv PATH=/var/empty'] })) as Sshd;
    try {
      appendFileSync(bare.authorizedKeys, `${goodKey.publicLine}\n`);
      const bareHost = `ssh://${bare.user}@127.0.0.1:${bare.port}`;
      await services.secrets.set(`engine-ssh-key:${bareHost}`, goodKey.privateKey);
      const status = (await ctx.call('engine.setHost', { host: bareHost, acceptNewHostKey: true })) as Extract<EngineStatus, { reachable: false }>;
      expect(status.reachable).toBe(false);
      expect(status.attempts[0]?.host).toBe(bareHost);
      expect(status.attempts[0]?.error).toMatch(/dial-stdio.*`docker` on the remote PATH/);
      await ctx.call('engine.setHost', { host: null });
      await services.secrets.delete(`engine-ssh-key:${bareHost}`);
    } finally {
      await bare.stop();
    }
  });

  it('the private keys never reach the data folder or the output', () => {
    const needles = [goodKey.privateKey.split('\n')[1] as string];
    for (const file of filesUnder(dataDir)) {
      const text = readFileSync(file, 'latin1');
      for (const n of needles) expect(text.includes(n), file).toBe(false);
    }
    for (const n of needles) expect(output.text.includes(n)).toBe(false);
  });
});

describe.skipIf(!ready)('certdesk engine --host / --clear (built CLI, real sshd and keychain)', () => {
  const root = env.CERTDESK_TEST_ROOT as string;
  let sshd: Sshd;
  let host: string;
  let keyDir: string;
  let keyFile: string;
  let secretLine: string;
  const home = mkdtempSync(join(root, 'engine-cli-home-'));
  const outputs: string[] = [];

  async function certdesk(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let result: { code: number; stdout: string; stderr: string };
    try {
      const { stdout, stderr } = await run(process.execPath, ['bin/certdesk.js', 'engine', ...args], { env: { ...env, CERTDESK_HOME: home, NO_COLOR: '1' } });
      result = { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      result = { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
    outputs.push(result.stdout, result.stderr);
    return result;
  }

  beforeAll(async () => {
    await buildCli();
    sshd = (await startSshd(root, { name: 'sshd-engine-cli', extraConfig: [`SetEnv DOCKER_HOST=${env.DOCKER_HOST}`] })) as Sshd;
    host = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    const pair = await keyPair('certdesk-engine-cli');
    appendFileSync(sshd.authorizedKeys, `${pair.publicLine}\n`);
    secretLine = pair.privateKey.split('\n')[1] as string;
    // The user's own key file, as `--ssh-key-file` reads it; removed after the test.
    keyDir = mkdtempSync(join(root, 'engine-cli-key-'));
    keyFile = join(keyDir, 'id_ed25519');
    writeFileSync(keyFile, pair.privateKey, { mode: 0o600 });
  }, 300_000);

  afterAll(async () => {
    rmSync(keyDir, { recursive: true, force: true });
    await sshd?.stop();
  });

  it('refuses an unknown host key with exit 1 and the fingerprint, and changes nothing', async () => {
    const r = await certdesk(['--host', host, '--ssh-key-file', keyFile]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(sshd.env.CERTDESK_TEST_SSH_HOST_FINGERPRINT);
    expect(r.stderr).toContain('--accept-new-host-key');
    const status = JSON.parse((await certdesk(['--format', 'json'])).stdout) as EngineStatus;
    expect(status).toMatchObject({ reachable: true, info: { host: env.DOCKER_HOST } });
  });

  it('sets the ssh:// engine with the key file and --accept-new-host-key, and keeps it', async () => {
    const set = await certdesk(['--host', host, '--ssh-key-file', keyFile, '--accept-new-host-key', '--format', 'json']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ reachable: true, info: { host, source: 'chosen in CertDesk' } });
    // The next run reads the choice, the pinned host key and the keychain key: no flags needed.
    const text = await certdesk([]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Host:            ${host}  [chosen in CertDesk]`);
    const secrets = await run(process.execPath, ['bin/certdesk.js', 'secrets', 'list', '--format', 'json'], { env: { ...env, CERTDESK_HOME: home } });
    expect(secrets.stdout).toContain(`engine-ssh-key:${host}`);
  });

  it('--clear goes back to DOCKER_HOST', async () => {
    const r = await certdesk(['--clear', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ reachable: true, info: { host: env.DOCKER_HOST, source: 'DOCKER_HOST' } });
  });

  it('answers usage mistakes with exit 2', async () => {
    expect((await certdesk(['--clear', '--host', host])).code).toBe(2);
    expect((await certdesk(['--accept-new-host-key'])).code).toBe(2);
    const notSsh = await certdesk(['--host', env.DOCKER_HOST as string, '--ssh-key-file', keyFile]);
    expect(notSsh.code).toBe(2);
    expect(notSsh.stderr).toContain('ssh:// engine');
  });

  it('never prints the private key', () => {
    for (const text of outputs) expect(text.includes(secretLine)).toBe(false);
    for (const file of filesUnder(home)) expect(readFileSync(file, 'latin1').includes(secretLine), file).toBe(false);
  });
});
