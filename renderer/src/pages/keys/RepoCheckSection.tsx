import { useState } from 'react';
import { ActionGroup, Alert, Button, Card, CardBody, CardTitle, Checkbox, Form, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import type { AppErrorShape } from '@shared/contract/error-codes';
import type { DeployKeyInfo, RepoCheckResult } from '@shared/contract/secrets';
import { certdesk } from '../../ipc/certdesk';
import { ErrorAlert } from './DeployKeysSection';

/** `onChecked` runs after every answer: a first-use check may have pinned a host key. */
export function RepoCheckSection({ keys, onChecked }: { keys: DeployKeyInfo[]; onChecked?: () => void }) {
  const [url, setUrl] = useState('');
  const [keyId, setKeyId] = useState('');
  const [acceptNew, setAcceptNew] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RepoCheckResult>();
  const [error, setError] = useState<AppErrorShape>();
  const chosenKey = keyId || keys[0]?.id || '';
  const check = async () => {
    setBusy(true);
    setResult(undefined);
    setError(undefined);
    const answer = await certdesk.repo.check({ url: url.trim(), acceptNewHostKey: acceptNew, ...(chosenKey ? { keyId: chosenKey } : {}) });
    setBusy(false);
    if (answer.ok) setResult(answer.data);
    else setError(answer.error);
    onChecked?.();
  };
  return (
    <Card isCompact>
      <CardTitle component="h2">Check the repository</CardTitle>
      <CardBody>
        <p>
          A public repository needs only its HTTPS URL in the build service. A private one needs its SSH URL and a deploy key; this check logs in
          with the key and reads the branches, as the build service will.
        </p>
        <Form onSubmit={(e) => { e.preventDefault(); void check(); }} aria-label="Check the repository">
          <FormGroup label="Repository URL" fieldId="repo-url" isRequired>
            <TextInput id="repo-url" value={url} onChange={(_e, v) => setUrl(v)} placeholder="git@git.example.com:acme/plugin.git" isRequired />
          </FormGroup>
          <FormGroup label="Deploy key" fieldId="repo-key">
            <FormSelect id="repo-key" value={chosenKey} onChange={(_e, v) => setKeyId(v)} aria-label="Deploy key">
              {keys.length === 0 ? <FormSelectOption value="" label="No deploy keys yet" isDisabled /> : null}
              {keys.map((k) => (
                <FormSelectOption key={k.id} value={k.id} label={`${k.id} (${k.project}, ${k.fingerprint})`} />
              ))}
            </FormSelect>
          </FormGroup>
          <Checkbox
            id="repo-accept-new"
            label="Accept a new host key (first connection to this host)"
            isChecked={acceptNew}
            onChange={(_e, v) => setAcceptNew(v)}
            description="Like ssh's accept-new: a host seen before whose key changed is always refused."
          />
          <ActionGroup>
            <Button type="submit" isDisabled={busy || url.trim() === ''} isLoading={busy}>
              Check repository
            </Button>
          </ActionGroup>
        </Form>
        {result ? (
          <Alert variant="success" isInline title={result.summary} data-testid="repo-check-result">
            <p>{result.guidance}</p>
            {result.hostKey ? (
              <p>
                Host key {result.hostKey.algorithm} <code>{result.hostKey.fingerprint}</code>
                {result.hostKey.status === 'added' ? ' (new, remembered)' : ' (known)'}
              </p>
            ) : null}
            {result.branchNames && result.branchNames.length > 0 ? <p>Branches: {result.branchNames.join(', ')}</p> : null}
          </Alert>
        ) : null}
        <ErrorAlert error={error} title={error ? repoErrorTitle(error.code) : undefined} />
      </CardBody>
    </Card>
  );
}

function repoErrorTitle(code: string): string {
  switch (code) {
    case 'REPO_HOST_KEY_CHANGED':
      return 'Host key changed: refused';
    case 'REPO_HOST_KEY_UNKNOWN':
      return 'Unknown host: confirm its key';
    case 'REPO_KEY_REFUSED':
      return 'Key refused';
    case 'REPO_NOT_FOUND':
      return 'Repository not found';
    case 'REPO_UNREACHABLE':
      return 'Host unreachable';
    default:
      return 'Check failed';
  }
}
