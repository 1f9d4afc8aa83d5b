import type { scanCalls } from '@shared/contract/scan';
import { formatBytes } from '../../services/scan/scan-service';
import type { Services } from '../../services/create-services';
import { recordQuietly } from '../../services/projects/record-evidence';
import type { HandlersFor } from '../register';

export function scanHandlers(services: Services): HandlersFor<typeof scanCalls> {
  return {
    'scan.start': (input, ctx) => {
      const label = input.source.kind === 'engine' ? input.source.ref : input.source.path;
      const { operationId } = services.operations.start('scan', `Scan ${label}`, ctx.emit, async (op) => {
        const report = await services.scan.scan(
          {
            source: input.source,
            profile: input.profile,
            ...(input.vulnsPath ? { vulnsPath: input.vulnsPath } : {}),
            ...(input.projectId ? { projectId: input.projectId } : {}),
          },
          { signal: op.signal, progress: (p) => op.progress(p), log: (line) => op.log(line) },
        );
        op.log(`${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.notEvaluated} not evaluated (${formatBytes(report.bytesRead)} read)`);
        await recordEvidence(services, input.projectId, report);
        return report;
      });
      return { operationId };
    },
    'scan.history': (input) => services.scan.history(input.image),
    'scan.report': (input) => services.scan.report(input.id),
    'scan.export': (input) => services.scan.export(input.id, input.format, input.path),
    'scan.render': async (input) => ({ content: await services.scan.render(input.id, input.format) }),
    'vulns.import': (input, ctx) => {
      const { operationId } = services.operations.start('import-vulns', `Import security data ${input.path}`, ctx.emit, (op) =>
        services.scan.importVulns(
          input.path,
          (p) => op.progress({ message: `${p.files} file(s) read, ${p.skipped} skipped`, stats: { files: p.files, skipped: p.skipped } }),
          op.signal,
        ),
      );
      return { operationId };
    },
    'vulns.status': () => services.scan.vulns.status(),
  };
}

/** A scan tied to a project leaves evidence for the checklist; a failure to record never fails the scan. */
async function recordEvidence(services: Services, projectId: string | undefined, report: Awaited<ReturnType<Services['scan']['scan']>>): Promise<void> {
  if (!projectId) return;
  const failedChecks = report.checks.filter((c) => c.status === 'failed').map((c) => c.name);
  const grade = report.health && report.health.grade !== 'unknown' ? report.health.grade : undefined;
  await recordQuietly(services.evidence, {
    projectId,
    kind: 'scan',
    subject: report.image,
    passed: report.passed,
    at: report.finishedAt,
    ...(report.imageId ? { digest: report.imageId } : {}),
    ...(report.tags[0] ? { tag: report.tags[0] } : {}),
    summary: `${report.profile}: ${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.notEvaluated} not evaluated${grade ? `; health grade estimate ${grade}` : ''}`,
    data: {
      scanId: report.id,
      // The stored JSON report: the Help page's support-case draft names it as the attachment.
      reportRef: services.scan.reportPath(report.id),
      ...(grade ? { grade } : {}),
      ...(grade && report.health?.unconfirmed ? { gradeUnconfirmed: true } : {}),
      failedChecks: failedChecks.join(',').slice(0, 2000),
      passed: report.summary.passed,
      failed: report.summary.failed,
      notEvaluated: report.summary.notEvaluated,
      layers: report.layerCount,
    },
  });
}
