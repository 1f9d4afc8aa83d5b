/**
 * RunAsNonRoot / not_running_as_root. preflight compares `User` with "", "0" and "root" exactly, so
 * `0:0` or `root:root` slip through; here the user part is checked (and a name is looked up in
 * /etc/passwd when the image has one), which is stricter.
 */
export interface UserVerdict {
  root: boolean;
  reason: string;
}

export function parsePasswd(text: string): Map<string, number> {
  const users = new Map<string, number>();
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length < 3 || fields[0] === undefined || fields[0].startsWith('#')) continue;
    const uid = Number(fields[2]);
    if (Number.isInteger(uid)) users.set(fields[0], uid);
  }
  return users;
}

export function judgeUser(user: string, passwd?: Map<string, number>): UserVerdict {
  const trimmed = user.trim();
  if (trimmed === '') return { root: true, reason: 'The image sets no USER, so it runs as root.' };
  const userPart = (trimmed.split(':')[0] ?? '').trim();
  if (userPart === '') return { root: true, reason: `USER "${user}" names no user, so it runs as root.` };
  if (/^\d+$/.test(userPart)) {
    return Number(userPart) === 0
      ? { root: true, reason: `USER "${user}" is uid 0 (root).` }
      : { root: false, reason: `USER "${user}" is uid ${Number(userPart)}.` };
  }
  if (userPart === 'root') return { root: true, reason: `USER "${user}" is root.` };
  const uid = passwd?.get(userPart);
  if (uid === 0) return { root: true, reason: `USER "${user}" maps to uid 0 in /etc/passwd.` };
  return { root: false, reason: uid === undefined ? `USER "${user}" (not listed in /etc/passwd).` : `USER "${user}" is uid ${uid}.` };
}
