import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Checkbox,
  Content,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
  List,
  ListItem,
  PageSection,
  TextArea,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useState } from 'react';
import { EXPORT_ENC_NOTE, EXPORT_OUTCOME_LABELS, EXPORT_RESOURCES, EXPORT_STEPS, expectedDecisionDate } from '@shared/certification/export-compliance';
import { collateralStatus, deriveChecklist, type DerivedChecklistItem } from '@shared/projects/checklist';
import { COLLATERAL_TYPES, EXPORT_OUTCOMES, type ExportOutcome, type Project } from '@shared/projects/model';
import { certdesk } from '../../ipc/certdesk';
import { ExternalLink } from '../wizard/ExternalLink';
import { activeProject, today, useProfile } from '../wizard/profile-state';

type Act = ReturnType<typeof useProfile>['act'];

/** The portal's ten checklist items with CertDesk's evidence, the collateral and export compliance trackers. */
export function ChecklistPage() {
  const { profile, error, act } = useProfile();
  const project = activeProject(profile);
  return (
    <PageSection aria-labelledby="checklist-title">
      <Title headingLevel="h1" id="checklist-title">
        Certification checklist
      </Title>
      <Content component="p">The portal’s Container Certification Checklist (guide: “The Container Certification Checklist”). Items CertDesk can verify complete themselves.</Content>
      {error && <Alert variant="danger" isInline title={error.message}>{error.hint}</Alert>}
      {profile && !project && (
        <Alert variant="info" isInline title="No certification project yet">
          <a href="#/wizard">Start your first certification</a> to create one.
        </Alert>
      )}
      {profile && profile.projects.length > 1 && project && (
        <FormGroup label="Project" fieldId="checklist-project" style={{ maxWidth: 400 }}>
          <FormSelect id="checklist-project" value={project.id} onChange={(_e, v) => void act(() => certdesk.wizard.set({ projectId: v }))}>
            {profile.projects.map((p) => (
              <FormSelectOption key={p.id} value={p.id} label={p.name} />
            ))}
          </FormSelect>
        </FormGroup>
      )}
      {project && (
        <>
          <Title headingLevel="h2" style={{ marginTop: 16 }}>
            {project.name}: {deriveChecklist(project).filter((i) => i.status === 'done').length} of 10 done
          </Title>
          {deriveChecklist(project).map((item) => (
            <ChecklistItemCard key={item.def.id} item={item} project={project} act={act} />
          ))}
          <CollateralTracker project={project} act={act} />
          <ExportComplianceTracker project={project} act={act} />
        </>
      )}
    </PageSection>
  );
}

function ChecklistItemCard({ item, project, act }: { item: DerivedChecklistItem; project: Project; act: Act }) {
  const [notes, setNotes] = useState(item.notes);
  const id = item.def.id;
  const set = (status: 'not-started' | 'in-progress' | 'done') => void act(() => certdesk.checklist.set({ projectId: project.id, itemId: id, status, notes }));
  return (
    <Card isCompact style={{ marginTop: 12 }} data-testid={`checklist-${id}`}>
      <CardTitle>
        <Title headingLevel="h3" id={`item-${id}`}>
          {item.def.title}
        </Title>{' '}
        <Label color={item.status === 'done' ? 'green' : item.status === 'in-progress' ? 'blue' : 'grey'} data-testid="item-status">
          {item.status === 'done' ? 'Done' : item.status === 'in-progress' ? 'In progress' : 'Not started'}
        </Label>{' '}
        {item.completedBy === 'evidence' && <Label color="purple">Verified by CertDesk</Label>} {item.def.owner === 'red-hat' && <Label color="orange">Red Hat’s step</Label>}
      </CardTitle>
      <CardBody>
        <p>{item.def.explanation}</p>
        {item.def.note && (
          <Alert variant="warning" isInline isPlain title={item.def.note} />
        )}
        {item.def.autoCheck && <p><small>{item.def.autoCheck}</small></p>}
        {item.evidence.length > 0 && (
          <List aria-label={`Evidence for ${item.def.title}`}>
            {item.evidence.map((e) => (
              <ListItem key={e}>{e}</ListItem>
            ))}
          </List>
        )}
        {item.def.appLinks.length > 0 && (
          <p>
            {item.def.appLinks.map((l) => (
              <a key={l.href + l.label} href={l.href} style={{ marginRight: 12 }}>
                {l.label}
              </a>
            ))}
          </p>
        )}
        <FormGroup label="Notes" fieldId={`notes-${id}`}>
          <TextArea id={`notes-${id}`} value={notes} onChange={(_e, v) => setNotes(v)} rows={2} />
        </FormGroup>
        <ActionGroup style={{ marginTop: 8 }}>
          {item.status !== 'done' && (
            <Button size="sm" onClick={() => set('done')} aria-label={`Mark “${item.def.title}” done`}>
              {item.def.owner === 'red-hat' ? 'Red Hat approved it' : 'Mark done'}
            </Button>
          )}
          {item.status === 'not-started' && (
            <Button size="sm" variant="secondary" onClick={() => set('in-progress')} aria-label={`Mark “${item.def.title}” in progress`}>
              In progress
            </Button>
          )}
          {item.status === 'done' && item.completedBy !== 'evidence' && (
            <Button size="sm" variant="secondary" onClick={() => set('in-progress')} aria-label={`Reopen “${item.def.title}”`}>
              Reopen
            </Button>
          )}
          <Button size="sm" variant="link" onClick={() => set(item.status === 'done' && item.completedBy === 'evidence' ? 'done' : item.status)} aria-label={`Save notes for “${item.def.title}”`}>
            Save notes
          </Button>
        </ActionGroup>
      </CardBody>
    </Card>
  );
}

function CollateralTracker({ project, act }: { project: Project; act: Act }) {
  const [title, setTitle] = useState('');
  const [type, setType] = useState<(typeof COLLATERAL_TYPES)[number]>('document');
  const [uploaded, setUploaded] = useState(false);
  const status = collateralStatus(project.collateral);
  return (
    <section aria-labelledby="collateral-title" style={{ marginTop: 24 }}>
      <Title headingLevel="h2" id="collateral-title">
        Documentation and marketing collateral
      </Title>
      <p>
        At least 3 materials, at least 1 of type “document” (product page → “Add new Collateral”). Now: {status.message}
      </p>
      <List aria-label="Collateral">
        {project.collateral.map((c) => (
          <ListItem key={c.id}>
            {c.title} ({c.type}) {c.uploadedAt ? <Label color="green">Uploaded {c.uploadedAt.slice(0, 10)}</Label> : <Label>Not uploaded</Label>}{' '}
            <Button variant="link" isInline onClick={() => void act(() => certdesk.checklist.updateCollateral({ projectId: project.id, collateralId: c.id, uploaded: !c.uploadedAt }))}>
              {c.uploadedAt ? `Mark “${c.title}” not uploaded` : `Mark “${c.title}” uploaded`}
            </Button>{' '}
            <Button variant="link" isInline isDanger onClick={() => void act(() => certdesk.checklist.removeCollateral({ projectId: project.id, collateralId: c.id }))}>
              Remove “{c.title}”
            </Button>
          </ListItem>
        ))}
      </List>
      <Form
        isHorizontal
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => certdesk.checklist.addCollateral({ projectId: project.id, title, type, uploaded })).then((ok) => ok && setTitle(''));
        }}
        style={{ maxWidth: 600, marginTop: 8 }}
      >
        <FormGroup label="Collateral title" fieldId="collateral-title-input">
          <TextInput id="collateral-title-input" value={title} onChange={(_e, v) => setTitle(v)} />
        </FormGroup>
        <FormGroup label="Collateral type" fieldId="collateral-type">
          <FormSelect id="collateral-type" value={type} onChange={(_e, v) => setType(v as (typeof COLLATERAL_TYPES)[number])}>
            {COLLATERAL_TYPES.map((t) => (
              <FormSelectOption key={t} value={t} label={t} />
            ))}
          </FormSelect>
        </FormGroup>
        <Checkbox id="collateral-uploaded" label="Already uploaded to the portal" isChecked={uploaded} onChange={(_e, v) => setUploaded(v)} />
        <ActionGroup>
          <Button type="submit" variant="secondary" isDisabled={!title.trim()}>
            Add collateral
          </Button>
        </ActionGroup>
      </Form>
    </section>
  );
}

function ExportComplianceTracker({ project, act }: { project: Project; act: Act }) {
  const c = project.exportCompliance;
  const expected = expectedDecisionDate(c);
  const setDate = (key: (typeof EXPORT_STEPS)[number]['key'], value: string) => void act(() => certdesk.compliance.update({ projectId: project.id, [key]: value }));
  return (
    <section aria-labelledby="export-title" style={{ marginTop: 24 }}>
      <Title headingLevel="h2" id="export-title">
        Export compliance
      </Title>
      <p>Guide: “Export Compliance Questionnaire”. Red Hat legal evaluates within approximately 5 business days of receiving the answers.</p>
      <List component="ol" aria-label="Export compliance steps">
        {EXPORT_STEPS.map((s) => (
          <ListItem key={s.key}>
            {s.title}:{' '}
            {c[s.key] ? <strong>{c[s.key]!.slice(0, 10)}</strong> : <span>not yet</span>}{' '}
            {!c[s.key] && s.key !== 'outcomeAt' && (
              <Button variant="link" isInline onClick={() => setDate(s.key, today())}>
                Record “{s.title.split(':')[0]}” today
              </Button>
            )}
          </ListItem>
        ))}
      </List>
      {expected && c.outcome === 'pending' && <p data-testid="export-expected">Answer expected around {expected} (5 business days, weekends skipped; holidays not counted).</p>}
      <FormGroup label="Outcome" fieldId="export-outcome" style={{ maxWidth: 320 }}>
        <FormSelect id="export-outcome" value={c.outcome} onChange={(_e, v) => void act(() => certdesk.compliance.update({ projectId: project.id, outcome: v as ExportOutcome, ...(v === 'pending' ? {} : { outcomeAt: today() }) }))}>
          {EXPORT_OUTCOMES.map((o) => (
            <FormSelectOption key={o} value={o} label={EXPORT_OUTCOME_LABELS[o]} />
          ))}
        </FormSelect>
      </FormGroup>
      <Alert variant="info" isInline isPlain title={EXPORT_ENC_NOTE} style={{ marginTop: 8 }} />
      <Title headingLevel="h3" style={{ marginTop: 12 }}>
        Resources (U.S. Department of Commerce, Bureau of Industry and Security)
      </Title>
      <List>
        {EXPORT_RESOURCES.map((r) => (
          <ListItem key={r.url}>
            {r.url.startsWith('https://') ? <ExternalLink href={r.url}>{r.title}</ExternalLink> : <span>{r.title}: {r.url}</span>}
            {r.note ? ` — ${r.note}` : ''}
          </ListItem>
        ))}
      </List>
    </section>
  );
}
