import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { VulnDataStatus } from '@shared/contract/scan';
import { renderReport, type ReportFormat } from '@shared/scan/report-formats';
import { CliUsageError, Exit } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';

const FORMATS = ['text', 'json', 'junit', 'sarif', 'html'] as const;

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'Pre-certification scan of a local image or image archive (offline, never runs the image)',
  usage: 'certdesk scan IMAGE|ARCHIVE [--profile connect|preflight] [--vulns DIR] [--format text|json|junit|sarif|html] [--output FILE] [--project ID]',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, {
      profile: { type: 'string' },
      vulns: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      project: { type: 'string' },
    });
    if (positionals.length !== 1) throw new CliUsageError('Give exactly one image reference or archive path.');
    const target = positionals[0]!;
    const format: ReportFormat = formatOption(values.format, FORMATS, 'text');
    const profile = formatOption(values.profile, ['connect', 'preflight'] as const, 'connect');
    // A file on disk, or something shaped like a path, is an archive; anything else is an image in the engine.
    const isArchive = (existsSync(target) && statSync(target).isFile()) || /^(\.{0,2}\/|~)|\.(tar|tar\.gz|tgz)$/.test(target);
    const source = isArchive ? { kind: 'archive' as const, path: resolve(target) } : { kind: 'engine' as const, ref: target };
    const showProgress = ctx.io.isTTY && format === 'text' && !values.output;
    const report = await ctx.run(
      'scan.start',
      {
        source,
        profile,
        ...(values.vulns ? { vulnsPath: resolve(values.vulns) } : {}),
        ...(values.project ? { projectId: values.project } : {}),
      },
      (event) => {
        if (showProgress && event.kind === 'progress' && event.message) ctx.io.stderr.write(`\r\u001b[2K${event.message}`);
      },
    );
    if (showProgress) ctx.io.stderr.write('\r\u001b[2K');
    const content = renderReport(report, format, ctx.io.color && !values.output);
    if (values.output) {
      try {
        await writeFile(values.output, content);
      } catch (err) {
        throw new AppError(ErrorCode.FileWriteFailed, `Could not write ${values.output}.`, { cause: err });
      }
      ctx.io.stdout.write(`${report.passed ? 'All assessments passed' : `${report.summary.failed} failed, ${report.summary.notEvaluated} not evaluated`}; report written to ${values.output}\n`);
    } else ctx.io.stdout.write(content.endsWith('\n') ? content : `${content}\n`);
    // 0 only when every assessment passed: a not-evaluated one (no security data) is not a pass.
    return report.passed ? Exit.Ok : Exit.Failed;
  },
};

export const vulnsCommand: CliCommand = {
  name: 'vulns',
  summary: 'Import Red Hat security data (CSAF/VEX JSON, OVAL v2 XML) for offline vulnerability checks',
  usage: 'certdesk vulns import PATH [--format text|json] | certdesk vulns status [--format text|json]',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, { format: { type: 'string' } });
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    const [sub, path] = positionals;
    let status: VulnDataStatus;
    if (sub === 'import' && path && positionals.length === 2) {
      status = await ctx.run('vulns.import', { path: resolve(path) }, (event) => {
        if (ctx.io.isTTY && format === 'text' && event.kind === 'progress' && event.message) ctx.io.stderr.write(`\r\u001b[2K${event.message}`);
      });
      if (ctx.io.isTTY && format === 'text') ctx.io.stderr.write('\r\u001b[2K');
    } else if (sub === 'status' && positionals.length === 1) {
      status = await ctx.call('vulns.status', {});
    } else throw new CliUsageError('Use `certdesk vulns import PATH` or `certdesk vulns status`.');
    if (format === 'json') writeJson(ctx, status);
    else ctx.io.stdout.write(describeVulnData(status));
    return status.imported ? Exit.Ok : Exit.Failed;
  },
};

function describeVulnData(s: VulnDataStatus): string {
  if (!s.imported) return 'No security data imported. Download Red Hat CSAF/VEX files or an OVAL v2 stream, then `certdesk vulns import PATH`.\n';
  const sources = s.sources.map((x) => `  ${x.kind.toUpperCase()}  ${x.file}  (${x.documents} document(s))`).join('\n');
  return [
    `Imported:        ${s.importedAt ?? ''}`,
    `Newest advisory: ${s.newestDocument ?? 'unknown'}${s.ageDays !== undefined ? `  (${s.ageDays} day(s) old)` : ''}`,
    `Records:         ${s.records} for ${s.packages} package(s)`,
    `Sources:\n${sources}`,
    '',
  ].join('\n');
}
