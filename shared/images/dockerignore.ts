/**
 * `.dockerignore` matching as Docker does it (moby/patternmatcher): one pattern a line, `#`
 * comments, `!` re-includes, a leading `/` is dropped, `**` spans directories, `*` and `?` stay
 * inside one path segment, and a pattern that matches a directory excludes everything under it.
 * The last matching pattern wins.
 */

export interface IgnorePattern {
  source: string;
  exclusion: boolean;
  regex: RegExp;
  /** How many path segments the pattern has: a parent directory of that depth may match. */
  depth: number;
}

export function parseDockerignore(text: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let exclusion = false;
    if (line.startsWith('!')) {
      exclusion = true;
      line = line.slice(1).trim();
    }
    const cleaned = cleanPath(line);
    if (cleaned === '') continue;
    out.push({ source: raw.trim(), exclusion, regex: patternRegex(cleaned), depth: cleaned.split('/').length });
  }
  return out;
}

/** filepath.Clean on a slash path, without a leading `/` (Docker treats patterns as relative to the context). */
export function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const part of p.replace(/\\(?=[^*?[\]\\])/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join('/');
}

function escapeRegex(c: string): string {
  return /[.+^${}()|[\]\\*?]/.test(c) ? `\\${c}` : c;
}

function patternRegex(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') i++;
        // `**` at the end takes everything; elsewhere any number of directories, even none.
        re += i + 1 >= pattern.length ? '.*' : '(?:.*/)?';
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '\\' && i + 1 < pattern.length) {
      i++;
      re += escapeRegex(pattern[i] as string);
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) {
        re += '\\[';
      } else {
        let cls = pattern.slice(i + 1, end);
        if (cls.startsWith('!') || cls.startsWith('^')) cls = `^${cls.slice(1)}`;
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else {
      re += escapeRegex(c);
    }
  }
  return new RegExp(`${re}$`);
}

function patternMatches(p: IgnorePattern, path: string, segments: string[]): boolean {
  if (p.regex.test(path)) return true;
  // A pattern naming a directory also covers what is under it.
  if (segments.length > p.depth) return p.regex.test(segments.slice(0, p.depth).join('/'));
  return false;
}

/** Is this context-relative path (slash-separated) excluded? */
export function isIgnored(patterns: readonly IgnorePattern[], relativePath: string): boolean {
  const path = cleanPath(relativePath);
  const segments = path.split('/');
  let ignored = false;
  for (const p of patterns) {
    if (p.exclusion === !ignored) continue; // cannot change the outcome
    if (patternMatches(p, path, segments)) ignored = !p.exclusion;
  }
  return ignored;
}

/**
 * Whether a directory can be skipped entirely while walking: it is excluded and no `!` pattern
 * could re-include something below it (Docker walks into such directories too).
 */
export function canSkipDirectory(patterns: readonly IgnorePattern[], relativeDir: string): boolean {
  if (!isIgnored(patterns, relativeDir)) return false;
  return !patterns.some((p) => p.exclusion);
}
