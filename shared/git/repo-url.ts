/**
 * The build service takes a public repository as an HTTPS URL and a private one as an SSH URL with a
 * deploy key (partner guide, "automated build service"). This tells which one a URL is.
 */
export type RepoUrl =
  | { transport: 'https'; url: string; host: string; path: string }
  | { transport: 'ssh'; url: string; user: string; host: string; port: number; path: string; form: 'ssh-url' | 'scp' }
  | { transport: 'invalid'; url: string; reason: string };

const CONTROL = /[\u0000-\u001f\u007f\u00a0\u200b-\u200d\u2060\ufeff]/;

export function classifyRepoUrl(input: string): RepoUrl {
  const url = input.trim();
  if (url.length === 0) return { transport: 'invalid', url, reason: 'The repository URL is empty.' };
  if (CONTROL.test(url) || /\s/.test(url)) {
    return { transport: 'invalid', url, reason: 'The URL contains spaces or hidden characters (often picked up when copying it).' };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'https') return https(url);
  if (scheme === 'ssh' || scheme === 'git+ssh' || scheme === 'ssh+git') return sshUrl(url);
  if (scheme === 'http') {
    return { transport: 'invalid', url, reason: 'Plain http:// is not accepted: use the https:// URL (public) or the SSH URL (private).' };
  }
  if (scheme === 'git') {
    return { transport: 'invalid', url, reason: 'git:// is unauthenticated and unencrypted; use the https:// URL (public) or the SSH URL (private).' };
  }
  if (scheme !== undefined) return { transport: 'invalid', url, reason: `${scheme}:// is not a repository URL the build service can use.` };
  return scpLike(url);
}

function https(url: string): RepoUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { transport: 'invalid', url, reason: 'The HTTPS URL is not valid.' };
  }
  if (!parsed.hostname) return { transport: 'invalid', url, reason: 'The URL names no host.' };
  if (parsed.username || parsed.password) {
    return { transport: 'invalid', url, reason: 'The URL carries a user name or token; a public repository needs neither. Remove it.' };
  }
  const path = decodeURIComponent(parsed.pathname).replace(/\/+$/, '');
  if (path.length <= 1) return { transport: 'invalid', url, reason: 'The URL names no repository path.' };
  return { transport: 'https', url, host: parsed.host, path };
}

function sshUrl(url: string): RepoUrl {
  // ssh://[user@]host[:port]/path; IPv6 hosts in brackets.
  const match = /^[a-z+]+:\/\/(?:([^@/]+)@)?(\[[0-9a-fA-F:.]+\]|[^:/]+)(?::(\d*))?(\/.*)$/i.exec(url);
  if (!match) return { transport: 'invalid', url, reason: 'Expected ssh://user@host[:port]/path/to/repo.git.' };
  const port = match[3] ? Number(match[3]) : 22;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { transport: 'invalid', url, reason: 'The port is not valid.' };
  let path = decodeURIComponent(match[4] as string);
  // git's rule: ssh://host/~user/repo means a path relative to that user's home.
  if (path.startsWith('/~')) path = path.slice(1);
  if (path.replace(/\/+$/, '').length <= 1) return { transport: 'invalid', url, reason: 'The URL names no repository path.' };
  return { transport: 'ssh', url, user: match[1] ?? 'git', host: unbracket(match[2] as string), port, path, form: 'ssh-url' };
}

function scpLike(url: string): RepoUrl {
  // user@host:path (git treats it as ssh when the part before the first colon has no slash).
  const match = /^(?:([^@/:]+)@)?(\[[0-9a-fA-F:.]+\]|[^:/]+):(?!\/\/)(.+)$/.exec(url);
  if (!match) {
    return { transport: 'invalid', url, reason: 'Not a repository URL: use https://host/org/repo.git or git@host:org/repo.git.' };
  }
  return { transport: 'ssh', url, user: match[1] ?? 'git', host: unbracket(match[2] as string), port: 22, path: match[3] as string, form: 'scp' };
}

function unbracket(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

export function repoGuidance(url: RepoUrl): string {
  if (url.transport === 'https') {
    return 'Public repository: the build service needs only this HTTPS URL, no key. If the repository is private, use its SSH URL and a deploy key instead.';
  }
  if (url.transport === 'ssh') {
    return 'Private repository: give the build service this SSH URL and the deploy key\'s private PEM; add the public line to the repository\'s deploy keys (read-only).';
  }
  return url.reason;
}

/** The remote command git itself sends: git-upload-pack '<path>', with single quotes escaped the POSIX way. */
export function uploadPackCommand(path: string): string {
  return `git-upload-pack '${path.replace(/'/g, `'\\''`)}'`;
}
