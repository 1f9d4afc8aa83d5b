import { Button, Card, CardBody, CardTitle, Flex, FlexItem, FormGroup, Label, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { ErrorCode, type AppErrorShape } from '@shared/contract/error-codes';
import { certdesk } from '../../ipc/certdesk';
import { useCall } from '../../ipc/use-call';
import { ErrorAlert } from './ErrorAlert';

/** The engine every job on this page runs on, and a way to pick another (e.g. ssh://user@build-host). */
export function EngineSection() {
  const status = useCall(() => certdesk.engine.status({}), { pollMs: 5000 });
  const [host, setHost] = useState('');
  const [error, setError] = useState<AppErrorShape>();
  const s = status.data;
  const use = async (value: string | null, acceptNewHostKey = false) => {
    const r = await certdesk.engine.setHost({ host: value, acceptNewHostKey });
    setError(r.ok ? undefined : r.error);
    status.reload();
  };
  return (
    <Card isCompact>
      <CardTitle>Engine</CardTitle>
      <CardBody>
        {s?.reachable ? (
          <Label color="green" aria-label="Active engine" data-testid="active-engine">
            {s.info.host} ({s.info.product} {s.info.serverVersion})
          </Label>
        ) : (
          <Label color="orange" aria-label="Active engine" data-testid="active-engine">
            {s ? 'No engine answered — see the Engine page' : 'Looking for an engine…'}
          </Label>
        )}
        <Flex style={{ marginTop: 8 }} alignItems={{ default: 'alignItemsFlexEnd' }}>
          <FlexItem grow={{ default: 'grow' }}>
            <FormGroup label="Use another engine" fieldId="engine-host">
              <TextInput id="engine-host" value={host} onChange={(_e, v) => setHost(v)} placeholder="ssh://user@build-host or unix:///run/user/1000/podman/podman.sock" />
            </FormGroup>
          </FlexItem>
          <FlexItem>
            <Button variant="secondary" isDisabled={host.trim() === ''} onClick={() => void use(host.trim())}>
              Use this engine
            </Button>{' '}
            <Button variant="link" onClick={() => void use(null)}>
              Back to automatic
            </Button>
          </FlexItem>
        </Flex>
        {error && <ErrorAlert error={error} />}
        {error?.code === ErrorCode.RepoHostKeyUnknown && (
          // First contact with a build host: trust on first use, only when the user says so (fingerprint shown above).
          <Button variant="secondary" onClick={() => void use(host.trim(), true)}>
            Trust this host key and use the engine
          </Button>
        )}
      </CardBody>
    </Card>
  );
}
