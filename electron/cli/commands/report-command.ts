import { writeFileSync } from 'node:fs';
import { CliUsageError, Exit } from '../cli-context';
import { formatOption, parseCommandArgs, type CliCommand } from '../cli-command';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Export a project’s status report (checklist, images, scans, pending steps)',
  usage: 'certdesk report --project P [--format md|html|pdf] [--output FILE]',
  async run(argv, ctx) {
    const { values } = parseCommandArgs(argv, { project: { type: 'string' }, format: { type: 'string' }, output: { type: 'string' } }, false);
    if (!values.project) throw new CliUsageError('--project is required (a project id or name; see `certdesk project list`).');
    const format = formatOption(values.format, ['md', 'html', 'pdf'] as const, 'md');
    if (format === 'pdf') {
      const { path, bytes } = await ctx.call('report.pdf', { projectId: values.project, ...(values.output ? { outputPath: values.output } : {}) });
      ctx.io.stdout.write(`Wrote ${path} (${bytes} bytes).\n`);
      return Exit.Ok;
    }
    const report = await ctx.call('report.render', { projectId: values.project, format });
    if (values.output) {
      writeFileSync(values.output, report.content);
      ctx.io.stdout.write(`Wrote ${values.output}.\n`);
    } else ctx.io.stdout.write(report.content);
    return Exit.Ok;
  },
};
