import { useState } from 'react';
import { Button, Card, CardBody, CardTitle } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { SecretInfo } from '@shared/contract/secrets';
import { ConfirmDangerModal } from '../../components/ConfirmDangerModal';

/** Names, fingerprints and dates; the renderer never receives a value. */
export function SecretsTable({ secrets, onDelete }: { secrets: SecretInfo[]; onDelete: (secret: SecretInfo) => Promise<void> }) {
  const [confirming, setConfirming] = useState<SecretInfo>();
  return (
    <Card isCompact>
      <CardTitle component="h2">Stored secrets</CardTitle>
      <CardBody>
        {secrets.length === 0 ? (
          <p>No secrets stored yet.</p>
        ) : (
          <Table aria-label="Stored secrets" variant="compact">
            <Thead>
              <Tr>
                <Th>Name</Th>
                <Th>Fingerprint</Th>
                <Th>Stored in</Th>
                <Th>Created</Th>
                <Th>Updated</Th>
                <Th screenReaderText="Actions" />
              </Tr>
            </Thead>
            <Tbody>
              {secrets.map((s) => (
                <Tr key={s.name}>
                  <Td dataLabel="Name">{s.name}</Td>
                  <Td dataLabel="Fingerprint">
                    <code>{s.fingerprint}</code>
                  </Td>
                  <Td dataLabel="Stored in">{s.storage === 'session' ? 'memory (this session)' : 'keychain'}</Td>
                  <Td dataLabel="Created">{new Date(s.createdAt).toLocaleString()}</Td>
                  <Td dataLabel="Updated">{new Date(s.updatedAt).toLocaleString()}</Td>
                  <Td dataLabel="Actions">
                    <Button variant="link" isDanger aria-label={`Delete ${s.name}`} onClick={() => setConfirming(s)}>
                      Delete
                    </Button>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
      <ConfirmDangerModal item={confirming} id="delete-secret-title" title="Delete this secret?" confirmLabel="Delete" onConfirm={(target) => void onDelete(target)} onClose={() => setConfirming(undefined)}>
          {confirming?.name} is removed from the keychain. A deploy key that is still registered with the build service stops working there
          only when you replace it in the portal.
        </ConfirmDangerModal>
    </Card>
  );
}
