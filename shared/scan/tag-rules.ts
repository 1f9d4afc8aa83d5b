/** good_tags / HasUniqueTag: the guide's tag rules and preflight's "a tag other than latest". */

const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/;

/** The guide: ASCII letters, digits, `_` `.` `-`; not starting with `.` or `-`; at most 32 characters. */
export function tagProblem(tag: string): string | undefined {
  if (tag.length > 32) return `"${tag}" is longer than 32 characters.`;
  if (!TAG_PATTERN.test(tag)) return `"${tag}" may hold only letters, digits, "_", "." and "-", and must not start with "." or "-".`;
  return undefined;
}

/** The tag part of `repo:tag` references (digests and untagged references give none). */
export function tagsOf(references: readonly string[]): string[] {
  const tags: string[] = [];
  for (const ref of references) {
    if (ref.includes('@')) continue;
    const slash = ref.lastIndexOf('/');
    const colon = ref.lastIndexOf(':');
    if (colon > slash) tags.push(ref.slice(colon + 1));
  }
  return [...new Set(tags)];
}

export function uniqueTags(tags: readonly string[]): string[] {
  return tags.filter((t) => t !== 'latest');
}
