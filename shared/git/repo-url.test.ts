import { describe, expect, it } from 'vitest';
import { classifyRepoUrl, uploadPackCommand } from './repo-url';

describe('classifyRepoUrl', () => {
  it('tells public HTTPS', () => {
    expect(classifyRepoUrl('https://github.com/acme/plugin.git')).toMatchObject({ transport: 'https', host: 'github.com', path: '/acme/plugin.git' });
  });
  it('reads ssh:// URLs with user and port', () => {
    expect(classifyRepoUrl('ssh://git@git.example.com:2222/srv/plugin.git')).toMatchObject({
      transport: 'ssh', user: 'git', host: 'git.example.com', port: 2222, path: '/srv/plugin.git', form: 'ssh-url',
    });
    expect(classifyRepoUrl('ssh://host/~alice/repo.git')).toMatchObject({ user: 'git', port: 22, path: '~alice/repo.git' });
    expect(classifyRepoUrl('ssh://git@[::1]:22/r.git')).toMatchObject({ host: '::1' });
  });
  it('reads scp-like URLs', () => {
    expect(classifyRepoUrl('git@github.com:acme/plugin.git')).toMatchObject({ transport: 'ssh', user: 'git', host: 'github.com', port: 22, path: 'acme/plugin.git', form: 'scp' });
  });
  it('refuses what the build service cannot use, with the reason', () => {
    for (const url of ['http://example.com/r.git', 'git://example.com/r.git', 'ftp://x/y', '', 'https://tok@github.com/a/b.git', 'git@github.com:a/b.git\u200b', 'https://github.com/']) {
      const r = classifyRepoUrl(url);
      expect(r.transport, url).toBe('invalid');
    }
  });
  it('quotes the remote path the way git does', () => {
    expect(uploadPackCommand("/srv/it's.git")).toBe(`git-upload-pack '/srv/it'\\''s.git'`);
  });
});
