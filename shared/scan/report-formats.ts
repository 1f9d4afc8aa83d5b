import type { CheckResult, ScanReport } from './scan-model';

/** The report in the formats people feed to other tools: preflight JSON, JUnit, SARIF, HTML, text. */
export type ReportFormat = 'json' | 'junit' | 'sarif' | 'html' | 'text';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'junit', 'sarif', 'html', 'text'];

interface PreflightResult {
  name: string;
  elapsed_time: number;
  description: string;
  help: string;
  suggestion: string;
  knowledgebase_url: string;
  check_url: string;
}

function preflightResult(c: CheckResult): PreflightResult {
  return {
    name: c.name,
    elapsed_time: Math.round(c.elapsedMs),
    description: c.description,
    help: c.help,
    suggestion: c.suggestion,
    knowledgebase_url: c.knowledgebaseUrl,
    check_url: c.checkUrl,
  };
}

/**
 * preflight's shape: `{image, passed, results:{passed,failed,errors,warnings}}`. Not-evaluated
 * checks go to `errors` (preflight's place for checks that could not decide). CertDesk's evidence
 * rides along under `certdesk`, which preflight consumers ignore.
 */
export function toPreflightJson(report: ScanReport): string {
  const by = (status: CheckResult['status']) => report.checks.filter((c) => c.status === status).map(preflightResult);
  return JSON.stringify(
    {
      image: report.image,
      passed: report.passed,
      test_library: { name: 'certdesk', version: '0.1.0' },
      results: { passed: by('passed'), failed: by('failed'), errors: by('not-evaluated'), warnings: [] },
      certdesk: report,
    },
    null,
    2,
  );
}

export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function toJunit(report: ScanReport): string {
  const s = report.summary;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const cases = report.checks.map((c) => {
    const head = `    <testcase classname="${escapeXml(report.profile)}" name="${escapeXml(c.name)}" time="${seconds(c.elapsedMs)}">`;
    const body = [c.description, ...c.evidence, c.evidenceOmitted ? `… ${c.evidenceOmitted} more` : '', `Suggestion: ${c.suggestion}`].filter(Boolean).join('\n');
    if (c.status === 'failed') return `${head}\n      <failure message="${escapeXml(c.evidence[0] ?? c.description)}" type="${escapeXml(c.name)}">${escapeXml(body)}</failure>\n    </testcase>`;
    if (c.status === 'not-evaluated') return `${head}\n      <skipped message="${escapeXml(`not evaluated: ${c.evidence[0] ?? ''}`)}"/>\n    </testcase>`;
    return `${head}\n      <system-out>${escapeXml(body)}</system-out>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="certdesk scan" tests="${report.checks.length}" failures="${s.failed}" skipped="${s.notEvaluated}">`,
    `  <testsuite name="${escapeXml(report.image)}" tests="${report.checks.length}" failures="${s.failed}" errors="0" skipped="${s.notEvaluated}" timestamp="${escapeXml(report.finishedAt)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export function toSarif(report: ScanReport): string {
  const rules = report.checks.map((c) => ({
    id: c.name,
    name: c.name,
    shortDescription: { text: c.description },
    help: { text: c.suggestion },
    helpUri: c.knowledgebaseUrl,
    properties: { source: c.source },
  }));
  const results = report.checks
    .filter((c) => c.status !== 'passed')
    .map((c) => ({
      ruleId: c.name,
      level: c.status === 'failed' ? 'error' : 'note',
      kind: c.status === 'failed' ? 'fail' : 'review',
      message: { text: [c.status === 'failed' ? 'Failed' : 'Not evaluated', ...c.evidence].join(': ').slice(0, 4000) + `\nSuggestion: ${c.suggestion}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(report.image) } } }],
      properties: { evidence: c.evidence },
    }));
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'CertDesk scan', informationUri: 'https://github.com/redhat-openshift-ecosystem/openshift-preflight', version: '0.1.0', rules } }, results }],
    },
    null,
    2,
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const MARK: Record<CheckResult['status'], string> = { passed: '✓', failed: '✗', 'not-evaluated': '–' };

/** Self-contained: inline style, no script, every value escaped; links only to http(s). */
export function toHtml(report: ScanReport): string {
  const safeUrl = (u: string) => (/^https?:\/\//.test(u) ? escapeHtml(u) : '#');
  const rows = report.checks
    .map(
      (c) => `<tr class="${c.status}"><td class="mark">${MARK[c.status]}</td><td>${escapeHtml(c.name)}</td><td>${escapeHtml(c.status)}</td><td><details><summary>${escapeHtml(c.description)}</summary><ul>${c.evidence
        .map((e) => `<li>${escapeHtml(e)}</li>`)
        .join('')}${c.evidenceOmitted ? `<li>… ${c.evidenceOmitted} more</li>` : ''}</ul>${(c.warnings ?? []).map((w) => `<p class="warn">${escapeHtml(w)}</p>`).join('')}<p>Suggestion: ${escapeHtml(c.suggestion)}</p><p>Source: ${escapeHtml(c.source)} · <a href="${safeUrl(c.knowledgebaseUrl)}">policy guide</a></p></details></td></tr>`,
    )
    .join('\n');
  const health = report.health
    ? `<p>Health grade estimate: <strong>${escapeHtml(report.health.grade)}</strong> — ${escapeHtml(report.health.rule)}</p>`
    : '';
  const findings = report.vulnerabilities?.findings.length
    ? `<h2>Vulnerabilities</h2><table><tr><th>CVE</th><th>Severity</th><th>Package</th><th>Installed</th><th>Fixed in</th><th>Advisory</th></tr>${report.vulnerabilities.findings
        .map((f) => `<tr><td>${escapeHtml(f.cve)}</td><td>${escapeHtml(f.severity)}</td><td>${escapeHtml(f.packageName)}</td><td>${escapeHtml(f.installed)}</td><td>${escapeHtml(f.fixed ?? '—')}</td><td>${escapeHtml(f.advisory ?? '')}</td></tr>`)
        .join('')}</table>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>CertDesk scan: ${escapeHtml(report.image)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}.mark{font-size:1.2em;text-align:center}.passed .mark{color:#3e8635}.failed .mark{color:#c9190b}.warn{color:#795600}</style></head>
<body><h1>Scan of ${escapeHtml(report.image)}</h1>
<p>Profile ${escapeHtml(report.profile)} · ${report.passed ? 'all assessments passed' : 'not all assessments passed'} · ${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.notEvaluated} not evaluated · ${escapeHtml(report.finishedAt)}</p>
${health}
<table><tr><th></th><th>Assessment</th><th>Result</th><th>Details</th></tr>
${rows}
</table>
${findings}
</body></html>
`;
}

export function toText(report: ScanReport, color = false): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const mark = (c: CheckResult) => (c.status === 'passed' ? paint('32', '✓') : c.status === 'failed' ? paint('31', '✗') : paint('33', '–'));
  const lines = [`Scan of ${report.image} (${report.profile}, ${report.layerCount} layers)`, ''];
  for (const c of report.checks) {
    lines.push(`${mark(c)} ${c.name}${c.status === 'not-evaluated' ? ' (not evaluated)' : ''}`);
    if (c.status !== 'passed') {
      for (const e of c.evidence) lines.push(`    ${e}`);
      if (c.evidenceOmitted) lines.push(`    … ${c.evidenceOmitted} more`);
      lines.push(`    → ${c.suggestion}`);
    }
    for (const w of c.warnings ?? []) lines.push(`    warning: ${w}`);
  }
  if (report.health) lines.push('', `Health grade estimate: ${report.health.grade}${report.health.unconfirmed ? ' (E/F limits unconfirmed)' : ''}`);
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  const s = report.summary;
  lines.push('', `${s.passed} passed, ${s.failed} failed, ${s.notEvaluated} not evaluated.`, '');
  return lines.join('\n');
}

export function renderReport(report: ScanReport, format: ReportFormat, color = false): string {
  switch (format) {
    case 'json':
      return toPreflightJson(report);
    case 'junit':
      return toJunit(report);
    case 'sarif':
      return toSarif(report);
    case 'html':
      return toHtml(report);
    case 'text':
      return toText(report, color);
  }
}
