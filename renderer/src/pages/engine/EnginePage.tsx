import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  List,
  ListItem,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { certdesk } from '../../ipc/certdesk';
import { useCall } from '../../ipc/use-call';
import { EngineChooser } from './EngineChooser';

/** Polls while open, so the page recovers by itself when an engine comes up (or notices it going away). */
const POLL_MS = 2000;
/** A remote engine costs an SSH handshake per status call: ask less often. */
const REMOTE_POLL_MS = 10_000;
const CHOSEN = 'chosen in CertDesk';

export function EnginePage() {
  const [remote, setRemote] = useState(false);
  const status = useCall(() => certdesk.engine.status({}), { pollMs: remote ? REMOTE_POLL_MS : POLL_MS });
  const s = status.data;
  const isRemote = s?.reachable === true && s.info.host.startsWith('ssh://');
  useEffect(() => setRemote(isRemote), [isRemote]);
  // The chosen engine is the first candidate and is tried alone; a connected one says so by its source.
  const chosen = s?.reachable ? (s.info.source === CHOSEN ? s.info.host : undefined) : s?.attempts.find((a) => a.source === CHOSEN)?.host;
  return (
    <PageSection aria-labelledby="engine-title">
      <Title headingLevel="h1" id="engine-title">
        Container engine
      </Title>
      {status.loading && !s && <Spinner size="lg" aria-label="Looking for a container engine" />}
      {status.error && (
        <Alert variant="danger" isInline title="CertDesk could not ask for the engine status">
          {status.error.message}
        </Alert>
      )}
      {s && !s.reachable && (
        <Alert variant="warning" isInline title={chosen ? 'The chosen engine did not answer' : 'No container engine answered'} data-testid="engine-unreachable">
          {chosen && <p>{s.message}</p>}
          <p>{s.hint}</p>
          <p>{chosen ? 'Engines:' : 'Tried, in this order:'}</p>
          <List>
            {s.attempts.map((a) => (
              <ListItem key={a.host}>
                <code>{a.host}</code> ({a.source}): {a.error}
              </ListItem>
            ))}
          </List>
          <p>This page checks again every few seconds.</p>
        </Alert>
      )}
      {s?.reachable && (
        <>
          <Label color="green" aria-label="Engine connected">
            Connected
          </Label>{' '}
          <Label color={chosen ? 'blue' : 'grey'} aria-label="Active engine" data-testid="engine-active-host">
            {chosen ? 'Chosen in CertDesk' : 'Found automatically'}
          </Label>
          <DescriptionList isHorizontal aria-label="Engine details" style={{ marginTop: 16 }}>
            <Row term="Engine" value={`${s.info.product} ${s.info.serverVersion}`} testId="engine-version" />
            <Row term="API version" value={s.info.apiVersion} />
            <Row term="Host" value={`${s.info.host} (${s.info.source})`} testId="engine-host-row" />
            <Row term="OS / architecture" value={`${s.info.os} / ${s.info.arch}`} />
            <Row term="Kernel" value={s.info.kernelVersion} />
            <Row term="Storage driver" value={s.info.storageDriver} />
            <Row term="Rootless" value={s.info.rootless ? 'yes' : 'no'} />
            <Row term="Images / containers" value={`${s.info.images} / ${s.info.containers}`} />
          </DescriptionList>
        </>
      )}
      <Button variant="secondary" onClick={() => void certdesk.engine.reconnect({}).then(() => status.reload())} style={{ marginTop: 16 }}>
        Look for an engine again
      </Button>
      <EngineChooser chosen={chosen} onChanged={() => status.reload()} />
    </PageSection>
  );
}

function Row({ term, value, testId }: { term: string; value: string; testId?: string }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription data-testid={testId}>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}
