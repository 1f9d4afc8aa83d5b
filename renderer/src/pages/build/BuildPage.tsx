import { PageSection, Stack, StackItem, Title } from '@patternfly/react-core';
import { useCallback, useEffect, useState } from 'react';
import type { Project } from '@shared/projects/model';
import { DEFAULT_ENDPOINT } from '@shared/registry/registry-targets';
import { parseReference } from '@shared/images/tag-rules';
import { EvidenceProjectSelect, useEvidenceProject } from '../../components/EvidenceProjectSelect';
import { certdesk } from '../../ipc/certdesk';
import { BuildSection } from './BuildSection';
import { EngineSection } from './EngineSection';
import { RegistrySection, type TargetForm } from './RegistrySection';
import { TransferSection } from './TransferSection';

/** Build, tag, log in, push, pull and run: each one click, streamed, cancellable, with errors that say what to do. */
export function BuildPage() {
  const [target, setTarget] = useState<TargetForm>({ endpoint: DEFAULT_ENDPOINT, projectId: '', image: '', tag: '' });
  const [source, setSource] = useState('');
  /** The last target used (kept in the images settings, no secrets there); `undefined` until read. */
  const [lastTarget, setLastTarget] = useState<TargetForm | null>();
  const evidence = useEvidenceProject();
  const projectId = evidence.project?.id;
  useEffect(() => {
    void certdesk.registry.settings({}).then((r) => setLastTarget(r.ok ? (r.data.lastTarget ?? null) : null));
  }, []);
  useEffect(() => {
    if (lastTarget !== undefined) setTarget(targetFor(evidence.project, lastTarget));
    // Re-derived when the picked project changes, not on every profile answer.
  }, [lastTarget, projectId]);
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
        <StackItem style={{ maxWidth: 480 }}>
          <EvidenceProjectSelect id="build-project" {...evidence} />
        </StackItem>
        <StackItem>
          <EngineSection />
        </StackItem>
        <StackItem>
          <BuildSection onBuilt={onBuilt} projectId={projectId} />
        </StackItem>
        <StackItem>
          <RegistrySection target={target} onChange={setTarget} />
        </StackItem>
        <StackItem>
          <TransferSection source={source} onSource={setSource} target={target} projectId={projectId} />
        </StackItem>
      </Stack>
    </PageSection>
  );
}

/**
 * The registry target for the picked project: its pid and image name at Red Hat's endpoint. The last
 * target keeps its endpoint and tag when it was for the same pid (or when the project has no pid yet).
 */
function targetFor(project: Project | undefined, last: TargetForm | null): TargetForm {
  const base = last ?? { endpoint: DEFAULT_ENDPOINT, projectId: '', image: '', tag: '' };
  if (!project?.registryPid || base.projectId === project.registryPid) return { ...base, image: base.image || (project?.imageName ?? '') };
  return { endpoint: DEFAULT_ENDPOINT, projectId: project.registryPid, image: project.imageName, tag: '' };
}
