import { useState } from 'react';
import { Button, Card, CardBody, CardTitle, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { SecretInfo } from '@shared/contract/secrets';

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
      <Modal isOpen={confirming !== undefined} onClose={() => setConfirming(undefined)} variant="small" aria-labelledby="delete-secret-title">
        <ModalHeader title="Delete this secret?" labelId="delete-secret-title" titleIconVariant="warning" />
        <ModalBody>
          {confirming?.name} is removed from the keychain. A deploy key that is still registered with the build service stops working there
          only when you replace it in the portal.
        </ModalBody>
        <ModalFooter>
          <Button
            variant="danger"
            onClick={() => {
              const target = confirming;
              setConfirming(undefined);
              if (target) void onDelete(target);
            }}
          >
            Delete
          </Button>
          <Button variant="link" onClick={() => setConfirming(undefined)}>
            Cancel
          </Button>
        </ModalFooter>
      </Modal>
    </Card>
  );
}
