import { ActionGroup, Alert, Button, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem, Radio, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { RHOSP_VERSIONS, STARTER_COMPONENTS, type RhospVersion, type StarterComponent, type StarterInput } from '@shared/contract/lint';
import { COMPONENT_USERS } from '@shared/lint/starter-generator';
import { certdesk } from '../../ipc/certdesk';

/** The "New Dockerfile" form: what an out-of-tree plugin needs, turned into a Dockerfile that passes every rule. */
export function StarterForm({ onGenerated }: { onGenerated: (text: string) => void }) {
  const [component, setComponent] = useState<StarterComponent>('cinder-volume');
  const [rhospVersion, setRhospVersion] = useState<RhospVersion>('17.1');
  const [vendor, setVendor] = useState('');
  const [pluginName, setPluginName] = useState('');
  const [maintainer, setMaintainer] = useState('');
  const [version, setVersion] = useState('1.0');
  const [release, setRelease] = useState('1');
  const [source, setSource] = useState<'repo' | 'rpm'>('repo');
  const [repoFile, setRepoFile] = useState('vendor.repo');
  const [packageName, setPackageName] = useState('');
  const [rpmFile, setRpmFile] = useState('');
  const [licenseFile, setLicenseFile] = useState('LICENSE.txt');
  const [user, setUser] = useState('');
  const [error, setError] = useState<string>();

  const generate = async () => {
    const input: StarterInput = {
      component,
      rhospVersion,
      vendor,
      pluginName,
      maintainer,
      version,
      release,
      packageSource: source === 'repo' ? { kind: 'repo', repoFile, packageName } : { kind: 'rpm', rpmFile },
      licenseFile,
      ...(user.trim() ? { user } : {}),
    };
    const result = await certdesk.lint.starter(input);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(undefined);
    onGenerated(result.data.text);
  };

  const text = (id: string, label: string, value: string, set: (v: string) => void, help?: string, placeholder?: string) => (
    <FormGroup label={label} fieldId={id} isRequired={!placeholder}>
      <TextInput id={id} value={value} onChange={(_e, v) => set(v)} {...(placeholder ? { placeholder } : { isRequired: true })} />
      {help && (
        <FormHelperText>
          <HelperText>
            <HelperTextItem>{help}</HelperTextItem>
          </HelperText>
        </FormHelperText>
      )}
    </FormGroup>
  );

  return (
    <Form aria-label="New Dockerfile" onSubmit={(e) => { e.preventDefault(); void generate(); }}>
      <FormGroup label="OpenStack component" fieldId="starter-component" isRequired>
        <FormSelect id="starter-component" value={component} onChange={(_e, v) => setComponent(v as StarterComponent)}>
          {STARTER_COMPONENTS.map((c) => (
            <FormSelectOption key={c} value={c} label={c} />
          ))}
        </FormSelect>
      </FormGroup>
      <FormGroup label="RHOSP version" fieldId="starter-rhosp" isRequired>
        <FormSelect id="starter-rhosp" value={rhospVersion} onChange={(_e, v) => setRhospVersion(v as RhospVersion)}>
          {RHOSP_VERSIONS.map((v) => (
            <FormSelectOption key={v} value={v} label={`Red Hat OpenStack Platform ${v}`} />
          ))}
        </FormSelect>
      </FormGroup>
      {text('starter-vendor', 'Vendor', vendor, setVendor, 'Your company, as the vendor label shows it (not "Red Hat").')}
      {text('starter-plugin', 'Plugin name', pluginName, setPluginName)}
      {text('starter-maintainer', 'Maintainer', maintainer, setMaintainer, 'An email address or team name.')}
      {text('starter-version', 'Version', version, setVersion)}
      {text('starter-release', 'Release', release, setRelease)}
      <FormGroup role="radiogroup" label="Plugin package from" fieldId="starter-source" isInline>
        <Radio id="starter-source-repo" name="starter-source" label="A yum repository" isChecked={source === 'repo'} onChange={() => setSource('repo')} />
        <Radio id="starter-source-rpm" name="starter-source" label="A local RPM file" isChecked={source === 'rpm'} onChange={() => setSource('rpm')} />
      </FormGroup>
      {source === 'repo' ? (
        <>
          {text('starter-repo-file', 'Repository file (.repo, in the build context)', repoFile, setRepoFile)}
          {text('starter-package', 'Package name', packageName, setPackageName)}
        </>
      ) : (
        text('starter-rpm', 'RPM file (in the build context)', rpmFile, setRpmFile)
      )}
      {text('starter-license', 'License file (plain text, in the build context)', licenseFile, setLicenseFile)}
      {text('starter-user', 'Runtime user', user, setUser, `Leave empty for the component's own user (${COMPONENT_USERS[component]}).`, COMPONENT_USERS[component])}
      {error && <Alert variant="danger" isInline title="The form is not complete">{error}</Alert>}
      <ActionGroup>
        <Button variant="primary" type="submit">
          Generate Dockerfile
        </Button>
      </ActionGroup>
    </Form>
  );
}
