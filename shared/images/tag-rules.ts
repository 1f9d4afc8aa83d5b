/**
 * Tag and image-reference rules: the partner guide's tag rules (the portal refuses other tags)
 * and Docker's reference grammar (the engine refuses other names). Pure, shared by UI and main.
 */

export interface RuleViolation {
  rule: string;
  message: string;
}

/** Docker's tag grammar: `[\w][\w.-]{0,127}`. */
const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** The guide's limit ("Must be 32 characters or less"). */
export const GUIDE_TAG_MAX = 32;

/** Every reason a tag is refused, empty when it is fine for both the portal and Docker. */
export function tagViolations(tag: string): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (tag.length === 0) return [{ rule: 'empty', message: 'The tag is empty.' }];
  // Guide, "Tag Name": must be valid ASCII.
  if (/[^\x20-\x7e]/.test(tag)) out.push({ rule: 'ascii', message: 'The tag contains non-ASCII or invisible characters (often pasted from a PDF).' });
  const bad = [...new Set([...tag].filter((c) => !/[A-Za-z0-9_.-]/.test(c) && /[\x20-\x7e]/.test(c)))];
  if (bad.length > 0) out.push({ rule: 'characters', message: `Only letters, digits, "_", "." and "-" are allowed; remove ${bad.map((c) => (c === ' ' ? 'spaces' : `"${c}"`)).join(', ')}.` });
  if (tag.startsWith('.') || tag.startsWith('-')) out.push({ rule: 'start', message: 'A tag must not start with "." or "-".' });
  if (tag.length > GUIDE_TAG_MAX) out.push({ rule: 'length', message: `A tag may have at most ${GUIDE_TAG_MAX} characters (this one has ${tag.length}).` });
  if (out.length === 0 && !DOCKER_TAG.test(tag)) out.push({ rule: 'docker', message: 'Docker does not accept this tag.' });
  return out;
}

export function isValidTag(tag: string): boolean {
  return tagViolations(tag).length === 0;
}

export interface ImageReference {
  /** Registry host with optional port, when the name has one (`scan.connect.redhat.com`, `127.0.0.1:5000`). */
  domain?: string;
  /** The path after the domain: `p1234/my-plugin`. */
  path: string;
  tag?: string;
  digest?: string;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const NAME_MAX = 255;

export type ParsedReference = { ok: true; ref: ImageReference } | { ok: false; error: string };

/** Parses `[domain/]path[:tag][@digest]` with Docker's rules (distribution/reference). */
export function parseReference(input: string): ParsedReference {
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, error: `"${digest}" is not a digest (expected sha256:<hex>).` };
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!DOCKER_TAG.test(tag)) return { ok: false, error: `"${tag}" is not a valid tag.` };
  }
  if (rest.length === 0) return { ok: false, error: 'The image name is empty.' };
  if (rest.length > NAME_MAX) return { ok: false, error: `The image name is longer than ${NAME_MAX} characters.` };
  const parts = rest.split('/');
  let domain: string | undefined;
  const first = parts[0] ?? '';
  // Docker's rule: the first part is a registry when it has a "." or ":" or is "localhost".
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    if (!DOMAIN.test(first)) return { ok: false, error: `"${first}" is not a registry address.` };
    domain = first;
    parts.shift();
  }
  for (const part of parts) {
    if (!PATH_COMPONENT.test(part)) {
      return {
        ok: false,
        error: part !== part.toLowerCase()
          ? `"${part}": repository names must be lowercase.`
          : `"${part}" is not a valid name component (lowercase letters, digits, and ".", "_", "__" or "-" between them).`,
      };
    }
  }
  const ref: ImageReference = { path: parts.join('/') };
  if (domain) ref.domain = domain;
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return { ok: true, ref };
}

export function formatReference(ref: ImageReference): string {
  return `${ref.domain ? `${ref.domain}/` : ''}${ref.path}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The repository without tag or digest, as the engine's push endpoint wants it. */
export function repositoryOf(ref: ImageReference): string {
  return `${ref.domain ? `${ref.domain}/` : ''}${ref.path}`;
}

/** Is `name` a valid single image-name component (the `<image>` in `<pid>/<image>`)? */
export function imageNameViolation(name: string): string | undefined {
  if (name.length === 0) return 'The image name is empty.';
  for (const part of name.split('/')) {
    if (!PATH_COMPONENT.test(part)) return `"${name}" is not a valid image name: lowercase letters, digits, and ".", "_" or "-" between them.`;
  }
  return undefined;
}
