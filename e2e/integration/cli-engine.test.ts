import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './build-cli';

const run = promisify(execFile);

async function certdesk(args: string[], env: Record<string, string | undefined> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/certdesk.js', ...args], {
      env: { ...process.env, CERTDESK_HOME: mkdtempSync(join(tmpdir(), 'cli-')), ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('certdesk engine', () => {
  beforeAll(buildCli, 120_000);

  it('prints the real engine as JSON, exit 0', async () => {
    const { code, stdout } = await certdesk(['engine', '--format', 'json']);
    expect(code).toBe(0);
    const status = JSON.parse(stdout) as { reachable: boolean; info: { host: string; apiVersion: string; storageDriver: string; rootless: boolean } };
    expect(status.reachable).toBe(true);
    expect(status.info.host).toBe(process.env.DOCKER_HOST);
    expect(status.info.apiVersion).toMatch(/^1\.\d+$/);
    expect(status.info.storageDriver).not.toBe('');
    expect(status.info.rootless).toBe(false);
  });

  it('names every socket it tried when no engine answers, exit 2', async () => {
    const { code, stdout } = await certdesk(['engine'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock', XDG_RUNTIME_DIR: '/nonexistent-run' });
    expect(code).toBe(2);
    expect(stdout).toContain('unix:///nonexistent/docker.sock');
    expect(stdout).toContain('/var/run/docker.sock');
    expect(stdout).toContain('/nonexistent-run/podman/podman.sock');
    expect(stdout).toMatch(/systemctl/);
  });

  it('answers usage errors with exit 2 and the usage line', async () => {
    const bad = await certdesk(['engine', '--format', 'yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: certdesk engine');
    const unknown = await certdesk(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
    const help = await certdesk(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('engine');
  });
});
