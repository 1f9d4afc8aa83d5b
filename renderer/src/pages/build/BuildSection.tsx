import {
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Checkbox,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormHelperText,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  Label,
  List,
  ListItem,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import type { AppErrorShape } from '@shared/contract/error-codes';
import type { BuildLogSummary, BuildResult, ContextInspection } from '@shared/contract/images';
import { parseReference, tagViolations } from '@shared/images/tag-rules';
import { formatBytes, formatDuration } from '@shared/images/layer-progress';
import { BuildTerminal, type BuildTerminalHandle } from '../../components/terminal/BuildTerminal';
import { certdesk } from '../../ipc/certdesk';
import { useCall } from '../../ipc/use-call';
import { ErrorAlert } from './ErrorAlert';
import { useNow, useOperation } from '../../ipc/use-operation';

function parseBuildArgs(text: string): { args: Record<string, string>; error?: string } {
  const args: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { args, error: `"${line}" is not KEY=VALUE.` };
    args[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { args };
}

export function tagProblems(reference: string): string[] {
  if (!reference) return ['Give the image a name and tag, e.g. my-plugin:1.0-1.'];
  // The guide's tag rules first: their messages say exactly what to change.
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/')) {
    const v = tagViolations(reference.slice(colon + 1));
    if (v.length > 0) return v.map((x) => x.message);
  }
  const p = parseReference(reference);
  if (!p.ok) return [p.error];
  if (!p.ref.tag) return ['Add a tag (NAME:TAG); the portal needs one, e.g. 1.0-1.'];
  return tagViolations(p.ref.tag).map((v) => v.message);
}

/** Build form, live terminal with step counter and elapsed time, cancel, and past logs. */
export function BuildSection({ onBuilt, projectId }: { onBuilt: (reference: string) => void; projectId?: string | undefined }) {
  const [contextDir, setContextDir] = useState('');
  const [dockerfile, setDockerfile] = useState('Dockerfile');
  const [reference, setReference] = useState('');
  const [buildArgs, setBuildArgs] = useState('');
  const [target, setTarget] = useState('');
  const [noCache, setNoCache] = useState(false);
  const [pull, setPull] = useState(false);
  const [inspection, setInspection] = useState<ContextInspection>();
  const [formError, setFormError] = useState<AppErrorShape>();
  const [suggestion, setSuggestion] = useState<string>();
  const terminal = useRef<BuildTerminalHandle>(null);
  const op = useOperation<BuildResult>((lines) => terminal.current?.write(lines));
  const now = useNow(op.state.running);
  const logs = useCall(() => certdesk.build.logs({}), {});
  const [shownLog, setShownLog] = useState<string>();
  // Bumped by whatever takes the terminal (a build, another past log): a log still loading stops.
  const terminalOwner = useRef(0);

  const problems = tagProblems(reference);
  const args = parseBuildArgs(buildArgs);
  const s = op.state;
  const elapsed = s.startedAt ? ((s.running ? now : Number(s.stats.elapsedMs ?? 0) + s.startedAt) - s.startedAt) / 1000 : 0;

  // A pasted path often carries a trailing blank or line break that no message would show.
  const folder = contextDir.trim();
  const inspect = async () => {
    const r = await certdesk.build.inspectContext({ contextDir: folder, ...(dockerfile ? { dockerfile } : {}) });
    if (r.ok) {
      setInspection(r.data);
      setFormError(undefined);
    } else {
      setInspection(undefined);
      setFormError(r.error);
    }
  };
  const suggest = async () => {
    const name = reference.split(':')[0] || undefined;
    const r = await certdesk.build.suggestTag({ contextDir: folder, ...(dockerfile ? { dockerfile } : {}), ...(name ? { repository: name } : {}) });
    if (!r.ok) return setFormError(r.error);
    setSuggestion(r.data.suggestion ? `${r.data.suggestion.tag} (${r.data.suggestion.reason})` : 'No version label in the Dockerfile.');
    if (r.data.suggestion) setReference(`${name ?? 'my-plugin'}:${r.data.suggestion.tag}`);
  };
  const build = async () => {
    terminalOwner.current++;
    terminal.current?.clear();
    setShownLog(undefined);
    setFormError(undefined);
    await op.start(() =>
      certdesk.build.start({
        contextDir: folder,
        tags: [reference],
        buildArgs: args.args,
        noCache,
        pull,
        ...(dockerfile ? { dockerfile } : {}),
        ...(target ? { target } : {}),
        ...(projectId ? { projectId } : {}),
      }),
    );
    // The running build shows up among the past logs at once (it is on disk from its first line).
    logs.reload();
  };
  const openLog = async (log: BuildLogSummary) => {
    const owner = ++terminalOwner.current;
    terminal.current?.clear();
    setShownLog(log.logId);
    let offset = 0;
    for (;;) {
      const r = await certdesk.build.readLog({ logId: log.logId, offset, maxBytes: 1024 * 1024 });
      if (owner !== terminalOwner.current) return;
      if (!r.ok) return setFormError(r.error);
      terminal.current?.write(r.data.text.replace(/\n$/, '').split('\n'));
      offset = r.data.nextOffset;
      if (offset >= r.data.size) break;
    }
  };
  useEffect(() => {
    // Only with ?bench in the URL: lets bench/terminal-bench.ts drive this page's terminal.
    if (!new URLSearchParams(window.location.search).has('bench')) return;
    (window as unknown as { __certdeskBench?: unknown }).__certdeskBench = { terminal: terminal.current, api: certdesk };
  }, []);
  const builtTag = s.result?.tags[0];
  const reloadLogs = logs.reload;
  useEffect(() => {
    // A finished build hands its image to the push form and shows up among the past logs.
    if (builtTag) onBuilt(builtTag);
  }, [builtTag, onBuilt]);
  useEffect(() => {
    if (!s.running) reloadLogs();
  }, [s.running, reloadLogs]);
  const refreshLogs = logs.reload;

  return (
    <Card isCompact>
      <CardTitle>Build</CardTitle>
      <CardBody>
        <Form onSubmit={(e) => e.preventDefault()}>
          <Grid hasGutter>
            <GridItem span={6}>
              <FormGroup label="Context folder" isRequired fieldId="build-context">
                <TextInput
                  id="build-context"
                  value={contextDir}
                  onChange={(_e, v) => {
                    setContextDir(v);
                    setInspection(undefined);
                  }}
                  placeholder="/home/me/my-plugin"
                />
              </FormGroup>
            </GridItem>
            <GridItem span={6}>
              <FormGroup label="Dockerfile" fieldId="build-dockerfile">
                <TextInput id="build-dockerfile" value={dockerfile} onChange={(_e, v) => setDockerfile(v)} />
              </FormGroup>
            </GridItem>
            <GridItem span={6}>
              <FormGroup label="Image name and tag" isRequired fieldId="build-tag">
                <TextInput id="build-tag" value={reference} onChange={(_e, v) => setReference(v)} placeholder="my-plugin:1.0-1" validated={reference && problems.length ? 'error' : 'default'} />
                <FormHelperText>
                  <HelperText>
                    {reference && problems.length > 0 ? problems.map((p) => <HelperTextItem key={p} variant="error">{p}</HelperTextItem>) : <HelperTextItem>Tag convention: VERSION-RELEASE, e.g. 1.0-1 (the number after the dash counts rebuilds).</HelperTextItem>}
                    {suggestion && <HelperTextItem variant="indeterminate" data-testid="tag-suggestion">Suggested: {suggestion}</HelperTextItem>}
                  </HelperText>
                </FormHelperText>
              </FormGroup>
              <Button variant="link" isInline onClick={() => void suggest()} isDisabled={!contextDir}>
                Suggest a tag from the Dockerfile
              </Button>
            </GridItem>
            <GridItem span={6}>
              <FormGroup label="Target stage" fieldId="build-target">
                <TextInput id="build-target" value={target} onChange={(_e, v) => setTarget(v)} placeholder="(last stage)" />
              </FormGroup>
            </GridItem>
            <GridItem span={6}>
              <FormGroup label="Build arguments (KEY=VALUE, one a line)" fieldId="build-args">
                <TextArea id="build-args" value={buildArgs} onChange={(_e, v) => setBuildArgs(v)} rows={2} validated={args.error ? 'error' : 'default'} />
                {args.error && <HelperText><HelperTextItem variant="error">{args.error}</HelperTextItem></HelperText>}
              </FormGroup>
            </GridItem>
            <GridItem span={6}>
              <Checkbox id="build-no-cache" label="No cache" isChecked={noCache} onChange={(_e, v) => setNoCache(v)} />
              <Checkbox id="build-pull" label="Always pull the base image" isChecked={pull} onChange={(_e, v) => setPull(v)} />
            </GridItem>
          </Grid>
          <Flex>
            <FlexItem>
              <Button variant="secondary" onClick={() => void inspect()} isDisabled={!contextDir}>
                Check context
              </Button>
            </FlexItem>
            <FlexItem>
              <Button variant="primary" onClick={() => void build()} isDisabled={!contextDir || problems.length > 0 || Boolean(args.error) || s.running} isLoading={s.running}>
                Build
              </Button>
            </FlexItem>
            <FlexItem>
              <Button variant="danger" onClick={op.cancel} isDisabled={!s.running}>
                Cancel build
              </Button>
            </FlexItem>
          </Flex>
        </Form>
        {formError && <ErrorAlert error={formError} />}
        {inspection && (
          <div data-testid="context-summary" style={{ marginTop: 8 }}>
            <p>
              Context: {inspection.files} files, {formatBytes(inspection.bytes)}; {inspection.excludedCount} left out
              {inspection.dockerignoreFound ? ' (.dockerignore honoured)' : ''}.
            </p>
            {inspection.warnings.map((w) => (
              <Alert key={w} variant="warning" isInline isPlain title={w} />
            ))}
            {inspection.excluded.length > 0 && (
              <details>
                <summary>What is left out</summary>
                <List isPlain>
                  {inspection.excluded.slice(0, 50).map((e) => (
                    <ListItem key={e.path}>
                      <code>{e.path}</code> — {e.reason}
                    </ListItem>
                  ))}
                </List>
              </details>
            )}
          </div>
        )}
        <Flex style={{ margin: '8px 0' }} aria-live="polite">
          <FlexItem>
            <Label aria-label="Build step" data-testid="build-step">
              {s.stats.step ? `Step ${s.stats.step}/${s.stats.total}` : s.running ? (s.message ?? 'Starting') : 'Idle'}
            </Label>
          </FlexItem>
          <FlexItem>
            <Label aria-label="Elapsed time" data-testid="build-elapsed">{formatDuration(elapsed)}</Label>
          </FlexItem>
          {s.stats.engineHost && <FlexItem><Label aria-label="Build engine">{String(s.stats.engineHost)}</Label></FlexItem>}
          {shownLog && <FlexItem><Label color="blue">Showing past log {shownLog}</Label></FlexItem>}
        </Flex>
        <BuildTerminal ref={terminal} label="Build log" />
        {s.result && (
          <Alert variant="success" isInline title={`Built ${s.result.tags.join(', ')}`} data-testid="build-result" style={{ marginTop: 8 }}>
            Image {s.result.imageId.slice(0, 19)} on {s.result.engineHost} in {formatDuration(s.result.elapsedMs / 1000)}.
          </Alert>
        )}
        {s.error && <ErrorAlert error={s.error} title={s.error.code === 'CANCELLED' ? 'Build cancelled' : 'Build failed'} testId="build-error" />}
        <DescriptionList style={{ marginTop: 16 }} aria-label="Past builds">
          <DescriptionListGroup>
            <DescriptionListTerm>
              Past build logs{s.running ? ' (open one when this build ends)' : ''}{' '}
              <Button variant="link" isInline onClick={refreshLogs}>
                Refresh
              </Button>
            </DescriptionListTerm>
            <DescriptionListDescription>
              <List isPlain aria-label="Past build logs">
                {(logs.data ?? []).slice(0, 20).map((l) => (
                  <ListItem key={l.logId}>
                    <Button variant="link" isInline onClick={() => void openLog(l)} isDisabled={s.running} aria-label={`Open log of ${l.title} (${l.state})`}>
                      {new Date(l.startedAt).toLocaleString()} — {l.title}
                    </Button>{' '}
                    <Label isCompact color={l.state === 'succeeded' ? 'green' : l.state === 'running' ? 'blue' : 'red'}>{l.state}</Label> {formatBytes(l.bytes)}
                  </ListItem>
                ))}
                {logs.data?.length === 0 && <ListItem>No builds yet.</ListItem>}
              </List>
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
      </CardBody>
    </Card>
  );
}
