import { ActionGroup, Alert, Button, Checkbox, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import type { EngineStatus } from '@shared/contract/engine';
import type { AppErrorShape } from '@shared/contract/error-codes';
import { certdesk } from '../../ipc/certdesk';

/**
 * Choose the engine (unix://, tcp://, ssh://user@build-host) or go back to automatic discovery.
 * An ssh:// host key is never trusted silently: an unknown key comes back with its fingerprint and
 * an explicit "Trust this host key" step; a changed key is shown as the refusal it is.
 */
export function EngineChooser({ chosen, onChanged }: { chosen: string | undefined; onChanged: (status: EngineStatus) => void }) {
  const [host, setHost] = useState('');
  const [keyFile, setKeyFile] = useState('');
  const [acceptNewHostKey, setAcceptNewHostKey] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape>();
  const isSsh = host.trim().startsWith('ssh://');

  const apply = async (value: string | null, accept = acceptNewHostKey) => {
    setBusy(true);
    const r = await certdesk.engine.setHost({
      host: value,
      ...(value !== null ? { acceptNewHostKey: accept } : {}),
      ...(value !== null && value.startsWith('ssh://') && keyFile.trim() !== '' ? { sshKeyFile: keyFile.trim() } : {}),
    });
    setBusy(false);
    if (r.ok) {
      setError(undefined);
      setAcceptNewHostKey(false);
      onChanged(r.data);
    } else {
      setError(r.error);
    }
  };

  return (
    <Form
      aria-label="Choose the engine"
      style={{ marginTop: 24, maxWidth: 720 }}
      onSubmit={(e) => {
        e.preventDefault();
        if (host.trim() !== '') void apply(host.trim());
      }}
    >
      <FormGroup label="Engine address" fieldId="engine-page-host">
        <TextInput
          id="engine-page-host"
          value={host}
          onChange={(_e, v) => setHost(v)}
          placeholder="ssh://user@build-host, tcp://host:2376 or unix:///run/user/1000/podman/podman.sock"
        />
        <FormHelperText>
          <HelperText>
            <HelperTextItem>
              {chosen ? `Chosen now: ${chosen} — used alone, never replaced by a local engine.` : 'Now automatic: DOCKER_HOST, then the usual local sockets.'}
            </HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
      {isSsh && (
        <>
          <FormGroup label="SSH private key file (optional)" fieldId="engine-page-key-file">
            <TextInput id="engine-page-key-file" value={keyFile} onChange={(_e, v) => setKeyFile(v)} placeholder="/home/you/.ssh/id_ed25519" />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>Stored in the keychain for this host. Without one, the key already stored there or your SSH agent is used.</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <Checkbox id="engine-page-accept" label="Trust this host key on first use" isChecked={acceptNewHostKey} onChange={(_e, v) => setAcceptNewHostKey(v)} />
        </>
      )}
      <ActionGroup>
        <Button type="submit" variant="primary" isDisabled={busy || host.trim() === ''} isLoading={busy}>
          Use this engine
        </Button>
        <Button variant="secondary" isDisabled={busy || !chosen} onClick={() => void apply(null)}>
          Back to automatic
        </Button>
      </ActionGroup>
      {error && (
        <Alert variant="danger" isInline title={error.message} data-testid="engine-choose-error">
          {error.hint && <p>{error.hint}</p>}
          {error.code === 'REPO_HOST_KEY_UNKNOWN' && (
            <Button variant="secondary" onClick={() => void apply(host.trim(), true)} style={{ marginTop: 8 }}>
              Trust this host key and connect
            </Button>
          )}
        </Alert>
      )}
    </Form>
  );
}
