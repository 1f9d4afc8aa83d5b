import type { HealthGradeEstimate, VulnFinding } from './scan-model';

/**
 * Container Health Index estimate (REFERENCE.md): the grade follows the oldest unapplied errata
 * rated Critical or Important; Moderate and Low never count. E/F limits are not published precisely.
 */
const DAY_MS = 86_400_000;
const RULE =
  'A: no unapplied Critical/Important errata. B: Critical ≤ 7 days, Important ≤ 30 days. C: Critical ≤ 30, Important ≤ 90. ' +
  'D: Critical ≤ 90, Important ≤ 12 months. E/F: older (exact E/F limits unconfirmed).';

export function estimateHealthGrade(findings: readonly VulnFinding[], now: Date): HealthGradeEstimate {
  const ageOf = (severity: VulnFinding['severity']) => {
    let oldest: number | undefined;
    for (const f of findings) {
      // Only errata that exist (a fixed version) are "unapplied errata".
      if (f.severity !== severity || f.state !== 'fixed' || !f.released) continue;
      const t = Date.parse(f.released);
      if (Number.isNaN(t)) continue;
      const days = Math.max(0, Math.floor((now.getTime() - t) / DAY_MS));
      oldest = oldest === undefined ? days : Math.max(oldest, days);
    }
    return oldest;
  };
  const critical = ageOf('Critical');
  const important = ageOf('Important');
  const base = {
    rule: RULE,
    unconfirmed: false,
    ...(critical !== undefined ? { oldestCriticalDays: critical } : {}),
    ...(important !== undefined ? { oldestImportantDays: important } : {}),
  };
  const within = (c: number, i: number) => (critical ?? 0) <= c && (important ?? 0) <= i;
  if (critical === undefined && important === undefined) return { ...base, grade: 'A' };
  if (within(7, 30)) return { ...base, grade: 'B' };
  if (within(30, 90)) return { ...base, grade: 'C' };
  if (within(90, 365)) return { ...base, grade: 'D' };
  return { ...base, grade: 'E/F', unconfirmed: true };
}
