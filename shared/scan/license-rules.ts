import type { ImageFilesystem } from './image-filesystem';

/**
 * preflight HasLicense: `/licenses` is a directory (a symlink to a directory inside the root is
 * followed) holding at least one regular file with size > 0, searched recursively; links that
 * escape the root are ignored.
 */
export interface LicenseFinding {
  found: boolean;
  /** Where /licenses leads, when it resolves inside the root. */
  directory?: string;
  files: Array<{ path: string; size: number }>;
  emptyFiles: string[];
  ignoredLinks: string[];
  problem?: string;
}

const MAX_LISTED = 200;

export function findLicenses(fs: ImageFilesystem): LicenseFinding {
  const entry = fs.get('licenses');
  if (!entry) return { found: false, files: [], emptyFiles: [], ignoredLinks: [], problem: 'There is no /licenses in the image.' };
  const dir = fs.resolve('licenses');
  if (!dir) {
    return {
      found: false,
      files: [],
      emptyFiles: [],
      ignoredLinks: ['/licenses'],
      problem: `/licenses is a link to "${entry.linkTarget ?? ''}" that leads outside the image root or nowhere; it is ignored.`,
    };
  }
  if (dir.kind !== 'dir') return { found: false, files: [], emptyFiles: [], ignoredLinks: [], problem: `/licenses is not a directory (it is a ${dir.kind}).` };
  const files: Array<{ path: string; size: number }> = [];
  const emptyFiles: string[] = [];
  const ignoredLinks: string[] = [];
  for (const fact of fs.under(dir.path)) {
    if (fact.kind === 'dir') continue;
    const target = fact.kind === 'file' ? fact : fs.resolve(fact.path);
    if (!target) {
      if (fact.kind === 'symlink' || fact.kind === 'hardlink') ignoredLinks.push(`/${fact.path}`);
      continue;
    }
    if (target.kind !== 'file') continue;
    if (target.size > 0) {
      if (files.length < MAX_LISTED) files.push({ path: `/${fact.path}`, size: target.size });
    } else emptyFiles.push(`/${fact.path}`);
  }
  const found = files.length > 0;
  return {
    found,
    directory: `/${dir.path}`,
    files,
    emptyFiles,
    ignoredLinks,
    ...(found ? {} : { problem: emptyFiles.length > 0 ? '/licenses holds only empty files.' : '/licenses holds no regular file.' }),
  };
}
