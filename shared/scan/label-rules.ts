/** Label and name rules of the guide's Dockerfile requirements and preflight's container policy. */

/** preflight HasRequiredLabel; the guide's Dockerfile section lists the same seven. */
export const REQUIRED_LABELS = ['name', 'vendor', 'version', 'release', 'summary', 'description', 'maintainer'] as const;

/** Labels whose values must not claim to be Red Hat (preflight HasNoProhibitedLabels). */
export const RED_HAT_CHECKED_LABELS = ['name', 'vendor', 'maintainer'] as const;

/** Labels that hold the command the portal's `atomic`-style tooling runs: `--privileged` there fails not_running_privileged. */
export const RUN_LABELS = ['run', 'RUN', 'install', 'INSTALL', 'uninstall', 'UNINSTALL'] as const;

export function labelValue(labels: Record<string, string>, name: string): string | undefined {
  const value = labels[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function missingRequiredLabels(labels: Record<string, string>): string[] {
  return REQUIRED_LABELS.filter((name) => labelValue(labels, name) === undefined);
}

/**
 * preflight's rule: lower-cased, a value must not start with "red hat" (any punctuation between the
 * words) and must not name Red Hat more than once, except one "for Red Hat".
 */
export function claimsRedHat(value: string): boolean {
  const text = value.toLowerCase();
  if (/^red[^a-z0-9]*hat/.test(text.trim())) return true;
  const mentions = text.match(/red[^a-z0-9]*hat/g) ?? [];
  const forRedHat = text.match(/for[^a-z0-9]+red[^a-z0-9]*hat/g) ?? [];
  return mentions.length - Math.min(forRedHat.length, 1) > 0;
}

export function prohibitedLabelValues(labels: Record<string, string>): Array<{ label: string; value: string }> {
  const found: Array<{ label: string; value: string }> = [];
  for (const label of RED_HAT_CHECKED_LABELS) {
    const value = labels[label];
    if (typeof value === 'string' && claimsRedHat(value)) found.push({ label, value });
  }
  return found;
}

/** The repository's last path segment (`quay.io/acme/neutron-plugin:1.0` → `neutron-plugin`). */
export function repositoryName(reference: string): string {
  let ref = reference.split('@')[0] ?? reference;
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > lastSlash) ref = ref.slice(0, colon);
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** Labels that ask for `--privileged` (not_running_privileged). */
export function privilegedRunLabels(labels: Record<string, string>): Array<{ label: string; value: string }> {
  const found: Array<{ label: string; value: string }> = [];
  for (const label of RUN_LABELS) {
    const value = labels[label];
    if (typeof value === 'string' && /(^|\s)--privileged(=true)?(\s|$)/.test(value)) found.push({ label, value });
  }
  return found;
}
