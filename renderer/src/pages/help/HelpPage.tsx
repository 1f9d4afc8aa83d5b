import { ActionGroup, Alert, Button, ClipboardCopy, Content, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, ExpandableSection, Form, FormGroup, List, ListItem, PageSection, SearchInput, TextArea, TextInput, Title } from '@patternfly/react-core';
import { useState } from 'react';
import { CONNECT_HELP, draftSupportCase, FAQ, ONLINE_RESOURCES, searchFaq } from '@shared/certification/help-content';
import { GUIDE_SECTIONS } from '@shared/certification/guide-sections';
import { certdesk } from '../../ipc/certdesk';
import { ExternalLink } from '../wizard/ExternalLink';
import { activeProject, useProfile } from '../wizard/profile-state';

/** The guide's FAQ (searchable), getting help, a support-case helper, status reports and the online resources. */
export function HelpPage() {
  const { profile } = useProfile();
  const project = activeProject(profile);
  const [query, setQuery] = useState('');
  const [problem, setProblem] = useState('');
  const [details, setDetails] = useState('');
  const [reportError, setReportError] = useState<string>();
  const [pdf, setPdf] = useState<{ busy: boolean; saved?: string }>({ busy: false });
  const hits = searchFaq(query, FAQ);
  const draft = profile ? draftSupportCase(profile, project, problem, details) : undefined;

  const download = async (format: 'md' | 'html') => {
    if (!project) return;
    const result = await certdesk.report.render({ projectId: project.id, format });
    if (!result.ok) return setReportError(result.error.message);
    const url = URL.createObjectURL(new Blob([result.data.content], { type: result.data.mediaType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = result.data.fileName;
    a.click();
    URL.revokeObjectURL(url);
  };
  // Printed where CertDesk runs (this machine: the app or the loopback bridge), into its reports folder.
  const savePdf = async () => {
    if (!project) return;
    setPdf({ busy: true });
    setReportError(undefined);
    const result = await certdesk.report.pdf({ projectId: project.id });
    if (!result.ok) {
      setPdf({ busy: false });
      return setReportError(`${result.error.message}${result.error.hint ? ` ${result.error.hint}` : ''}`);
    }
    setPdf({ busy: false, saved: `PDF report saved to ${result.data.path} (${Math.max(1, Math.round(result.data.bytes / 1024))} KiB).` });
  };

  return (
    <PageSection aria-labelledby="help-title">
      <Title headingLevel="h1" id="help-title">
        Help
      </Title>
      <section aria-labelledby="faq-title">
        <Title headingLevel="h2" id="faq-title">
          Top FAQs
        </Title>
        <SearchInput aria-label="Search the FAQ" placeholder="Search the FAQ" value={query} onChange={(_e, v) => setQuery(v)} onClear={() => setQuery('')} style={{ maxWidth: 480, margin: '8px 0' }} />
        <p aria-live="polite">{hits.length} of {FAQ.length} answers</p>
        {hits.map((f) => (
          <ExpandableSection key={f.number} toggleText={`${f.number}. ${f.question}`} isIndented data-testid="faq-entry">
            {f.answer}
          </ExpandableSection>
        ))}
      </section>
      <section aria-labelledby="gethelp-title" style={{ marginTop: 24 }}>
        <Title headingLevel="h2" id="gethelp-title">
          Getting help
        </Title>
        <Content component="p">
          General questions about the partner program, registering or certifying: {CONNECT_HELP.email}. Portal issues or help with a certified image: open a support case on the{' '}
          <ExternalLink href={CONNECT_HELP.supportCaseUrl}>Red Hat Customer Portal</ExternalLink> (Support Cases → Open a New Support Case).
        </Content>
        <Title headingLevel="h3">Support case helper</Title>
        <Form style={{ maxWidth: 640 }} onSubmit={(e) => e.preventDefault()}>
          <FormGroup label="Problem statement" fieldId="case-problem">
            <TextInput id="case-problem" value={problem} onChange={(_e, v) => setProblem(v)} />
          </FormGroup>
          <FormGroup label="What happened (details)" fieldId="case-details">
            <TextArea id="case-details" value={details} onChange={(_e, v) => setDetails(v)} rows={4} />
          </FormGroup>
        </Form>
        {draft && (
          <DescriptionList aria-label="Support case fields" style={{ marginTop: 12 }} data-testid="support-case">
            {(
              [
                ['Product', draft.product],
                ['Product Version', draft.productVersion],
                ['Case Type', draft.caseType],
                ['Problem Statement', draft.problemStatement || '(fill in above)'],
                ['Case Description', draft.description],
                ['Attach', draft.attachment ?? 'No scan report recorded yet; attach screenshots of the error.'],
              ] as const
            ).map(([term, value]) => (
              <DescriptionListGroup key={term}>
                <DescriptionListTerm>{term}</DescriptionListTerm>
                <DescriptionListDescription>
                  <ClipboardCopy isReadOnly isCode={term === 'Case Description'} variant={term === 'Case Description' ? 'expansion' : 'inline-compact'} hoverTip="Copy" clickTip="Copied" aria-label={`${term} to copy`}>
                    {value}
                  </ClipboardCopy>
                </DescriptionListDescription>
              </DescriptionListGroup>
            ))}
          </DescriptionList>
        )}
      </section>
      <section aria-labelledby="report-title" style={{ marginTop: 24 }}>
        <Title headingLevel="h2" id="report-title">
          Status report
        </Title>
        {project ? (
          <>
            <p>The status of {project.name}: checklist, images, scans and pending steps. PDF: <code>certdesk report --project {project.name} --format pdf</code>.</p>
            <ActionGroup>
              <Button variant="secondary" onClick={() => void download('md')}>Download Markdown report</Button>
              <Button variant="secondary" onClick={() => void download('html')}>Download HTML report</Button>
              <Button variant="secondary" onClick={() => void savePdf()} isLoading={pdf.busy} isDisabled={pdf.busy}>Save PDF report</Button>
            </ActionGroup>
            {pdf.saved && <Alert variant="success" isInline title={pdf.saved} />}
            {reportError && <Alert variant="danger" isInline title={reportError} />}
          </>
        ) : (
          <p>No project yet.</p>
        )}
      </section>
      <section aria-labelledby="resources-title" style={{ marginTop: 24 }}>
        <Title headingLevel="h2" id="resources-title">
          Online resources
        </Title>
        <List>
          {ONLINE_RESOURCES.map((r) => (
            <ListItem key={r.url}>
              {r.url.includes('redhat.com') ? <ExternalLink href={r.url}>{r.title}</ExternalLink> : <span>{r.title}: <code>{r.url}</code></span>}
            </ListItem>
          ))}
        </List>
        <Title headingLevel="h3">Where each part of the guide lives in CertDesk</Title>
        <List>
          {GUIDE_SECTIONS.map((s) => (
            <ListItem key={s.section}>
              <a href={s.href}>{s.section}</a>
            </ListItem>
          ))}
        </List>
        <Alert variant="info" isInline isPlain title="Portal “Access Denied” on the Policy Guide? Write to connect@redhat.com." />
      </section>
    </PageSection>
  );
}
