import { useCallback } from 'react';
import { Alert, Card, CardBody, CardTitle, Grid, GridItem, PageSection, Stack, StackItem, Title } from '@patternfly/react-core';
import { certdesk } from '../../ipc/certdesk';
import { useCall } from '../../ipc/use-call';
import { DeployKeyDetails, GenerateKeyForm, ImportKeyForm } from './DeployKeysSection';
import { KeychainStatusSection } from './KeychainStatusSection';
import { KnownHostsSection } from './KnownHostsSection';
import { RepoCheckSection } from './RepoCheckSection';
import { SecretsTable } from './SecretsTable';

/**
 * Deploy keys for the build service and the keychain they live in. The page sees names,
 * fingerprints, dates and public lines; a private key reaches it only through the explicit export.
 */
export function KeysPage() {
  const status = useCall(() => certdesk.secrets.status({}));
  const secrets = useCall(() => certdesk.secrets.list({}));
  const keys = useCall(() => certdesk.keys.list({}));
  const knownHosts = useCall(() => certdesk.repo.knownHosts({}));
  const reloadAll = useCallback(() => {
    status.reload();
    secrets.reload();
    keys.reload();
    knownHosts.reload();
  }, [status, secrets, keys, knownHosts]);

  return (
    <PageSection>
      <Stack hasGutter>
        <StackItem>
          <Title headingLevel="h1">Keys and secrets</Title>
          <p>
            The build service reads a private repository with an RSA deploy key in PEM form (-----BEGIN RSA PRIVATE KEY-----), made just for the
            project. CertDesk keeps it in your OS keychain.
          </p>
        </StackItem>
        <StackItem>
          <KeychainStatusSection
            status={status.data}
            onSessionMemory={(enable) => void certdesk.secrets.useSessionMemory({ enable }).then(reloadAll)}
          />
          {status.error ? <Alert variant="danger" isInline title={status.error.message} /> : null}
        </StackItem>
        <StackItem>
          <Grid hasGutter md={6}>
            <GridItem>
              <Card isCompact>
                <CardTitle component="h2">Generate a deploy key</CardTitle>
                <CardBody>
                  <GenerateKeyForm onDone={reloadAll} />
                </CardBody>
              </Card>
            </GridItem>
            <GridItem>
              <Card isCompact>
                <CardTitle component="h2">Import a key</CardTitle>
                <CardBody>
                  <ImportKeyForm onDone={reloadAll} />
                </CardBody>
              </Card>
            </GridItem>
          </Grid>
        </StackItem>
        {(keys.data ?? []).map((key) => (
          <StackItem key={key.id}>
            <DeployKeyDetails keyInfo={key} onDeleted={reloadAll} />
          </StackItem>
        ))}
        <StackItem>
          <RepoCheckSection keys={keys.data ?? []} onChecked={knownHosts.reload} />
        </StackItem>
        <StackItem>
          <KnownHostsSection hosts={knownHosts.data ?? []} onChanged={knownHosts.reload} />
          {knownHosts.error ? <Alert variant="danger" isInline title={knownHosts.error.message}>{knownHosts.error.hint}</Alert> : null}
        </StackItem>
        <StackItem>
          <SecretsTable
            secrets={secrets.data ?? []}
            onDelete={async (secret) => {
              await certdesk.secrets.delete({ name: secret.name });
              reloadAll();
            }}
          />
        </StackItem>
      </Stack>
    </PageSection>
  );
}
