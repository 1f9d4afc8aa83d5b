import { useState } from 'react';
import { Alert, Button, Card, CardBody, CardTitle } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { AppErrorShape } from '@shared/contract/error-codes';
import type { KnownHostInfo } from '@shared/contract/secrets';
import { certdesk } from '../../ipc/certdesk';
import { ConfirmDangerModal } from '../../components/ConfirmDangerModal';

/**
 * Host keys pinned on first use, by the repository check and the ssh:// engine alike. Forget is the
 * way past a refused, changed key, once the host's owner confirmed the change: the next connection asks again.
 */
export function KnownHostsSection({ hosts, onChanged }: { hosts: KnownHostInfo[]; onChanged: () => void }) {
  const [confirming, setConfirming] = useState<KnownHostInfo>();
  const [error, setError] = useState<AppErrorShape>();
  const forget = async (target: KnownHostInfo) => {
    setError(undefined);
    const answer = await certdesk.repo.forgetHost({ host: target.host, port: target.port });
    if (!answer.ok) setError(answer.error);
    onChanged();
  };
  return (
    <Card isCompact>
      <CardTitle component="h2">Known hosts</CardTitle>
      <CardBody>
        <p>SSH host keys of git hosts and build engines, trusted on first use. A host whose key changes is refused until you forget it here.</p>
        {error ? <Alert variant="danger" isInline title={error.message}>{error.hint}</Alert> : null}
        {hosts.length === 0 ? (
          <p>No known hosts yet.</p>
        ) : (
          <Table aria-label="Known hosts" variant="compact">
            <Thead>
              <Tr>
                <Th>Host</Th>
                <Th>Key</Th>
                <Th>Fingerprint</Th>
                <Th>Trusted since</Th>
                <Th screenReaderText="Actions" />
              </Tr>
            </Thead>
            <Tbody>
              {hosts.map((h) => (
                <Tr key={h.entry}>
                  <Td dataLabel="Host">{h.entry}</Td>
                  <Td dataLabel="Key">{h.algorithm}</Td>
                  <Td dataLabel="Fingerprint">
                    <code>{h.fingerprint}</code>
                  </Td>
                  <Td dataLabel="Trusted since">{new Date(h.addedAt).toLocaleString()}</Td>
                  <Td dataLabel="Actions">
                    <Button variant="link" isDanger aria-label={`Forget ${h.entry}`} onClick={() => setConfirming(h)}>
                      Forget
                    </Button>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
      <ConfirmDangerModal item={confirming} id="forget-host-title" title="Forget this host key?" confirmLabel="Forget" onConfirm={(target) => void forget(target)} onClose={() => setConfirming(undefined)}>
          CertDesk forgets the {confirming?.algorithm} key {confirming?.fingerprint} of {confirming?.entry}. The next connection shows the key the
          host offers and asks before trusting it. Do this only after the host's owner confirmed that its key changed on purpose.
        </ConfirmDangerModal>
    </Card>
  );
}
