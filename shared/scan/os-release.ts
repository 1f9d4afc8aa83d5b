/** /etc/os-release (systemd's format): KEY=value lines, values optionally quoted. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!/^[A-Z0-9_]+$/.test(key)) continue;
    let value = line.slice(eq + 1).trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1);
    out[key] = value.replace(/\\(["'$`\\])/g, '$1');
  }
  return out;
}

/** The pre-2022 BasedOnUbi rule: ID "rhel" and NAME containing "Red Hat Enterprise Linux". */
export function osReleaseIsRhel(fields: Record<string, string>): boolean {
  return fields.ID === 'rhel' && (fields.NAME ?? '').includes('Red Hat Enterprise Linux');
}
