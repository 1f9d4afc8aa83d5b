import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
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
  TextInput,
  Title,
} from '@patternfly/react-core';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { AppErrorShape } from '@shared/contract/error-codes';
import type { ScanHistoryEntry, ScanReport, VulnDataStatus } from '@shared/contract/scan';
import type { CheckResult } from '@shared/scan/scan-model';
import { EvidenceProjectSelect, useEvidenceProject } from '../../components/EvidenceProjectSelect';
import { certdesk } from '../../ipc/certdesk';
import { runOperation } from '../../ipc/run-operation';

type Profile = 'connect' | 'preflight';
type ExportFormat = 'json' | 'junit' | 'sarif' | 'html';

const MARK: Record<CheckResult['status'], { symbol: string; label: string; color: 'green' | 'red' | 'grey' }> = {
  passed: { symbol: '✓', label: 'passed', color: 'green' },
  failed: { symbol: '✗', label: 'failed', color: 'red' },
  'not-evaluated': { symbol: '–', label: 'not evaluated', color: 'grey' },
};

export function ScanPage() {
  const [kind, setKind] = useState<'engine' | 'archive'>('engine');
  const [target, setTarget] = useState('');
  const [profile, setProfile] = useState<Profile>('connect');
  const [running, setRunning] = useState<{ operationId?: string; message: string; fraction?: number } | undefined>();
  const [report, setReport] = useState<ScanReport>();
  const [error, setError] = useState<AppErrorShape>();
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [history, setHistory] = useState<ScanHistoryEntry[]>([]);
  const evidence = useEvidenceProject();
  const live = useRef(true);
  useEffect(() => () => void (live.current = false), []);

  const loadHistory = useCallback(async (image?: string) => {
    const r = await certdesk.scan.history(image ? { image } : {});
    if (r.ok && live.current) setHistory(r.data);
  }, []);
  useEffect(() => void loadHistory(), [loadHistory]);

  const start = async () => {
    setError(undefined);
    setReport(undefined);
    setRunning({ message: 'Starting…' });
    const source = kind === 'engine' ? { kind: 'engine' as const, ref: target.trim() } : { kind: 'archive' as const, path: target.trim() };
    let operationId: string | undefined;
    const outcome = await runOperation<ScanReport>(
      () => certdesk.scan.start({ source, profile, ...(evidence.project ? { projectId: evidence.project.id } : {}) }),
      (e) => {
        if (e.kind === 'progress') setRunning({ ...(operationId ? { operationId } : {}), message: e.message ?? 'Scanning…', ...(e.fraction !== undefined ? { fraction: e.fraction } : {}) });
      },
      (id) => {
        operationId = id;
        setRunning({ operationId: id, message: 'Reading the image…' });
      },
    );
    if (!live.current) return;
    setRunning(undefined);
    if (outcome.ok) {
      const r = outcome.data;
      setReport(r);
      setExpanded(new Set(r.checks.filter((c) => c.status !== 'passed').map((c) => c.name)));
      void loadHistory(r.image);
    } else setError(outcome.error);
  };

  const cancel = () => {
    if (running?.operationId) void certdesk.operation.cancel({ operationId: running.operationId });
  };

  const openReport = async (id: string) => {
    const r = await certdesk.scan.report({ id });
    if (r.ok) {
      setReport(r.data);
      setExpanded(new Set());
    } else setError(r.error);
  };

  const toggle = (name: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  return (
    <PageSection aria-labelledby="scan-title">
      <Title headingLevel="h1" id="scan-title">
        Pre-certification scan
      </Title>
      <p>Every assessment of the Red Hat scanner, offline: the image is read once, never run.</p>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          if (!running && target.trim()) void start();
        }}
        style={{ marginTop: 16, maxWidth: 720 }}
      >
        <FormGroup role="radiogroup" isInline fieldId="scan-source" label="What to scan">
          <Radio id="scan-source-engine" name="scan-source" label="Image in the engine" isChecked={kind === 'engine'} onChange={() => setKind('engine')} />
          <Radio id="scan-source-archive" name="scan-source" label="Image archive (docker save / OCI tar)" isChecked={kind === 'archive'} onChange={() => setKind('archive')} />
        </FormGroup>
        <FormGroup label={kind === 'engine' ? 'Image reference' : 'Archive path'} fieldId="scan-target" isRequired>
          <TextInput id="scan-target" aria-label={kind === 'engine' ? 'Image reference' : 'Archive path'} value={target} onChange={(_e, v) => setTarget(v)} placeholder={kind === 'engine' ? 'acme/neutron-plugin:1.0-1' : '/path/to/image.tar'} />
        </FormGroup>
        <FormGroup label="Profile" fieldId="scan-profile">
          <FormSelect id="scan-profile" aria-label="Profile" value={profile} onChange={(_e, v) => setProfile(v as Profile)}>
            <FormSelectOption value="connect" label="Partner portal assessments (13)" />
            <FormSelectOption value="preflight" label="preflight container policy" />
          </FormSelect>
        </FormGroup>
        <EvidenceProjectSelect id="scan-project" {...evidence} />
        <ActionGroup>
          <Button type="submit" variant="primary" isDisabled={!!running || target.trim() === ''}>
            Scan
          </Button>
          {running && (
            <Button variant="secondary" onClick={cancel} isDisabled={!running.operationId}>
              Cancel
            </Button>
          )}
        </ActionGroup>
      </Form>

      {running && (
        <Progress
          aria-label="Scan progress"
          title={running.message}
          value={running.fraction !== undefined ? Math.round(running.fraction * 100) : undefined}
          measureLocation={running.fraction === undefined ? 'none' : 'outside'}
          style={{ marginTop: 16, maxWidth: 720 }}
        />
      )}
      {error && (
        <Alert variant={error.code === 'CANCELLED' ? 'info' : 'danger'} isInline title={error.code === 'CANCELLED' ? 'Scan cancelled' : 'The scan could not run'} data-testid="scan-error" style={{ marginTop: 16 }}>
          <p>{error.message}</p>
          {error.hint && <p>{error.hint}</p>}
        </Alert>
      )}

      {report && <ReportView report={report} expanded={expanded} toggle={toggle} />}
      {report && <ExportForm reportId={report.id} />}

      <Title headingLevel="h2" style={{ marginTop: 32 }}>
        History
      </Title>
      {history.length === 0 ? (
        <p>No scans yet.</p>
      ) : (
        <Table aria-label="Scan history" variant="compact">
          <Thead>
            <Tr>
              <Th>Image</Th>
              <Th>Profile</Th>
              <Th>When</Th>
              <Th>Result</Th>
              <Th screenReaderText="Open" />
            </Tr>
          </Thead>
          <Tbody>
            {history.slice(0, 30).map((h) => (
              <Tr key={h.id}>
                <Td dataLabel="Image">{h.image}</Td>
                <Td dataLabel="Profile">{h.profile}</Td>
                <Td dataLabel="When">{new Date(h.finishedAt).toLocaleString()}</Td>
                <Td dataLabel="Result">
                  {h.passed ? 'all passed' : `${h.summary.failed} failed, ${h.summary.notEvaluated} not evaluated`}
                </Td>
                <Td>
                  <Button variant="link" onClick={() => void openReport(h.id)} aria-label={`Open scan of ${h.image} at ${h.finishedAt}`}>
                    Open
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <VulnDataPanel />
    </PageSection>
  );
}

function ReportView({ report, expanded, toggle }: { report: ScanReport; expanded: Set<string>; toggle: (name: string) => void }) {
  return (
    <section aria-label="Scan results" style={{ marginTop: 24 }}>
      <Title headingLevel="h2">
        Scan details: {report.image}
      </Title>
      <p data-testid="scan-summary">
        {report.passed ? 'All assessments passed.' : `${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.notEvaluated} not evaluated.`}{' '}
        {report.layerCount} layers, {report.source.format}, {report.profile} profile.
      </p>
      {report.health && (
        <Alert variant="info" isInline title={`Health grade estimate: ${report.health.grade}`} style={{ marginBottom: 16 }}>
          <p>{report.health.rule}</p>
          <p>The limits for E and F are not published precisely: treat E/F as unconfirmed.</p>
        </Alert>
      )}
      <Table aria-label="Assessments" variant="compact">
        <Thead>
          <Tr>
            <Th screenReaderText="Details" />
            <Th>Assessments</Th>
            <Th>Result</Th>
          </Tr>
        </Thead>
        {report.checks.map((c, i) => {
          const mark = MARK[c.status];
          const isOpen = expanded.has(c.name);
          return (
            <Tbody key={c.name} isExpanded={isOpen}>
              <Tr data-testid={`check-${c.name}`}>
                <Td expand={{ rowIndex: i, isExpanded: isOpen, onToggle: () => toggle(c.name), expandId: `check-${c.name}` }} />
                <Td dataLabel="Assessment">{c.name}</Td>
                <Td dataLabel="Result">
                  <Label color={mark.color} aria-label={`${c.name} ${mark.label}`}>
                    {mark.symbol} {mark.label}
                  </Label>
                </Td>
              </Tr>
              <Tr isExpanded={isOpen}>
                <Td colSpan={3}>
                  <ExpandableRowContent>
                    <p>{c.description}</p>
                    <List aria-label={`Evidence for ${c.name}`}>
                      {c.evidence.map((e, j) => (
                        <ListItem key={j}>{e}</ListItem>
                      ))}
                      {c.evidenceOmitted ? <ListItem>… {c.evidenceOmitted} more</ListItem> : null}
                    </List>
                    {(c.warnings ?? []).map((w, j) => (
                      <p key={j}>Warning: {w}</p>
                    ))}
                    {c.status !== 'passed' && <p>Suggestion: {c.suggestion}</p>}
                    <p>
                      Source: {c.source} ·{' '}
                      <a href={c.knowledgebaseUrl} target="_blank" rel="noreferrer noopener">
                        policy guide
                      </a>
                    </p>
                  </ExpandableRowContent>
                </Td>
              </Tr>
            </Tbody>
          );
        })}
      </Table>
      {report.vulnerabilities && report.vulnerabilities.findings.length > 0 && (
        <>
          <Title headingLevel="h3" style={{ marginTop: 16 }}>
            Vulnerabilities
          </Title>
          <Table aria-label="Vulnerabilities" variant="compact">
            <Thead>
              <Tr>
                <Th>CVE</Th>
                <Th>Severity</Th>
                <Th>Package</Th>
                <Th>Installed</Th>
                <Th>Fixed in</Th>
                <Th>Advisory</Th>
              </Tr>
            </Thead>
            <Tbody>
              {report.vulnerabilities.findings.slice(0, 200).map((f) => (
                <Tr key={`${f.cve}-${f.packageName}`}>
                  <Td>{f.cve}</Td>
                  <Td>{f.severity}</Td>
                  <Td>{f.packageName}</Td>
                  <Td>{f.installed}</Td>
                  <Td>{f.fixed ?? 'no fix yet'}</Td>
                  <Td>{f.advisory ?? ''}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      )}
    </section>
  );
}

function ExportForm({ reportId }: { reportId: string }) {
  const [format, setFormat] = useState<ExportFormat>('html');
  const [path, setPath] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const run = async () => {
    const r = await certdesk.scan.export({ id: reportId, format, path: path.trim() });
    setResult(r.ok ? { ok: true, text: `Written: ${r.data.path} (${r.data.bytes} bytes)` } : { ok: false, text: `${r.error.message} ${r.error.hint ?? ''}` });
  };
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) void run();
      }}
      style={{ marginTop: 16, maxWidth: 720 }}
      aria-label="Export the report"
    >
      <Title headingLevel="h3">Export the report</Title>
      <FormGroup label="Format" fieldId="export-format">
        <FormSelect id="export-format" aria-label="Export format" value={format} onChange={(_e, v) => setFormat(v as ExportFormat)}>
          <FormSelectOption value="html" label="HTML (self-contained)" />
          <FormSelectOption value="json" label="JSON (preflight shape)" />
          <FormSelectOption value="junit" label="JUnit XML" />
          <FormSelectOption value="sarif" label="SARIF" />
        </FormSelect>
      </FormGroup>
      <FormGroup label="Export path" fieldId="export-path">
        <TextInput id="export-path" aria-label="Export path" value={path} onChange={(_e, v) => setPath(v)} placeholder="/home/me/scan-report.html" />
      </FormGroup>
      <ActionGroup>
        <Button type="submit" variant="secondary" isDisabled={path.trim() === ''}>
          Export
        </Button>
      </ActionGroup>
      {result && (
        <Alert variant={result.ok ? 'success' : 'danger'} isInline title={result.ok ? 'Report exported' : 'Export failed'} data-testid="export-result">
          {result.text}
        </Alert>
      )}
    </Form>
  );
}

function VulnDataPanel() {
  const [status, setStatus] = useState<VulnDataStatus>();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<AppErrorShape>();
  const refresh = useCallback(async () => {
    const r = await certdesk.vulns.status({});
    if (r.ok) setStatus(r.data);
  }, []);
  useEffect(() => void refresh(), [refresh]);
  const run = async () => {
    setError(undefined);
    setBusy('Importing…');
    const outcome = await runOperation<VulnDataStatus>(
      () => certdesk.vulns.import({ path: path.trim() }),
      (e) => {
        if (e.kind === 'progress') setBusy(e.message ?? 'Importing…');
      },
    );
    setBusy(undefined);
    if (outcome.ok) setStatus(outcome.data);
    else setError(outcome.error);
  };
  return (
    <section aria-label="Security data" style={{ marginTop: 32, maxWidth: 720 }}>
      <Title headingLevel="h2">Security data</Title>
      {status && !status.imported && <p data-testid="vulns-status">No Red Hat security data imported: free_of_critical_vulnerabilities is not evaluated until you import CSAF/VEX files or an OVAL v2 stream.</p>}
      {status?.imported && (
        <p data-testid="vulns-status">
          {status.records} records for {status.packages} packages from {status.sources.length} source(s); newest advisory {status.newestDocument ?? 'unknown'}
          {status.ageDays !== undefined ? ` (${status.ageDays} days old)` : ''}. <Label color="blue">imported {status.importedAt}</Label>
        </p>
      )}
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && path.trim()) void run();
        }}
      >
        <FormGroup label="Security data path (folder, .tar or .tar.gz)" fieldId="vulns-path">
          <TextInput id="vulns-path" aria-label="Security data path" value={path} onChange={(_e, v) => setPath(v)} placeholder="/home/me/Downloads/csaf" />
        </FormGroup>
        <ActionGroup>
          <Button type="submit" variant="secondary" isDisabled={!!busy || path.trim() === ''}>
            Import
          </Button>
        </ActionGroup>
      </Form>
      {busy && <p>{busy}</p>}
      {error && (
        <Alert variant="danger" isInline title="Import failed" data-testid="vulns-error">
          <p>{error.message}</p>
          {error.hint && <p>{error.hint}</p>}
        </Alert>
      )}
    </section>
  );
}

