import { PageSection, Stack, StackItem, Title } from '@patternfly/react-core';
import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_ENDPOINT } from '@shared/registry/registry-targets';
import { parseReference } from '@shared/images/tag-rules';
import { certdesk } from '../../ipc/certdesk';
import { BuildSection } from './BuildSection';
import { EngineSection } from './EngineSection';
import { RegistrySection, type TargetForm } from './RegistrySection';
import { TransferSection } from './TransferSection';

/** Build, tag, log in, push, pull and run: each one click, streamed, cancellable, with errors that say what to do. */
export function BuildPage() {
  const [target, setTarget] = useState<TargetForm>({ endpoint: DEFAULT_ENDPOINT, projectId: '', image: '', tag: '' });
  const [source, setSource] = useState('');
  useEffect(() => {
    // Start from the last target used (kept in the images settings, no secrets there).
    void certdesk.registry.settings({}).then((r) => {
      if (r.ok && r.data.lastTarget) setTarget(r.data.lastTarget);
    });
  }, []);
  const onBuilt = useCallback((reference: string) => {
    setSource(reference);
    const p = parseReference(reference);
    if (p.ok) setTarget((t) => ({ ...t, image: t.image || (p.ref.path.split('/').pop() ?? ''), tag: p.ref.tag ?? t.tag }));
  }, []);
  return (
    <PageSection aria-labelledby="build-title">
      <Title headingLevel="h1" id="build-title">
        Build &amp; push
      </Title>
      <Stack hasGutter style={{ marginTop: 16 }}>
        <StackItem>
          <EngineSection />
        </StackItem>
        <StackItem>
          <BuildSection onBuilt={onBuilt} />
        </StackItem>
        <StackItem>
          <RegistrySection target={target} onChange={setTarget} />
        </StackItem>
        <StackItem>
          <TransferSection source={source} onSource={setSource} target={target} />
        </StackItem>
      </Stack>
    </PageSection>
  );
}
