import { useState } from 'react';
import {
  ActionGroup, Alert, Button, Card, CardBody, CardTitle, ClipboardCopy, DescriptionList, DescriptionListDescription,
  DescriptionListGroup, DescriptionListTerm, Form, FormGroup, FormSelect, FormSelectOption, Progress, TextArea, TextInput,
} from '@patternfly/react-core';
import type { AppErrorShape } from '@shared/contract/error-codes';
import type { DeployKeyInfo } from '@shared/contract/secrets';
import { certdesk } from '../../ipc/certdesk';
import { runOperation } from '../../ipc/run-operation';

export function ErrorAlert({ error, title }: { error: AppErrorShape | undefined; title?: string }) {
  if (!error) return null;
  return (
    <Alert variant="danger" isInline title={title ?? error.message} data-testid="keys-error">
      {title ? <p>{error.message}</p> : null}
      {error.hint ? <p>{error.hint}</p> : null}
    </Alert>
  );
}

export function GenerateKeyForm({ onDone }: { onDone: (key: DeployKeyInfo) => void }) {
  const [project, setProject] = useState('');
  const [bits, setBits] = useState<4096 | 3072>(4096);
  const [running, setRunning] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<AppErrorShape>();
  const generate = async () => {
    setRunning(true);
    setError(undefined);
    setMessage('Starting…');
    const result = await runOperation<DeployKeyInfo>(
      () => certdesk.keys.generate({ project: project.trim(), bits }),
      (event) => {
        if (event.kind === 'progress' && event.message) setMessage(event.message);
      },
    );
    setRunning(false);
    if (result.ok) onDone(result.data);
    else setError(result.error);
  };
  return (
    <Form onSubmit={(e) => { e.preventDefault(); void generate(); }} aria-label="Generate a deploy key">
      <FormGroup label="Project" fieldId="keygen-project" isRequired>
        <TextInput id="keygen-project" value={project} onChange={(_e, v) => setProject(v)} isRequired aria-describedby="keygen-project-help" />
        <div id="keygen-project-help" className="pf-v6-u-font-size-sm">Letters, digits, dot, underscore and dash. A key made just for this project.</div>
      </FormGroup>
      <FormGroup label="Key size" fieldId="keygen-bits">
        <FormSelect id="keygen-bits" value={String(bits)} onChange={(_e, v) => setBits(v === '3072' ? 3072 : 4096)} aria-label="Key size">
          <FormSelectOption value="4096" label="RSA 4096 bits (recommended)" />
          <FormSelectOption value="3072" label="RSA 3072 bits" />
        </FormSelect>
      </FormGroup>
      {running ? <Progress aria-label="Key generation progress" title={message} measureLocation="none" value={undefined} /> : null}
      <ErrorAlert error={error} />
      <ActionGroup>
        <Button type="submit" isDisabled={running || project.trim() === ''} isLoading={running}>
          Generate deploy key
        </Button>
      </ActionGroup>
    </Form>
  );
}

export function ImportKeyForm({ onDone }: { onDone: (key: DeployKeyInfo) => void }) {
  const [project, setProject] = useState('');
  const [key, setKey] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [askPassphrase, setAskPassphrase] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape>();
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    const result = await certdesk.keys.import({ project: project.trim(), key, ...(askPassphrase && passphrase ? { passphrase } : {}) });
    setBusy(false);
    if (result.ok) {
      setKey('');
      setPassphrase('');
      setAskPassphrase(false);
      onDone(result.data);
      return;
    }
    if (result.error.code === 'PASSPHRASE_REQUIRED') setAskPassphrase(true);
    setError(result.error);
  };
  return (
    <Form onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label="Import a private key">
      <FormGroup label="Project" fieldId="import-project" isRequired>
        <TextInput id="import-project" value={project} onChange={(_e, v) => setProject(v)} isRequired />
      </FormGroup>
      <FormGroup label="Private key" fieldId="import-key" isRequired>
        <TextArea
          id="import-key"
          value={key}
          onChange={(_e, v) => setKey(v)}
          rows={6}
          resizeOrientation="vertical"
          placeholder="-----BEGIN RSA PRIVATE KEY----- or -----BEGIN OPENSSH PRIVATE KEY-----"
          spellCheck={false}
          autoComplete="off"
        />
      </FormGroup>
      {askPassphrase ? (
        <FormGroup label="Passphrase" fieldId="import-passphrase">
          <TextInput id="import-passphrase" type="password" value={passphrase} onChange={(_e, v) => setPassphrase(v)} autoComplete="off" />
        </FormGroup>
      ) : null}
      <ErrorAlert error={error} />
      <ActionGroup>
        <Button type="submit" variant="secondary" isDisabled={busy || project.trim() === '' || key.trim() === ''} isLoading={busy}>
          Import key
        </Button>
      </ActionGroup>
    </Form>
  );
}

export function DeployKeyDetails({ keyInfo, onDeleted }: { keyInfo: DeployKeyInfo; onDeleted: () => void }) {
  const [exportPath, setExportPath] = useState('');
  const [confirmExport, setConfirmExport] = useState(false);
  const [exported, setExported] = useState<string>();
  const [shownPem, setShownPem] = useState<string>();
  const [error, setError] = useState<AppErrorShape>();
  const electron = certdesk.transport === 'electron';

  const exportTo = async (to: 'file' | 'clipboard' | 'return') => {
    setError(undefined);
    const input = to === 'file' ? { id: keyInfo.id, to, path: exportPath.trim() } : { id: keyInfo.id, to };
    const result = await certdesk.keys.export(input);
    if (!result.ok) return setError(result.error);
    setConfirmExport(false);
    if (result.data.pem) setShownPem(result.data.pem);
    setExported(result.data.path ? `Written to ${result.data.path} (readable by you only).` : result.data.copiedToClipboard ? 'Copied to the clipboard.' : 'Shown below.');
  };
  const remove = async () => {
    const result = await certdesk.keys.delete({ id: keyInfo.id });
    if (result.ok) onDeleted();
    else setError(result.error);
  };

  return (
    <Card isCompact aria-label={`Deploy key ${keyInfo.id}`} data-testid="deploy-key">
      <CardTitle component="h3">Deploy key {keyInfo.id}</CardTitle>
      <CardBody>
        <DescriptionList isHorizontal isCompact>
          <DescriptionListGroup>
            <DescriptionListTerm>Project</DescriptionListTerm>
            <DescriptionListDescription>{keyInfo.project}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Type</DescriptionListTerm>
            <DescriptionListDescription>RSA {keyInfo.bits}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Fingerprint</DescriptionListTerm>
            <DescriptionListDescription>
              <code data-testid="key-fingerprint">{keyInfo.fingerprint}</code>
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Public key</DescriptionListTerm>
            <DescriptionListDescription>
              <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied" textAriaLabel="Public key" toggleAriaLabel="Show public key" isExpanded={false} data-testid="public-key">
                {keyInfo.publicKey}
              </ClipboardCopy>
              <div className="pf-v6-u-font-size-sm">Add this line to the repository's deploy keys (read access).</div>
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
        {confirmExport ? (
          <Alert variant="warning" isInline title="Export the private key?">
            <p>
              Anyone with this file can read the repository. Paste it only into the build service form of the Red Hat portal; don't mail it,
              commit it or leave it in Downloads.
            </p>
            <Form onSubmit={(e) => { e.preventDefault(); void exportTo('file'); }}>
              <FormGroup label="Save to file (full path)" fieldId={`export-path-${keyInfo.id}`}>
                <TextInput id={`export-path-${keyInfo.id}`} value={exportPath} onChange={(_e, v) => setExportPath(v)} placeholder="/home/me/acme-deploy-key.pem" />
              </FormGroup>
              <ActionGroup>
                <Button type="submit" variant="primary" isDisabled={exportPath.trim() === ''}>
                  Save PEM to file
                </Button>
                {electron ? (
                  <Button variant="secondary" onClick={() => void exportTo('clipboard')}>
                    Copy PEM to clipboard
                  </Button>
                ) : (
                  <Button variant="secondary" onClick={() => void exportTo('return')}>
                    Show PEM
                  </Button>
                )}
                <Button variant="link" onClick={() => setConfirmExport(false)}>
                  Cancel
                </Button>
              </ActionGroup>
            </Form>
          </Alert>
        ) : (
          <ActionGroup>
            <Button variant="secondary" onClick={() => setConfirmExport(true)}>
              Export private key…
            </Button>
            <Button variant="link" isDanger onClick={() => { if (window.confirm(`Delete deploy key ${keyInfo.id}? This cannot be undone.`)) void remove(); }}>
              Delete key
            </Button>
          </ActionGroup>
        )}
        {exported ? <Alert variant="success" isInline isPlain title={exported} /> : null}
        {shownPem ? (
          <FormGroup label="Private key (PEM)" fieldId={`pem-${keyInfo.id}`}>
            <TextArea id={`pem-${keyInfo.id}`} value={shownPem} readOnly rows={8} spellCheck={false} />
            <Button variant="link" onClick={() => setShownPem(undefined)}>
              Hide
            </Button>
          </FormGroup>
        ) : null}
        <ErrorAlert error={error} />
      </CardBody>
    </Card>
  );
}
