import type { LintDiagnostic, LintReport } from '../contract/lint';
import { REQUIREMENT_GUIDE } from './requirement-guide';

/** SARIF 2.1.0, the format code-scanning tools (GitHub, GitLab, IDEs) read. */
export function toSarif(file: string, report: LintReport, toolVersion: string): Record<string, unknown> {
  const ruleIds = [...new Set(report.diagnostics.map((d) => d.rule))].sort();
  const first = new Map<string, LintDiagnostic>();
  for (const d of report.diagnostics) if (!first.has(d.rule)) first.set(d.rule, d);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'certdesk-lint',
            version: toolVersion,
            informationUri: 'https://access.redhat.com/documentation/en-us/red_hat_software_certification',
            rules: ruleIds.map((id) => {
              const d = first.get(id) as LintDiagnostic;
              return {
                id,
                name: id,
                shortDescription: { text: REQUIREMENT_GUIDE[d.requirement].title },
                fullDescription: { text: REQUIREMENT_GUIDE[d.requirement].explanation },
                helpUri: d.link,
                properties: { requirement: d.requirement },
              };
            }),
          },
        },
        results: report.diagnostics.map((d) => ({
          ruleId: d.rule,
          ruleIndex: ruleIds.indexOf(d.rule),
          level: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note',
          message: { text: d.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: toFileUri(file) }, region: { startLine: d.line, endLine: d.endLine } } }],
          properties: { requirement: d.requirement },
        })),
      },
    ],
  };
}

function toFileUri(path: string): string {
  const normalized = path.replace(/\\/g, '/');
  const encoded = normalized.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(normalized)) return `file:///${encoded.replace('%3A', ':')}`;
  return normalized.startsWith('/') ? `file://${encoded}` : encoded;
}
