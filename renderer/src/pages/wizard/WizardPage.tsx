import {
  ActionGroup,
  Alert,
  Button,
  Content,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
  List,
  ListItem,
  PageSection,
  Progress,
  Radio,
  TextArea,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { CONNECT_EMAIL } from '@shared/certification/portal-links';
import { TREE_QUESTIONS, treeVerdict, type TreeAnswer, type TreeQuestion } from '@shared/certification/tree-status';
import { evaluateJourney, isWizardStepId, WIZARD_STEPS, type WizardStepDef, type WizardStepId } from '@shared/certification/wizard-steps';
import { BELOW_A_REMINDER, publishedHealth } from '@shared/certification/maintenance';
import type { Profile, Project } from '@shared/projects/model';
import { certdesk } from '../../ipc/certdesk';
import { ExternalLink } from './ExternalLink';
import { activeProject, useProfile } from './profile-state';

type Act = ReturnType<typeof useProfile>['act'];

/**
 * The guided first certification: every step of the guide in its order, what to do in the portal,
 * what CertDesk does, what counts as done. The current step is saved on every move (resumable).
 */
export function WizardPage() {
  const { profile, error, act } = useProfile();
  const [stepId, setStepId] = useState<WizardStepId>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (profile && !stepId) setStepId(isWizardStepId(profile.wizard.currentStep) ? profile.wizard.currentStep : 'register');
  }, [profile, stepId]);
  useEffect(() => {
    // Focus follows the step for keyboard and screen-reader users, but not on first load.
    if (moved.current) headingRef.current?.focus();
  }, [stepId]);

  if (!profile || !stepId) {
    return (
      <PageSection aria-labelledby="wizard-title">
        <Title headingLevel="h1" id="wizard-title">
          First certification
        </Title>
        {error ? <Alert variant="danger" isInline title={error.message} /> : <p>Loading…</p>}
      </PageSection>
    );
  }
  const project = activeProject(profile);
  const journey = evaluateJourney(profile, project);
  const index = WIZARD_STEPS.findIndex((s) => s.id === stepId);
  const step = WIZARD_STEPS[index]!;
  const state = journey.steps[index]!.state;

  const go = (id: WizardStepId) => {
    moved.current = true;
    setStepId(id);
    void certdesk.wizard.set({ currentStep: id });
  };

  return (
    <PageSection aria-labelledby="wizard-title">
      <Title headingLevel="h1" id="wizard-title">
        First certification
      </Title>
      <Content component="p">From registration to a published Tech Preview image, in the order of Red Hat’s partner guide. You can leave at any point and come back here.</Content>
      <Progress value={Math.round((journey.done / journey.total) * 100)} title="Whole journey" label={`${journey.done} of ${journey.total} steps done`} aria-label="Certification progress" style={{ margin: '16px 0' }} />
      {error && <Alert variant="danger" isInline title={error.message}>{error.hint}</Alert>}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(220px, 280px) 1fr', gap: 24, alignItems: 'start' }}>
        <nav aria-label="Certification steps">
          <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {journey.steps.map(({ def, state: s }, i) => (
              <li key={def.id} style={{ marginBottom: 4 }}>
                <Button variant={def.id === stepId ? 'primary' : 'plain'} isBlock aria-current={def.id === stepId ? 'step' : undefined} onClick={() => go(def.id)} style={{ textAlign: 'left', justifyContent: 'flex-start' }}>
                  <span aria-hidden="true">{s.done ? '✓' : `${i + 1}.`}</span> {def.title}
                  <span className="pf-v6-screen-reader">{s.done ? ' (done)' : ' (not done)'}</span>
                </Button>
              </li>
            ))}
          </ol>
        </nav>
        <section aria-labelledby="step-title" data-testid="wizard-step" data-step={step.id}>
          <Title headingLevel="h2" id="step-title" ref={headingRef} tabIndex={-1}>
            Step {index + 1} of {WIZARD_STEPS.length}: {step.title}
          </Title>
          <p>
            <Label color={state.done ? 'green' : 'grey'} data-testid="step-status">
              {state.done ? `Done${state.by === 'evidence' ? ' (verified by CertDesk)' : state.by === 'user' ? ' (you confirmed)' : ''}` : 'Not done yet'}
            </Label>{' '}
            <small>Guide: {step.guideSections.join(' · ')}</small>
          </p>
          <p>{state.detail}</p>
          <StepGuide step={step} />
          <StepWork step={step} profile={profile} project={project} act={act} done={state.done} />
          <ActionGroup style={{ marginTop: 24 }}>
            <Button variant="secondary" isDisabled={index === 0} onClick={() => go(WIZARD_STEPS[index - 1]!.id)}>
              Back
            </Button>
            <Button variant="primary" isDisabled={index === WIZARD_STEPS.length - 1} onClick={() => go(WIZARD_STEPS[index + 1]!.id)}>
              Next step
            </Button>
          </ActionGroup>
        </section>
      </div>
    </PageSection>
  );
}

function StepGuide({ step }: { step: WizardStepDef }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
      <div>
        <Title headingLevel="h3">In the portal</Title>
        <List>
          {step.portalTasks.map((t) => (
            <ListItem key={t}>{t}</ListItem>
          ))}
        </List>
        {step.portal.map((l) => (
          <p key={l.url + l.label}>
            <ExternalLink href={l.url}>{l.label}</ExternalLink>
          </p>
        ))}
      </div>
      <div>
        <Title headingLevel="h3">In CertDesk</Title>
        <p>{step.inAppSummary}</p>
        {step.inApp.map((l) => (
          <p key={l.href + l.label}>
            <a href={l.href}>{l.label}</a>
          </p>
        ))}
        <Title headingLevel="h3">Done when</Title>
        <p>{step.doneWhen}</p>
      </div>
    </div>
  );
}

function StepWork(props: { step: WizardStepDef; profile: Profile; project: Project | undefined; act: Act; done: boolean }) {
  const { step, profile, project, act, done } = props;
  const mark = step.manual ? (
    <Button
      variant={done ? 'secondary' : 'primary'}
      onClick={() => void act(() => certdesk.wizard.set({ ...(project && step.scope === 'project' ? { projectId: project.id } : {}), mark: { step: step.id, done: !done, scope: step.scope } }))}
    >
      {done ? 'Mark as not done' : 'Mark this step done'}
    </Button>
  ) : null;
  switch (step.id) {
    case 'register':
      return (
        <>
          <CompanyForm profile={profile} act={act} />
          {profile.company && mark}
        </>
      );
    case 'product':
      return <ProductForm profile={profile} act={act} />;
    case 'create-project':
      return <ProjectForm profile={profile} project={project} act={act} />;
    case 'tree-status':
      return project ? <TreeHelper project={project} act={act} /> : null;
    case 'build':
      return project ? <BuildServiceForm project={project} act={act} /> : null;
    case 'publish':
      return project ? <PublishList project={project} act={act} /> : null;
    case 'maintenance':
      return (
        <>
          {project && <HealthList project={project} />}
          <Alert variant="info" isInline title="Grades below A trigger e-mails">
            {BELOW_A_REMINDER}
          </Alert>
          <p style={{ marginTop: 12 }}>{mark}</p>
        </>
      );
    default:
      return mark;
  }
}

function CompanyForm({ profile, act }: { profile: Profile; act: Act }) {
  const [name, setName] = useState(profile.company?.name ?? '');
  const [sales, setSales] = useState(profile.company?.salesContact ?? '');
  return (
    <Form onSubmit={(e) => { e.preventDefault(); void act(() => certdesk.project.saveCompany({ name, salesContact: sales })); }} style={{ maxWidth: 560, margin: '16px 0' }}>
      <FormGroup label="Company name" isRequired fieldId="company-name">
        <TextInput id="company-name" isRequired value={name} onChange={(_e, v) => setName(v)} />
      </FormGroup>
      <FormGroup label="Sales contact" fieldId="company-sales">
        <TextInput id="company-sales" value={sales} onChange={(_e, v) => setSales(v)} />
      </FormGroup>
      <ActionGroup>
        <Button type="submit" variant="secondary" isDisabled={!name.trim()}>
          Save company
        </Button>
      </ActionGroup>
    </Form>
  );
}

function ProductForm({ profile, act }: { profile: Profile; act: Act }) {
  const [name, setName] = useState('');
  const [versions, setVersions] = useState('');
  const [contact, setContact] = useState('');
  const list = versions.split('\n').map((v) => v.trim()).filter(Boolean);
  return (
    <>
      {profile.products.length > 0 && (
        <List aria-label="Products">
          {profile.products.map((p) => (
            <ListItem key={p.id}>
              <strong>{p.name}</strong>: {p.versions.map((v) => v.label).join(', ')}
            </ListItem>
          ))}
        </List>
      )}
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => certdesk.project.addProduct({ name, versions: list, ...(contact ? { contactList: [contact] } : {}) })).then((ok) => {
            if (ok) { setName(''); setVersions(''); }
          });
        }}
        style={{ maxWidth: 560, margin: '16px 0' }}
      >
        <FormGroup label="Product name" isRequired fieldId="product-name">
          <TextInput id="product-name" isRequired value={name} onChange={(_e, v) => setName(v)} />
        </FormGroup>
        <FormGroup label="Product versions (one per line)" isRequired fieldId="product-versions">
          <TextArea id="product-versions" isRequired value={versions} onChange={(_e, v) => setVersions(v)} placeholder="RHOSP 13 network plugin version 1.x" />
        </FormGroup>
        <FormGroup label="Product contact e-mail" fieldId="product-contact">
          <TextInput id="product-contact" type="email" value={contact} onChange={(_e, v) => setContact(v)} />
        </FormGroup>
        <ActionGroup>
          <Button type="submit" variant="secondary" isDisabled={!name.trim() || list.length === 0}>
            Add product
          </Button>
        </ActionGroup>
      </Form>
    </>
  );
}

function ProjectForm({ profile, project, act }: { profile: Profile; project: Project | undefined; act: Act }) {
  const [name, setName] = useState(project?.name ?? '');
  const [productId, setProductId] = useState(project?.productId ?? profile.products[0]?.id ?? '');
  const product = profile.products.find((p) => p.id === productId);
  const [versionId, setVersionId] = useState(project?.productVersionId ?? '');
  const [fields, setFields] = useState({
    portalProjectId: project?.portalProjectId ?? '',
    registryPid: project?.registryPid ?? '',
    registryNamespace: project?.registryNamespace ?? '',
    imageName: project?.imageName ?? '',
  });
  const effectiveVersion = versionId || product?.versions[0]?.id || '';
  const field = (key: keyof typeof fields, label: string) => (
    <FormGroup label={label} fieldId={`project-${key}`}>
      <TextInput id={`project-${key}`} value={fields[key]} onChange={(_e, v) => setFields({ ...fields, [key]: v })} />
    </FormGroup>
  );
  const submit = () =>
    project
      ? act(() => certdesk.project.update({ projectId: project.id, patch: { name, ...fields } }))
      : act(() => certdesk.project.create({ name, productId, productVersionId: effectiveVersion, ...fields }));
  return (
    <>
      <Alert variant="warning" isInline title="The product version can’t be changed after the project is created (FAQ 2)">
        Treat the product version as the image’s name; the version number goes in the image tag later.
      </Alert>
      <Alert variant="info" isInline title="Release category: Tech Preview" style={{ marginTop: 8 }}>
        General Availability is not an option for OpenStack plugins: GA follows functional certification (API testing in the rhcert portal).
      </Alert>
      {profile.products.length === 0 && <p>Add a product first (step 3).</p>}
      <Form onSubmit={(e) => { e.preventDefault(); void submit(); }} style={{ maxWidth: 560, margin: '16px 0' }}>
        <FormGroup label="Project name" isRequired fieldId="project-name">
          <TextInput id="project-name" isRequired value={name} onChange={(_e, v) => setName(v)} />
        </FormGroup>
        <FormGroup label="Product" isRequired fieldId="project-product">
          <FormSelect id="project-product" value={productId} isDisabled={Boolean(project)} onChange={(_e, v) => { setProductId(v); setVersionId(''); }}>
            {profile.products.map((p) => (
              <FormSelectOption key={p.id} value={p.id} label={p.name} />
            ))}
          </FormSelect>
        </FormGroup>
        <FormGroup label="Product version" isRequired fieldId="project-version">
          <FormSelect id="project-version" value={effectiveVersion} isDisabled={Boolean(project)} onChange={(_e, v) => setVersionId(v)}>
            {(product?.versions ?? []).map((v) => (
              <FormSelectOption key={v.id} value={v.id} label={v.label} />
            ))}
          </FormSelect>
        </FormGroup>
        <p>Red Hat product: Red Hat OpenStack Platform 13 · Release category: Tech Preview</p>
        {field('portalProjectId', 'Portal Project ID')}
        {field('registryPid', 'Registry pid')}
        {field('registryNamespace', 'Registry namespace')}
        {field('imageName', 'Image name')}
        <ActionGroup>
          <Button type="submit" variant="secondary" isDisabled={!name.trim() || !productId || !effectiveVersion}>
            {project ? 'Save project' : 'Create project'}
          </Button>
        </ActionGroup>
      </Form>
    </>
  );
}

function TreeHelper({ project, act }: { project: Project; act: Act }) {
  const [answers, setAnswers] = useState<Partial<Record<TreeQuestion['id'], TreeAnswer>>>({});
  const verdict = treeVerdict(answers);
  return (
    <div style={{ margin: '16px 0' }}>
      <p>Current status: <strong>{project.treeStatus}</strong>. Red Hat confirms it; if nobody contacts you, e-mail {CONNECT_EMAIL}.</p>
      {TREE_QUESTIONS.map((q) => (
        <fieldset key={q.id} style={{ border: 0, padding: 0, margin: '8px 0' }}>
          <legend>{q.text}</legend>
          <small>{q.help}</small>
          <div style={{ display: 'flex', gap: 16 }}>
            {(['yes', 'no', 'unsure'] as const).map((a) => (
              <Radio key={a} id={`${q.id}-${a}`} name={q.id} label={a === 'unsure' ? 'Not sure' : a === 'yes' ? 'Yes' : 'No'} isChecked={answers[q.id] === a} onChange={() => setAnswers({ ...answers, [q.id]: a })} />
            ))}
          </div>
        </fieldset>
      ))}
      <Alert variant={verdict.status === 'undecided' ? 'info' : 'success'} isInline title={verdict.headline} data-testid="tree-verdict">
        <List>
          {verdict.follows.map((f) => (
            <ListItem key={f}>{f}</ListItem>
          ))}
        </List>
      </Alert>
      {verdict.status !== 'undecided' && (
        <Button style={{ marginTop: 8 }} onClick={() => void act(() => certdesk.project.setTreeStatus({ projectId: project.id, status: verdict.status }))}>
          Record as {verdict.status === 'in-tree' ? 'in tree' : 'out of tree'}
        </Button>
      )}
    </div>
  );
}

function BuildServiceForm({ project, act }: { project: Project; act: Act }) {
  const [url, setUrl] = useState(project.buildService.repositoryUrl);
  const [dockerfile, setDockerfile] = useState(project.buildService.dockerfileName);
  return (
    <Form onSubmit={(e) => { e.preventDefault(); void act(() => certdesk.project.setBuildService({ projectId: project.id, repositoryUrl: url, dockerfileName: dockerfile })); }} style={{ maxWidth: 560, margin: '16px 0' }}>
      <FormGroup label="Repository URL (HTTPS if public, SSH if private)" fieldId="build-repo">
        <TextInput id="build-repo" value={url} onChange={(_e, v) => setUrl(v)} />
      </FormGroup>
      <FormGroup label="Dockerfile name" fieldId="build-dockerfile">
        <TextInput id="build-dockerfile" value={dockerfile} onChange={(_e, v) => setDockerfile(v)} />
      </FormGroup>
      {project.buildService.deployKeyRef && <p>Deploy key: {project.buildService.deployKeyRef.keyId} ({project.buildService.deployKeyRef.fingerprint})</p>}
      <ActionGroup>
        <Button type="submit" variant="secondary">
          Save build service settings
        </Button>
      </ActionGroup>
    </Form>
  );
}

function PublishList({ project, act }: { project: Project; act: Act }) {
  if (project.images.length === 0) return <p>No image recorded yet: build, scan and push first.</p>;
  return (
    <List aria-label="Images">
      {project.images.map((image) => (
        <ListItem key={image.tag}>
          <code>{image.reference || image.tag}</code> {image.digest && <small>{image.digest}</small>}{' '}
          {image.publishedAt ? <Label color="green">Published {image.publishedAt.slice(0, 10)}</Label> : null}{' '}
          <Button variant="link" isInline onClick={() => void act(() => certdesk.project.updateImage({ projectId: project.id, tag: image.tag, published: !image.publishedAt }))}>
            {image.publishedAt ? `Mark ${image.tag} unpublished` : `Mark ${image.tag} published`}
          </Button>
        </ListItem>
      ))}
    </List>
  );
}

function HealthList({ project }: { project: Project }) {
  const health = publishedHealth(project);
  if (health.length === 0) return <p>No published image yet.</p>;
  return (
    <List aria-label="Published image health">
      {health.map((h) => (
        <ListItem key={h.tag}>
          {h.tag}: grade {h.grade ?? 'unknown'} · last rebuild {h.lastRebuildAt?.slice(0, 10) ?? 'unknown'} · {h.rebuildDue ? `rebuild due: ${h.reasons.join(' ')}` : 'no rebuild due'}
        </ListItem>
      ))}
    </List>
  );
}
