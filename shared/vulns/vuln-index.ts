import type { VulnFinding } from '../scan/scan-model';

/**
 * The compact index CertDesk keeps of the Red Hat security data a user imported (CSAF/VEX or
 * OVAL v2): per package name, what fixes or affects it. Nothing is fetched at scan time.
 */
export type Severity = VulnFinding['severity'];

export interface VulnRecord {
  cve: string;
  severity: Severity;
  /** `fixed` carries the fixing EVR; `affected` has no fix; not-affected records are not stored. */
  state: 'fixed' | 'affected';
  /** `[epoch:]version-release` of the fix. */
  fixed?: string;
  advisory?: string;
  released?: string;
}

export interface VulnIndexSource {
  file: string;
  kind: 'csaf' | 'vex' | 'oval';
  documents: number;
}

export interface VulnIndex {
  version: 1;
  importedAt: string;
  /** Newest document date seen: how fresh the data is. */
  newestDocument?: string;
  sources: VulnIndexSource[];
  /** Records per package name; records of `known_not_affected` are dropped on import. */
  packages: Record<string, VulnRecord[]>;
  /** Package names explicitly not affected per CVE, so a lower fixed record of another stream never reports them. */
  notAffected: Record<string, string[]>;
}

export interface Evr {
  epoch: number;
  version: string;
  release: string;
}

export type EvrCompare = (a: Evr, b: Evr) => number;

export function emptyIndex(now: Date): VulnIndex {
  return { version: 1, importedAt: now.toISOString(), sources: [], packages: {}, notAffected: {} };
}

/** `1:1.1.1k-9.el8_7` → {epoch 1, version 1.1.1k, release 9.el8_7}. */
export function parseEvr(text: string): Evr | undefined {
  const m = /^(?:(\d+):)?([^-:\s]+)-([^-:\s]+)$/.exec(text.trim());
  if (!m) return undefined;
  return { epoch: m[1] ? Number(m[1]) : 0, version: m[2]!, release: m[3]! };
}

export function formatEvr(evr: Evr): string {
  return `${evr.epoch ? `${evr.epoch}:` : ''}${evr.version}-${evr.release}`;
}

/** `.el8_7` → 8: fixes for another RHEL major must not be compared with this one's packages. */
export function rhelMajor(release: string): number | undefined {
  const m = /\.el(\d+)/.exec(release);
  return m ? Number(m[1]) : undefined;
}

/**
 * Package and CVE names are data from downloaded files and scanned images: `constructor` or
 * `__proto__` must be an entry like any other, never Object.prototype's member.
 */
function ownList<T>(map: Record<string, T[]>, key: string): T[] | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

function listFor<T>(map: Record<string, T[]>, key: string): T[] {
  const existing = ownList(map, key);
  if (existing) return existing;
  const list: T[] = [];
  // defineProperty, not assignment: `map['__proto__'] = list` would replace the prototype instead.
  Object.defineProperty(map, key, { value: list, enumerable: true, writable: true, configurable: true });
  return list;
}

export function addRecord(index: VulnIndex, pkg: string, record: VulnRecord): void {
  const list = listFor(index.packages, pkg);
  if (list.some((r) => r.cve === record.cve && r.state === record.state && r.fixed === record.fixed)) return;
  list.push(record);
}

export function addNotAffected(index: VulnIndex, cve: string, pkg: string): void {
  const list = listFor(index.notAffected, cve);
  if (!list.includes(pkg)) list.push(pkg);
}

export function noteDocumentDate(index: VulnIndex, date: string | undefined): void {
  if (!date || Number.isNaN(Date.parse(date))) return;
  if (!index.newestDocument || Date.parse(date) > Date.parse(index.newestDocument)) index.newestDocument = new Date(date).toISOString();
}

export function mergeIndex(into: VulnIndex, from: VulnIndex): void {
  for (const [pkg, records] of Object.entries(from.packages)) for (const r of records) addRecord(into, pkg, r);
  for (const [cve, pkgs] of Object.entries(from.notAffected)) for (const p of pkgs) addNotAffected(into, cve, p);
  into.sources.push(...from.sources);
  noteDocumentDate(into, from.newestDocument);
}

export interface InstalledPackage {
  name: string;
  epoch?: number;
  version: string;
  release: string;
}

/**
 * Installed RPMs against the index: `fixed` with a newer fixed EVR → vulnerable; `affected` →
 * reported; not-affected → never reported. One finding per (CVE, package), the highest fix wins.
 */
export function matchVulnerabilities(installed: readonly InstalledPackage[], index: VulnIndex, compare: EvrCompare): VulnFinding[] {
  const findings = new Map<string, VulnFinding>();
  for (const pkg of installed) {
    const records = ownList(index.packages, pkg.name);
    if (!records) continue;
    const have: Evr = { epoch: pkg.epoch ?? 0, version: pkg.version, release: pkg.release };
    const major = rhelMajor(pkg.release);
    for (const r of records) {
      if (ownList(index.notAffected, r.cve)?.includes(pkg.name)) continue;
      let vulnerable = r.state === 'affected';
      if (r.state === 'fixed') {
        const fixed = r.fixed ? parseEvr(r.fixed) : undefined;
        if (!fixed) continue;
        const fixMajor = rhelMajor(fixed.release);
        if (major !== undefined && fixMajor !== undefined && major !== fixMajor) continue;
        vulnerable = compare(have, fixed) < 0;
      }
      if (!vulnerable) continue;
      const key = `${r.cve}|${pkg.name}`;
      const prior = findings.get(key);
      if (prior?.fixed && r.fixed) {
        const a = parseEvr(prior.fixed);
        const b = parseEvr(r.fixed);
        if (a && b && compare(a, b) >= 0) continue;
      }
      findings.set(key, {
        cve: r.cve,
        packageName: pkg.name,
        installed: formatEvr(have),
        severity: r.severity,
        state: r.state,
        ...(r.fixed ? { fixed: r.fixed } : {}),
        ...(r.advisory ? { advisory: r.advisory } : {}),
        ...(r.released ? { released: r.released } : {}),
      });
    }
  }
  const order: Record<string, number> = { Critical: 0, Important: 1, Moderate: 2, Low: 3, Unknown: 4 };
  return [...findings.values()].sort((a, b) => (order[a.severity] ?? 9) - (order[b.severity] ?? 9) || a.cve.localeCompare(b.cve));
}

export function normalizeSeverity(text: unknown): Severity {
  // Only a string says a severity; anything else in a hostile document (an object without toString, say) is Unknown.
  const t = typeof text === 'string' ? text.trim().toLowerCase() : '';
  if (t === 'critical') return 'Critical';
  if (t === 'important' || t === 'high') return 'Important';
  if (t === 'moderate' || t === 'medium') return 'Moderate';
  if (t === 'low') return 'Low';
  return 'Unknown';
}
