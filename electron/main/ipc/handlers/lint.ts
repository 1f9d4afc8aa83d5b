import type { lintCalls } from '@shared/contract/lint';
import type { Services } from '../../services/create-services';
import type { HandlersFor } from '../register';

export function lintHandlers(services: Services): HandlersFor<typeof lintCalls> {
  return {
    'lint.file': (input) => services.lint.lintFile(input.path, input.contextDir),
    'lint.text': (input) => services.lint.lintText(input.text, input.contextDir),
    'lint.write': (input) => services.lint.write(input.path, input.text, input.expectedSha256),
    'lint.starter': (input) => services.lint.starter(input),
  };
}
