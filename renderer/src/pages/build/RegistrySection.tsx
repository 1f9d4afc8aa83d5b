import { Alert, Button, Card, CardBody, CardTitle, Flex, FlexItem, Form, FormGroup, FormHelperText, Grid, GridItem, HelperText, HelperTextItem, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import type { AppErrorShape } from '@shared/contract/error-codes';
import type { LoginResult } from '@shared/contract/images';
import { cleanRegistryKey, describeCleaning } from '@shared/registry/key-cleaning';
import { imageNameViolation, tagViolations } from '@shared/images/tag-rules';
import { isWrongEndpoint, projectIdViolation, pushReference, WRONG_ENDPOINT_EXPLANATION } from '@shared/registry/registry-targets';
import { certdesk } from '../../ipc/certdesk';
import { ErrorAlert } from './ErrorAlert';

export interface TargetForm {
  endpoint: string;
  projectId: string;
  image: string;
  tag: string;
}

/** Registry target (endpoint, pid, image, tag) and the project's registry key: paste → cleaned → test → store. */
export function RegistrySection({ target, onChange }: { target: TargetForm; onChange: (t: TargetForm) => void }) {
  const [key, setKey] = useState('');
  const [login, setLogin] = useState<LoginResult>();
  const [error, setError] = useState<AppErrorShape>();
  const [busy, setBusy] = useState(false);
  // A login result speaks for one registry, project and key: any of them changed, it no longer does.
  const forgetLogin = () => {
    setLogin(undefined);
    setError(undefined);
  };
  const set = (k: keyof TargetForm) => (_e: unknown, v: string) => {
    if (k === 'endpoint' || k === 'projectId') forgetLogin();
    onChange({ ...target, [k]: v });
  };
  const pidProblem = target.projectId ? projectIdViolation(target.projectId) : undefined;
  const nameProblem = target.image ? imageNameViolation(target.image) : undefined;
  const tagProblem = target.tag ? tagViolations(target.tag)[0]?.message : undefined;
  // Shown before anything is sent: what cleaning will take out (never the key itself).
  const preview = key ? describeCleaning(cleanRegistryKey(key)) : undefined;

  const send = async (store: boolean) => {
    setBusy(true);
    setError(undefined);
    setLogin(undefined);
    try {
      const r = await certdesk.registry.login({ registry: target.endpoint, key, store, ...(target.projectId ? { projectId: target.projectId } : {}) });
      if (r.ok) {
        setLogin(r.data);
        if (store) setKey('');
      } else setError(r.error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card isCompact>
      <CardTitle>Registry target and key</CardTitle>
      <CardBody>
        <Form onSubmit={(e) => e.preventDefault()}>
          <Grid hasGutter>
            <GridItem span={6}>
              <FormGroup label="Registry endpoint" fieldId="reg-endpoint">
                <TextInput id="reg-endpoint" value={target.endpoint} onChange={set('endpoint')} validated={isWrongEndpoint(target.endpoint) ? 'warning' : 'default'} />
                {isWrongEndpoint(target.endpoint) && (
                  <FormHelperText>
                    <HelperText>
                      <HelperTextItem variant="warning">{WRONG_ENDPOINT_EXPLANATION}</HelperTextItem>
                    </HelperText>
                  </FormHelperText>
                )}
              </FormGroup>
            </GridItem>
            <GridItem span={6}>
              <FormGroup label="Project id (pid)" fieldId="reg-pid">
                <TextInput id="reg-pid" value={target.projectId} onChange={set('projectId')} placeholder="p78693833236cdf211b0b7767fec4f6fe2a25b4e51" validated={pidProblem ? 'error' : 'default'} />
                {pidProblem && <HelperText><HelperTextItem variant="error">{pidProblem}</HelperTextItem></HelperText>}
              </FormGroup>
            </GridItem>
            <GridItem span={6}>
              <FormGroup label="Image name" fieldId="reg-image">
                <TextInput id="reg-image" value={target.image} onChange={set('image')} placeholder="my-plugin" validated={nameProblem ? 'error' : 'default'} />
                {nameProblem && <HelperText><HelperTextItem variant="error">{nameProblem}</HelperTextItem></HelperText>}
              </FormGroup>
            </GridItem>
            <GridItem span={6}>
              <FormGroup label="Registry tag" fieldId="reg-tag">
                <TextInput id="reg-tag" value={target.tag} onChange={set('tag')} placeholder="1.0-1" validated={tagProblem ? 'error' : 'default'} />
                {tagProblem && <HelperText><HelperTextItem variant="error">{tagProblem}</HelperTextItem></HelperText>}
              </FormGroup>
            </GridItem>
          </Grid>
          {target.projectId && target.image && target.tag && !pidProblem && !nameProblem && !tagProblem && (
            <p>
              Pushes to <code data-testid="push-reference">{pushReference(target)}</code>
            </p>
          )}
          <FormGroup label="Registry key of this project" fieldId="reg-key">
            <TextInput
              id="reg-key"
              type="password"
              autoComplete="off"
              value={key}
              onChange={(_e, v) => {
                setKey(v);
                forgetLogin();
              }}
              placeholder="Paste the Registry Key from the project's Upload Your Image tab"
            />
            <FormHelperText>
              <HelperText>
                <HelperTextItem data-testid="key-cleaning-preview">{preview ?? 'User name is always "unused". The key is kept in the system keychain only.'}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <Flex>
            <FlexItem>
              <Button variant="secondary" onClick={() => void send(false)} isDisabled={!key || !target.endpoint || busy} isLoading={busy}>
                Test login
              </Button>
            </FlexItem>
            <FlexItem>
              <Button variant="primary" onClick={() => void send(true)} isDisabled={!key || !target.endpoint || busy}>
                Test and store key
              </Button>
            </FlexItem>
          </Flex>
        </Form>
        {login && (
          <Alert variant="success" isInline title={`${login.registry} accepted the key${login.stored ? ' — stored in the keychain' : ''}`} data-testid="login-result" style={{ marginTop: 8 }}>
            <p>{login.cleaning.description}</p>
            {login.engineCheck && <p>Engine check: {login.engineCheck.ok ? 'accepted' : login.engineCheck.message}</p>}
          </Alert>
        )}
        {error && <ErrorAlert error={error} title="Login failed" testId="login-error" />}
      </CardBody>
    </Card>
  );
}
