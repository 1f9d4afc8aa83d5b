import { isValidTag, parseReference, tagViolations } from '@shared/images/tag-rules';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { Exit } from '../cli-context';
import { CliUsageError } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';
import { imageEventPrinter, reportJobError } from './push-command';

export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'Build an image from a context folder (honours .dockerignore, never sends .git or private keys)',
  usage: 'certdesk build CONTEXT [-f DOCKERFILE] -t NAME:TAG [--build-arg K=V]... [--target STAGE] [--no-cache] [--pull] [--project PROJECT] [--format text|json]',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, {
      format: { type: 'string' },
      file: { type: 'string', short: 'f' },
      tag: { type: 'string', short: 't', multiple: true },
      'build-arg': { type: 'string', multiple: true },
      target: { type: 'string' },
      'no-cache': { type: 'boolean' },
      pull: { type: 'boolean' },
      project: { type: 'string' },
    });
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    if (positionals.length !== 1) throw new CliUsageError('build takes one CONTEXT folder.');
    const tags = values.tag ?? [];
    if (tags.length === 0) throw new CliUsageError('-t NAME:TAG is required (the portal needs a tag, e.g. my-plugin:1.0-1).');
    for (const tag of tags) {
      const ref = parseReference(tag);
      const t = ref.ok ? ref.ref.tag : undefined;
      if (!ref.ok || !t || !isValidTag(t)) {
        const why = !ref.ok ? ref.error : !t ? 'it has no :TAG' : tagViolations(t).map((v) => v.message).join(' ');
        return reportJobError(ctx, new AppError(ErrorCode.InvalidTag, `Invalid tag "${tag}": ${why}`, { hint: 'Tags: letters, digits, "_", "." and "-", not starting with "." or "-", at most 32 characters (e.g. 1.0-1).' }), format);
      }
    }
    const buildArgs: Record<string, string> = {};
    for (const pair of values['build-arg'] ?? []) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new CliUsageError(`--build-arg ${pair}: use KEY=VALUE.`);
      buildArgs[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    try {
      const inspection = await ctx.call('build.inspectContext', { contextDir: positionals[0] as string, ...(values.file ? { dockerfile: values.file } : {}) });
      if (format === 'text') ctx.io.stderr.write(`Context: ${inspection.files} files, ${(inspection.bytes / 1024 / 1024).toFixed(1)} MiB, ${inspection.excludedCount} left out.\n`);
      const result = await ctx.run(
        'build.start',
        {
          contextDir: positionals[0] as string,
          tags,
          buildArgs,
          noCache: values['no-cache'] ?? false,
          pull: values.pull ?? false,
          ...(values.file ? { dockerfile: values.file } : {}),
          ...(values.target ? { target: values.target } : {}),
          ...(values.project ? { projectId: values.project } : {}),
        },
        imageEventPrinter(ctx, format),
      );
      if (format === 'json') writeJson(ctx, { ok: true, ...result });
      else ctx.io.stdout.write(`Built ${result.imageId} as ${result.tags.join(', ')} on ${result.engineHost} (log ${result.logId}).\n`);
      return Exit.Ok;
    } catch (err) {
      return reportJobError(ctx, err, format);
    }
  },
};
