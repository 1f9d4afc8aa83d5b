import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { contextTar, planContext } from './build-context';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-unit-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function tarNames(stream: NodeJS.ReadableStream): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const ex = extract();
  ex.on('entry', (header, body, next) => {
    let text = '';
    body.on('data', (d: unknown) => (text += String(d)));
    body.on('end', () => {
      out[header.name] = header.type === 'symlink' ? `-> ${header.linkname}` : text;
      next();
    });
    body.resume();
  });
  await new Promise<void>((resolve, reject) => {
    ex.on('finish', resolve);
    ex.on('error', reject);
    stream.pipe(ex as unknown as NodeJS.WritableStream);
  });
  return out;
}

describe('build context', () => {
  it('tars what Docker would send, minus .git, keys and the app data folder; keeps an ignored Dockerfile', async () => {
    const dir = tree({
      'Dockerfile.custom': 'FROM x\n',
      '.dockerignore': 'Dockerfile.custom\n**/*.tmp\n',
      'src/a.py': 'a',
      'src/b.tmp': 'b',
      '.git/config': 'c',
      'id_ed25519': 'k',
      'notes.txt': '-----BEGIN OPENSSH PRIVATE KEY-----\n',
      'appdata/settings.json': '{}',
    });
    symlinkSync('src/a.py', join(dir, 'link'));
    const plan = await planContext(dir, 'Dockerfile.custom', join(dir, 'appdata'));
    expect(plan.inspection).toMatchObject({ dockerfile: 'Dockerfile.custom', dockerfileFound: true, dockerignoreFound: true });
    const names = await tarNames(contextTar(plan.entries) as unknown as NodeJS.ReadableStream);
    expect(names['Dockerfile.custom']).toBe('FROM x\n');
    expect(names['src/a.py']).toBe('a');
    expect(names.link).toBe('-> src/a.py');
    for (const gone of ['src/b.tmp', '.git/config', 'id_ed25519', 'notes.txt', 'appdata/settings.json']) expect(names[gone]).toBeUndefined();
    expect(plan.inspection.files).toBe(4); // Dockerfile.custom, .dockerignore, src/a.py, link
  });

  it('refuses a Dockerfile outside the context and a missing folder', async () => {
    const dir = tree({ Dockerfile: 'FROM x\n' });
    await expect(planContext(dir, '../Dockerfile')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(planContext(join(dir, 'nope'))).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });
});
