/**
 * Hosts a link may open in the user's browser: the Red Hat portal and documentation.
 * Anything else (or anything not https) is refused, so a crafted link can't launch a program.
 */
export const ALLOWED_EXTERNAL_HOSTS = [
  'connect.redhat.com',
  'access.redhat.com',
  'docs.redhat.com',
  'catalog.redhat.com',
  'www.redhat.com',
  'redhat.com',
  'sso.redhat.com',
  'developers.redhat.com',
  'rhcertification.redhat.com',
] as const;

export function isAllowedExternalUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return (ALLOWED_EXTERNAL_HOSTS as readonly string[]).includes(url.hostname.toLowerCase());
}
