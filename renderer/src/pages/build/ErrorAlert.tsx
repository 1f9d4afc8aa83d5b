import { Alert } from '@patternfly/react-core';
import type { AppErrorShape } from '@shared/contract/error-codes';

/** What happened and what to do next: every failure on this page is shown this way. */
export function ErrorAlert({ error, title, testId }: { error: AppErrorShape; title?: string; testId?: string }) {
  return (
    <Alert variant={error.code === 'CANCELLED' ? 'info' : 'danger'} isInline title={title ?? error.message} data-testid={testId} style={{ marginTop: 8 }}>
      {title && <p>{error.message}</p>}
      {error.hint && <p>{error.hint}</p>}
    </Alert>
  );
}
