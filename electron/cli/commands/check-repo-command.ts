import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { RepoCheckResult } from '@shared/contract/secrets';
import { CliUsageError, Exit } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';

/** Refusals are a failed check (1); a host that can't be reached is a runtime error (2). */
const FAILED_CODES: ReadonlySet<string> = new Set([
  ErrorCode.RepoKeyRefused,
  ErrorCode.RepoNotFound,
  ErrorCode.RepoHostKeyChanged,
  ErrorCode.RepoHostKeyUnknown,
]);

export const checkRepoCommand: CliCommand = {
  name: 'check-repo',
  summary: 'Check that a deploy key can read a repository (SSH), or classify a public HTTPS URL',
  usage: 'certdesk check-repo URL [--key ID] [--accept-new-host-key] [--dockerfile PATH] [--project PROJECT] [--format text|json]',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, {
      key: { type: 'string' },
      'accept-new-host-key': { type: 'boolean' },
      dockerfile: { type: 'string' },
      project: { type: 'string' },
      format: { type: 'string' },
    });
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    if (positionals.length !== 1) throw new CliUsageError('Give exactly one repository URL.');
    try {
      const result = await ctx.call('repo.check', {
        url: positionals[0] as string,
        acceptNewHostKey: values['accept-new-host-key'] === true,
        ...(values.key ? { keyId: values.key } : {}),
        ...(values.dockerfile ? { dockerfile: values.dockerfile } : {}),
        ...(values.project ? { projectId: values.project } : {}),
      });
      if (format === 'json') writeJson(ctx, { ok: true, result });
      else ctx.io.stdout.write(describe(result));
      return Exit.Ok;
    } catch (err) {
      if (!(err instanceof AppError) || !FAILED_CODES.has(err.code)) throw err;
      if (format === 'json') writeJson(ctx, { ok: false, error: err.toShape() });
      else ctx.io.stderr.write(`${err.message}\n${err.hint ? `${err.hint}\n` : ''}`);
      return Exit.Failed;
    }
  },
};

function describe(r: RepoCheckResult): string {
  const lines = [r.summary, r.guidance];
  if (r.hostKey) lines.push(`Host key: ${r.hostKey.algorithm} ${r.hostKey.fingerprint}${r.hostKey.status === 'added' ? ' (new, remembered)' : ''}`);
  if (r.branchNames && r.branchNames.length > 0) lines.push(`Branches: ${r.branchNames.join(', ')}`);
  if (r.dockerfile) lines.push(r.dockerfile.checked ? `${r.dockerfile.path}: ${r.dockerfile.exists ? 'present' : 'MISSING'}` : `${r.dockerfile.path}: ${r.dockerfile.reason}`);
  return `${lines.join('\n')}\n`;
}
