import { resolve } from 'node:path';
import type { LintDiagnostic, LintFileResult } from '@shared/contract/lint';
import { toSarif } from '@shared/lint/sarif';
import { Exit } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';

const TOOL_VERSION = '0.1.0';

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'Check a Dockerfile against the Red Hat container certification requirements',
  usage: 'certdesk lint [DOCKERFILE] [--context DIR] [--project PROJECT] [--format text|json|sarif]',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, { context: { type: 'string' }, project: { type: 'string' }, format: { type: 'string' } });
    const format = formatOption(values.format, ['text', 'json', 'sarif'] as const, 'text');
    if (positionals.length > 1) {
      ctx.io.stderr.write(`certdesk: lint takes one Dockerfile, got ${positionals.length}.\nUsage: ${this.usage}\n`);
      return Exit.Error;
    }
    // Paths are the user's, relative to where they ran the command; the service sees absolute ones.
    const path = resolve(positionals[0] ?? 'Dockerfile');
    const result: LintFileResult = await ctx.call('lint.file', {
      path,
      ...(typeof values.context === 'string' ? { contextDir: resolve(values.context) } : {}),
      // The result becomes the project's evidence (checklist, wizard), like a check made in the app.
      ...(typeof values.project === 'string' ? { projectId: values.project } : {}),
    });
    const { report } = result;
    if (format === 'json') {
      writeJson(ctx, {
        file: result.file,
        passed: report.passed,
        diagnostics: report.diagnostics.map((d) => ({
          rule: d.rule,
          requirement: d.requirement,
          severity: d.severity,
          message: d.message,
          line: d.line,
          endLine: d.endLine,
          link: d.link,
          ...(d.fix ? { fix: d.fix } : {}),
        })),
      });
    } else if (format === 'sarif') {
      writeJson(ctx, toSarif(result.file, report, TOOL_VERSION));
    } else {
      ctx.io.stdout.write(describe(result, ctx.io.color));
    }
    return report.passed ? Exit.Ok : Exit.Failed;
  },
};

function describe(result: LintFileResult, color: boolean): string {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const tone: Record<LintDiagnostic['severity'], string> = { error: '31', warning: '33', info: '36' };
  const lines = result.report.diagnostics.map(
    (d) => `${result.file}:${d.line}${d.endLine !== d.line ? `-${d.endLine}` : ''}  ${paint(tone[d.severity], d.severity.padEnd(7))} ${d.message}  [${d.rule}]${d.fix ? ' (fix available in the app)' : ''}`,
  );
  const counts = (['error', 'warning', 'info'] as const).map((s) => `${result.report.diagnostics.filter((d) => d.severity === s).length} ${s}${s === 'info' ? '' : 's'}`);
  const verdict = result.report.passed ? paint('32', 'passed') : paint('31', 'failed');
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${verdict}: ${counts.join(', ')}\n`;
}
