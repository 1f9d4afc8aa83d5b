import {
  ActionGroup,
  Alert,
  AlertActionLink,
  Button,
  Card,
  CardBody,
  CardTitle,
  ExpandableSection,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  Label,
  List,
  ListItem,
  PageSection,
  Tab,
  Tabs,
  TabTitleText,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { LINT_REQUIREMENTS, type LintDiagnostic, type LintReport, type LintSeverity, type QuickFix } from '@shared/contract/lint';
import type { AppErrorShape } from '@shared/contract/error-codes';
import { lintDockerfile } from '@shared/lint/lint-dockerfile';
import { REQUIREMENT_GUIDE } from '@shared/lint/requirement-guide';
import { applyFix } from '@shared/lint/text-edits';
import { EvidenceProjectSelect, useEvidenceProject } from '../../components/EvidenceProjectSelect';
import { certdesk } from '../../ipc/certdesk';
import { DockerfileEditor, type DockerfileEditorHandle } from './DockerfileEditor';
import { FixPreviewModal, type PendingChange } from './FixPreviewModal';
import { StarterForm } from './StarterForm';

/** Re-lint this long after the last keystroke: fast enough to feel live, slow enough not to lint every key. */
const RELINT_MS = 250;

const SEVERITY_COLOR: Record<LintSeverity, 'red' | 'orange' | 'blue'> = { error: 'red', warning: 'orange', info: 'blue' };

interface OpenedFile {
  path: string;
  contextDir: string | undefined;
  /** The disk content the editor started from, and its hash: a write is refused if the disk moved on. */
  diskText: string;
  sha256: string | null;
}

export function DockerfilePage() {
  const [tab, setTab] = useState<'lint' | 'new'>('lint');
  const [pathInput, setPathInput] = useState('');
  const [contextInput, setContextInput] = useState('');
  const [file, setFile] = useState<OpenedFile | null>(null);
  const [text, setText] = useState('');
  const [report, setReport] = useState<LintReport>(() => lintDockerfile(''));
  const [error, setError] = useState<AppErrorShape>();
  const [notice, setNotice] = useState<string>();
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [busy, setBusy] = useState(false);
  const [savePath, setSavePath] = useState('');
  /** Bumped when a fix was applied: its button is about to disappear, so focus moves to the results. */
  const [focusResults, setFocusResults] = useState(0);
  const editor = useRef<DockerfileEditorHandle>(null);
  const evidence = useEvidenceProject();
  const evidenceFor = evidence.project ? { projectId: evidence.project.id } : {};

  useEffect(() => {
    // Runs after the dialog closed (and handed focus back to the fix button, which the re-lint removes).
    if (focusResults > 0) document.getElementById('lint-results-title')?.focus();
  }, [focusResults]);

  // Debounced re-lint. With a file open, the main process adds build-context facts (license files);
  // otherwise the pure linter runs right here in the page.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      if (file?.contextDir !== undefined) {
        void certdesk.lint.text({ text, contextDir: file.contextDir }).then((result) => {
          if (live) setReport(result.ok ? result.data : lintDockerfile(text));
        });
      } else {
        setReport(lintDockerfile(text));
      }
    }, RELINT_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, file?.contextDir]);

  const open = async (path = pathInput, contextDir = contextInput) => {
    setBusy(true);
    const result = await certdesk.lint.file({ path: path.trim(), ...(contextDir.trim() ? { contextDir: contextDir.trim() } : {}), ...evidenceFor });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const data = result.data;
    setError(undefined);
    setNotice(undefined);
    setFile({ path: data.file, contextDir: data.contextDir, diskText: data.text, sha256: data.sha256 });
    setPathInput(data.file);
    setContextInput(data.contextDir ?? '');
    setText(data.text);
    setReport(data.report);
  };

  const write = async (newText: string, path: string, expectedSha256: string | null) => {
    setBusy(true);
    const result = await certdesk.lint.write({ path, text: newText, expectedSha256 });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    setError(undefined);
    // The saved file is what the project's evidence is about: check it from disk again.
    if (evidence.project) void certdesk.lint.file({ path: result.data.file, ...(file?.contextDir ? { contextDir: file.contextDir } : {}), ...evidenceFor });
    setNotice(`Saved ${result.data.file}${result.data.backupPath ? `; the previous version is in ${result.data.backupPath}` : ''}.`);
    setFile((f) => ({ path: result.data.file, contextDir: f?.path === result.data.file ? f.contextDir : undefined, diskText: newText, sha256: result.data.sha256 }));
    setPathInput(result.data.file);
    setText(newText);
    return true;
  };

  const previewFix = (fix: QuickFix) => setPending({ title: fix.title, before: text, after: applyFix(text, fix) });
  const previewSave = () => file && setPending({ title: `Save ${file.path}`, before: file.diskText, after: text });

  const confirmPending = async () => {
    if (!pending || !file) return;
    // The diff was shown against the editor; the file gets the editor's text with the fix applied.
    if (await write(pending.after, file.path, file.sha256)) {
      setPending(null);
      setFocusResults((n) => n + 1);
    }
  };

  const grouped = useMemo(() => {
    const groups = new Map<string, LintDiagnostic[]>();
    for (const d of report.diagnostics) groups.set(d.requirement, [...(groups.get(d.requirement) ?? []), d]);
    return LINT_REQUIREMENTS.filter((r) => groups.has(r)).map((r) => ({ requirement: r, diagnostics: groups.get(r) ?? [] }));
  }, [report]);

  const counts = (['error', 'warning', 'info'] as const).map((s) => [s, report.diagnostics.filter((d) => d.severity === s).length] as const);
  const unsaved = file !== null && file.diskText !== text;

  return (
    <PageSection aria-labelledby="dockerfile-title">
      <Title headingLevel="h1" id="dockerfile-title">
        Dockerfile
      </Title>
      <Tabs activeKey={tab} onSelect={(_e, key) => setTab(key as 'lint' | 'new')} aria-label="Dockerfile tasks">
        <Tab eventKey="lint" title={<TabTitleText>Check a Dockerfile</TabTitleText>}>
          <Form
            aria-label="Open a Dockerfile"
            onSubmit={(e) => {
              e.preventDefault();
              void open();
            }}
            style={{ marginTop: 16 }}
          >
            <FormGroup label="Dockerfile path" fieldId="dockerfile-path" isRequired>
              <TextInput id="dockerfile-path" value={pathInput} onChange={(_e, v) => setPathInput(v)} placeholder="/home/me/plugin/Dockerfile" isRequired />
            </FormGroup>
            <FormGroup label="Build context folder (optional; defaults to the Dockerfile's folder)" fieldId="dockerfile-context">
              <TextInput id="dockerfile-context" value={contextInput} onChange={(_e, v) => setContextInput(v)} />
            </FormGroup>
            <EvidenceProjectSelect id="dockerfile-project" {...evidence} />
            <ActionGroup>
              <Button type="submit" variant="primary" isDisabled={busy || pathInput.trim() === ''}>
                Open and check
              </Button>
              {file && (
                <Button variant="secondary" onClick={() => void open(file.path, file.contextDir ?? '')} isDisabled={busy}>
                  Reload from disk
                </Button>
              )}
              {file && (
                <Button variant="secondary" onClick={previewSave} isDisabled={busy || !unsaved}>
                  Save changes…
                </Button>
              )}
            </ActionGroup>
          </Form>

          {error && (
            <Alert
              variant="danger"
              isInline
              title={error.message}
              style={{ marginTop: 16 }}
              data-testid="dockerfile-error"
              actionLinks={file && error.code === 'FILE_WRITE_FAILED' ? <AlertActionLink onClick={() => void open(file.path, file.contextDir ?? '')}>Reload from disk</AlertActionLink> : undefined}
            >
              {error.hint}
            </Alert>
          )}
          {notice && <Alert variant="success" isInline title={notice} style={{ marginTop: 16 }} />}

          <Flex style={{ marginTop: 16 }} alignItems={{ default: 'alignItemsFlexStart' }}>
            <FlexItem flex={{ default: 'flex_1' }} style={{ minWidth: 360 }}>
              <DockerfileEditor ref={editor} text={text} diagnostics={report.diagnostics} onChange={setText} />
              <p style={{ marginTop: 4 }}>{file ? `${file.path}${unsaved ? ' (edited, not saved)' : ''}` : 'Paste or type a Dockerfile, or open one by path.'}</p>
            </FlexItem>
            <FlexItem flex={{ default: 'flex_1' }} style={{ minWidth: 360 }}>
              <section aria-labelledby="lint-results-title">
                <Title headingLevel="h2" id="lint-results-title" tabIndex={-1}>
                  {report.passed ? 'Passes the certification rules' : 'Does not pass yet'}
                </Title>
                <p role="status" aria-live="polite" data-testid="lint-summary">
                  {counts.map(([s, n]) => `${n} ${s}${s === 'info' || n === 1 ? '' : 's'}`).join(', ')}
                </p>
                {grouped.map(({ requirement, diagnostics }) => {
                  const guide = REQUIREMENT_GUIDE[requirement];
                  return (
                    <Card key={requirement} isCompact style={{ marginTop: 12 }} aria-label={guide.title} data-requirement={requirement}>
                      <CardTitle>
                        <Title headingLevel="h3">{guide.title}</Title>
                      </CardTitle>
                      <CardBody>
                        <ExpandableSection toggleText={`What the guide says (${guide.guideSection})`}>
                          <p>{guide.explanation}</p>
                          <a href={guide.link} target="_blank" rel="noopener noreferrer">
                            Red Hat documentation: {guide.title}
                          </a>
                        </ExpandableSection>
                        <List isPlain aria-label={`${guide.title} findings`}>
                          {diagnostics.map((d, i) => (
                            <ListItem key={`${d.rule}-${d.line}-${i}`}>
                              <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }}>
                                <Label color={SEVERITY_COLOR[d.severity]} isCompact>
                                  {d.severity}
                                </Label>
                                <Button variant="link" isInline onClick={() => editor.current?.revealLine(d.line, d.endLine)} aria-label={`Go to line ${d.line}`}>
                                  Line {d.line}
                                  {d.endLine !== d.line ? `–${d.endLine}` : ''}
                                </Button>
                                <code>{d.rule}</code>
                              </Flex>
                              <p>{d.message}</p>
                              {d.fix && (
                                <Button variant="secondary" size="sm" style={{ whiteSpace: 'normal', textAlign: 'left' }} onClick={() => d.fix && previewFix(d.fix)}>
                                  Fix: {d.fix.title}…
                                </Button>
                              )}
                            </ListItem>
                          ))}
                        </List>
                      </CardBody>
                    </Card>
                  );
                })}
              </section>
            </FlexItem>
          </Flex>
        </Tab>
        <Tab eventKey="new" title={<TabTitleText>New Dockerfile</TabTitleText>}>
          <div style={{ marginTop: 16, maxWidth: 720 }}>
            <StarterForm
              onGenerated={(generated) => {
                setFile(null);
                setText(generated);
                setNotice('Generated a starter Dockerfile. Review it here, then save it under a path of your choice.');
                setTab('lint');
              }}
            />
          </div>
        </Tab>
      </Tabs>

      {tab === 'lint' && !file && text.trim() !== '' && (
        <Form
          aria-label="Save as a new file"
          style={{ marginTop: 16, maxWidth: 720 }}
          onSubmit={(e) => {
            e.preventDefault();
            void write(text, savePath.trim(), null).then((ok) => ok && void open(savePath.trim(), ''));
          }}
        >
          <FormGroup label="Save as (a new file; an existing one is never overwritten)" fieldId="dockerfile-save-path">
            <TextInput id="dockerfile-save-path" value={savePath} onChange={(_e, v) => setSavePath(v)} placeholder="/home/me/plugin/Dockerfile" />
          </FormGroup>
          <ActionGroup>
            <Button type="submit" variant="secondary" isDisabled={busy || savePath.trim() === ''}>
              Create file
            </Button>
          </ActionGroup>
        </Form>
      )}

      <FixPreviewModal
        change={pending}
        canWrite={file !== null}
        unsavedEdits={unsaved}
        busy={busy}
        onConfirm={() => void confirmPending()}
        onApplyToEditor={() => {
          if (pending) setText(pending.after);
          setPending(null);
          setFocusResults((n) => n + 1);
        }}
        onCancel={() => setPending(null)}
      />
    </PageSection>
  );
}
