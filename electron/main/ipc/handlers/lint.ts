import type { lintCalls } from '@shared/contract/lint';
import type { Services } from '../../services/create-services';
import { recordQuietly } from '../../services/projects/record-evidence';
import type { HandlersFor } from '../register';

export function lintHandlers(services: Services): HandlersFor<typeof lintCalls> {
  return {
    'lint.file': async (input) => {
      const result = await services.lint.lintFile(input.path, input.contextDir);
      if (input.projectId) {
        const { report } = result;
        const count = (severity: string) => report.diagnostics.filter((d) => d.severity === severity).length;
        await recordQuietly(services.evidence, {
          projectId: input.projectId,
          kind: 'lint',
          subject: result.file,
          passed: report.passed,
          summary: `${report.passed ? 'Passed' : 'Failed'}: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} info`,
          data: { sha256: result.sha256, errors: count('error'), warnings: count('warning'), ...(report.finalBaseImage ? { baseImage: report.finalBaseImage } : {}) },
        });
      }
      return result;
    },
    'lint.text': (input) => services.lint.lintText(input.text, input.contextDir),
    'lint.write': (input) => services.lint.write(input.path, input.text, input.expectedSha256),
    'lint.starter': (input) => services.lint.starter(input),
  };
}
