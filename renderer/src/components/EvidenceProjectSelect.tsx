import { FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import type { Project } from '@shared/projects/model';
import { certdesk } from '../ipc/certdesk';

/**
 * The certification project a page's checks count for (issue #7: steps the app can verify complete
 * themselves from evidence). Starts on the wizard's project; the user may pick another or none.
 */
export function useEvidenceProject(): { projects: Project[]; project: Project | undefined; select: (projectId: string) => void } {
  const [projects, setProjects] = useState<Project[]>([]);
  const [selected, setSelected] = useState<string>();
  useEffect(() => {
    let live = true;
    void certdesk.project.profile({}).then((r) => {
      if (!live || !r.ok) return;
      setProjects(r.data.projects);
      // Only the first answer picks: a choice the user made is never overridden.
      setSelected((s) => s ?? (r.data.projects.find((p) => p.id === r.data.wizard.projectId) ?? r.data.projects[0])?.id ?? '');
    });
    return () => {
      live = false;
    };
  }, []);
  return { projects, project: projects.find((p) => p.id === selected), select: setSelected };
}

/** A labelled select of the projects; nothing at all when there is no project yet. */
export function EvidenceProjectSelect({ id, projects, project, select }: { id: string } & ReturnType<typeof useEvidenceProject>) {
  if (projects.length === 0) return null;
  return (
    <FormGroup label="Record evidence in" fieldId={id}>
      <FormSelect id={id} value={project?.id ?? ''} onChange={(_e, v) => select(v)}>
        <FormSelectOption value="" label="No project (nothing recorded)" />
        {projects.map((p) => (
          <FormSelectOption key={p.id} value={p.id} label={p.name} />
        ))}
      </FormSelect>
      <FormHelperText>
        <HelperText>
          <HelperTextItem>A passing result completes the project's checklist and wizard steps by itself.</HelperTextItem>
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
}
