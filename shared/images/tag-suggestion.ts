/**
 * Suggests a tag following the guide's convention `VERSION-RELEASE` (e.g. `1.0-1`, where the
 * number after the dash counts rebuilds), from the Dockerfile's labels and the tags that exist.
 */
import { isValidTag } from './tag-rules';

export interface TagSuggestion {
  tag: string;
  reason: string;
  version?: string;
  release?: string;
}

/** Reads `LABEL` instructions (both `k=v` and legacy `k v` forms, continuation lines, quotes). */
export function dockerfileLabels(dockerfile: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const joined = dockerfile.replace(/\\\r?\n/g, ' ');
  for (const rawLine of joined.split(/\r?\n/)) {
    const line = rawLine.trim();
    const m = /^LABEL\s+(.*)$/i.exec(line);
    if (!m || !m[1]) continue;
    const body = m[1];
    const pairs = [...body.matchAll(/([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)];
    if (pairs.length === 0) {
      const legacy = /^(\S+)\s+(.*)$/.exec(body);
      if (legacy?.[1] && legacy[2] !== undefined) labels[unquote(legacy[1])] = unquote(legacy[2].trim());
      continue;
    }
    for (const p of pairs) if (p[1]) labels[unquote(p[1])] = unquote(p[2] ?? '');
  }
  return labels;
}

function unquote(s: string): string {
  if (s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")))) {
    return s.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return s;
}

/** The largest `-N` already used for `version`, or 0. */
export function highestRebuild(version: string, existingTags: readonly string[]): number {
  let max = 0;
  const prefix = `${version}-`;
  for (const tag of existingTags) {
    if (!tag.startsWith(prefix)) continue;
    const n = Number(tag.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max;
}

export function suggestTag(dockerfile: string, existingTags: readonly string[] = []): TagSuggestion | undefined {
  const labels = dockerfileLabels(dockerfile);
  const version = labels.version?.trim();
  const release = labels.release?.trim();
  if (!version) return undefined;
  const fromLabels = release ? `${version}-${release}` : `${version}-1`;
  if (!existingTags.includes(fromLabels) && isValidTag(fromLabels)) {
    return { tag: fromLabels, reason: release ? 'version and release labels of the Dockerfile' : 'version label, first build', version, ...(release ? { release } : {}) };
  }
  const next = `${version}-${highestRebuild(version, existingTags) + 1}`;
  if (!isValidTag(next)) return undefined;
  return { tag: next, reason: `${fromLabels} exists already: next rebuild number`, version, ...(release ? { release } : {}) };
}
