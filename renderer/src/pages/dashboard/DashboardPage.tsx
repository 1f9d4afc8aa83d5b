import { Alert, Button, Card, CardBody, CardTitle, Content, EmptyState, EmptyStateBody, EmptyStateFooter, Label, List, ListItem, PageSection, Progress, Title } from '@patternfly/react-core';
import { BELOW_A_REMINDER, publishedHealth } from '@shared/certification/maintenance';
import { evaluateJourney } from '@shared/certification/wizard-steps';
import { checklistProgress } from '@shared/projects/checklist';
import { certdesk } from '../../ipc/certdesk';
import { useProfile } from '../wizard/profile-state';

/** The first screen: every project, its stage, progress and next action; or the way in for a new user. */
export function DashboardPage() {
  const { profile, error, act } = useProfile();
  const openProject = (projectId: string, href: string) => void certdesk.wizard.set({ projectId }).then(() => (window.location.hash = href));
  return (
    <PageSection aria-labelledby="dashboard-title">
      <Title headingLevel="h1" id="dashboard-title">
        Dashboard
      </Title>
      {error && <Alert variant="danger" isInline title={error.message}>{error.hint}</Alert>}
      {profile?.notices.map((n) => (
        <Alert key={n.id} variant={n.level} isInline title="Settings notice" data-testid="settings-notice" actionClose={<Button variant="link" onClick={() => void act(() => certdesk.project.dismissNotice({ noticeId: n.id }))}>Dismiss</Button>}>
          {n.message}
        </Alert>
      ))}
      {profile && profile.projects.length === 0 && (
        <EmptyState titleText="Start your first certification" headingLevel="h2">
          <EmptyStateBody>
            CertDesk walks you through Red Hat’s partner guide: registration, the OpenStack &amp; NFV zone, your product, the certification project, the container checklist, the
            Dockerfile, build, scan, upload, publishing, export compliance and maintenance.
          </EmptyStateBody>
          <EmptyStateFooter>
            <Button component="a" href="#/wizard" variant="primary" size="lg">
              Start your first certification
            </Button>
          </EmptyStateFooter>
        </EmptyState>
      )}
      {profile?.projects.map((project) => {
        const journey = evaluateJourney(profile, project);
        const checklist = checklistProgress(project);
        const health = publishedHealth(project);
        return (
          <Card key={project.id} style={{ marginTop: 16 }} data-testid="project-card">
            <CardTitle>
              <Title headingLevel="h2">{project.name}</Title>
            </CardTitle>
            <CardBody>
              <Content component="p">
                Stage: <strong>{journey.next ? journey.next.title : 'Published and maintained'}</strong> · Checklist {checklist.done}/{checklist.total} · {project.treeStatus}
              </Content>
              <Progress value={Math.round((journey.done / journey.total) * 100)} title={`${project.name} progress`} label={`${journey.done} of ${journey.total} steps`} aria-label={`${project.name} progress`} />
              <p style={{ marginTop: 8 }}>
                Next action: {journey.next ? journey.steps.find((s) => s.def.id === journey.next!.id)?.state.detail : 'Keep images rebuilt and scanned.'}{' '}
                <Button variant="link" isInline onClick={() => openProject(project.id, '#/wizard')}>
                  Continue {project.name} in the wizard
                </Button>{' '}
                <Button variant="link" isInline onClick={() => openProject(project.id, '#/checklist')}>
                  Open the checklist of {project.name}
                </Button>
              </p>
              {health.length > 0 && (
                <>
                  <Title headingLevel="h3">Published images</Title>
                  <List>
                    {health.map((h) => (
                      <ListItem key={h.tag}>
                        {h.tag}: grade {h.grade ?? 'unknown'} · last rebuild {h.lastRebuildAt?.slice(0, 10) ?? 'unknown'}{' '}
                        {h.rebuildDue ? <Label color="red">Rebuild due: {h.reasons.join(' ')}</Label> : <Label color="green">No rebuild due</Label>}
                      </ListItem>
                    ))}
                  </List>
                  <p><small>{BELOW_A_REMINDER} Grades are estimates from CertDesk’s last scan; the limits for E and F are not confirmed by Red Hat.</small></p>
                </>
              )}
            </CardBody>
          </Card>
        );
      })}
    </PageSection>
  );
}
