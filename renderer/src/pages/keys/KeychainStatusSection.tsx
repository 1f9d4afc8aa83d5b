import { Alert, Button, Card, CardBody, CardTitle, Label } from '@patternfly/react-core';
import type { KeychainStatus } from '@shared/contract/secrets';

const BACKEND_NAMES: Record<KeychainStatus['backend'], string> = {
  'macos-keychain': 'macOS Keychain',
  'windows-credential-manager': 'Windows Credential Manager',
  'secret-service': 'Secret Service (GNOME Keyring / KWallet)',
  unknown: 'no known keychain',
};

export function KeychainStatusSection({ status, onSessionMemory }: { status: KeychainStatus | undefined; onSessionMemory: (enable: boolean) => void }) {
  if (!status) return null;
  return (
    <Card isCompact>
      <CardTitle component="h2">Where secrets are kept</CardTitle>
      <CardBody>
        {status.available ? (
          <Label color="green" aria-label="Keychain available">
            {BACKEND_NAMES[status.backend]}: available
          </Label>
        ) : (
          <Alert variant="warning" isInline title={status.reason === 'locked' ? `${BACKEND_NAMES[status.backend]} is locked` : `${BACKEND_NAMES[status.backend]} is not available`} data-testid="keychain-unavailable">
            <p>{status.message}</p>
            {status.hint ? <p>{status.hint}</p> : null}
            <p>CertDesk never writes a secret to a file. Until the keychain works, it can keep secrets in memory until it quits.</p>
            {status.sessionMemory ? (
              <Button variant="link" isInline onClick={() => onSessionMemory(false)}>
                Stop keeping secrets in memory (forgets them now)
              </Button>
            ) : (
              <Button variant="secondary" onClick={() => onSessionMemory(true)}>
                Keep secrets in memory for this session
              </Button>
            )}
          </Alert>
        )}
        {status.sessionMemory ? (
          <Label color="orange" aria-label="Session memory on">
            Secrets stored now are kept in memory only and are lost when CertDesk quits
          </Label>
        ) : null}
      </CardBody>
    </Card>
  );
}
