import { Alert, Button, Card, CardBody, CardTitle, Checkbox, Flex, FlexItem, FormGroup, FormHelperText, HelperText, HelperTextItem, Radio, TextInput } from '@patternfly/react-core';
import { useRef, useState } from 'react';
import type { PullResult, PushResult, RunResult } from '@shared/contract/images';
import { formatDuration } from '@shared/images/layer-progress';
import { isWrongEndpoint, pullReference } from '@shared/registry/registry-targets';
import { splitCommand } from '@shared/text/command-words';
import { BuildTerminal, type BuildTerminalHandle } from '../../components/terminal/BuildTerminal';
import { certdesk } from '../../ipc/certdesk';
import { ErrorAlert } from './ErrorAlert';
import type { TargetForm } from './RegistrySection';
import { TransferProgress } from './TransferProgress';
import { useOperation } from '../../ipc/use-operation';

/** Push with progress and cancel; pull in either of the guide's forms; run the pulled image briefly. */
export function TransferSection({ source, onSource, target, projectId }: { source: string; onSource: (s: string) => void; target: TargetForm; projectId?: string | undefined }) {
  const [force, setForce] = useState(false);
  const [form, setForm] = useState<'manual' | 'build-service'>('manual');
  const [command, setCommand] = useState('id');
  const pushLog = useRef<BuildTerminalHandle>(null);
  const push = useOperation<PushResult>((lines) => pushLog.current?.write(lines));
  const pull = useOperation<PullResult>((lines) => pushLog.current?.write(lines));
  const run = useOperation<RunResult>();
  const ready = Boolean(target.endpoint && target.projectId && target.tag);
  let pullRef = '';
  try {
    pullRef = ready ? pullReference(target, form) : '';
  } catch {
    pullRef = '';
  }
  const wrong = isWrongEndpoint(target.endpoint);
  // One transfer at a time: they share the log below, and a pull during a push would race it.
  const transferring = push.state.running || pull.state.running;
  const words = splitCommand(command);

  return (
    <Card isCompact>
      <CardTitle>Push, pull and run</CardTitle>
      <CardBody>
        <Flex alignItems={{ default: 'alignItemsFlexEnd' }}>
          <FlexItem grow={{ default: 'grow' }}>
            <FormGroup label="Local image to push" fieldId="push-source">
              <TextInput id="push-source" value={source} onChange={(_e, v) => onSource(v)} placeholder="my-plugin:1.0-1" />
            </FormGroup>
          </FlexItem>
          <FlexItem>
            <Button
              variant="primary"
              isDisabled={!source || !ready || !target.image || transferring || (wrong && !force)}
              isLoading={push.state.running}
              onClick={() => {
                pushLog.current?.clear();
                void push.start(() => certdesk.image.push({ source, target, force, retries: 3, ...(projectId ? { projectId } : {}) }));
              }}
            >
              Push
            </Button>{' '}
            <Button variant="danger" isDisabled={!push.state.running} onClick={push.cancel}>
              Cancel push
            </Button>
          </FlexItem>
        </Flex>
        {wrong && <Checkbox id="push-force" label="Push to this endpoint anyway (it never reaches the project page)" isChecked={force} onChange={(_e, v) => setForce(v)} />}
        {(push.state.running || push.state.items.length > 0) && <TransferProgress label="Push progress" fraction={push.state.fraction} stats={push.state.stats} items={push.state.items} />}
        {push.state.running && push.state.warnings.map((w, i) => <Alert key={i} variant="warning" isInline isPlain title={w.message}>{w.hint}</Alert>)}
        {push.state.result && (
          <Alert variant="success" isInline title="Pushed" data-testid="push-result" style={{ marginTop: 8 }}>
            <p>
              <code>{push.state.result.reference}</code>
            </p>
            <p>
              Digest <code data-testid="push-digest">{push.state.result.digest}</code> · {push.state.result.layersSkipped} layers already there · {formatDuration(push.state.result.elapsedMs / 1000)} · engine {push.state.result.engineHost}
              {push.state.result.attempts > 1 ? ` · ${push.state.result.attempts} attempts` : ''}
            </p>
          </Alert>
        )}
        {push.state.error && <ErrorAlert error={push.state.error} title={push.state.error.code === 'CANCELLED' ? 'Push cancelled' : 'Push failed'} testId="push-error" />}

        <div style={{ marginTop: 16 }} role="radiogroup" aria-label="Pull form">
          <Radio id="pull-manual" name="pull-form" label="Manually pushed image (<pid>/<image>:<tag>)" isChecked={form === 'manual'} onChange={() => setForm('manual')} />
          <Radio id="pull-build-service" name="pull-form" label="Built by the build service (<pid>/partner-build-service:<tag>)" isChecked={form === 'build-service'} onChange={() => setForm('build-service')} />
        </div>
        <Flex alignItems={{ default: 'alignItemsCenter' }}>
          <FlexItem>
            <code data-testid="pull-reference">{pullRef || 'Fill in the registry target first.'}</code>
          </FlexItem>
          <FlexItem>
            <Button
              variant="secondary"
              isDisabled={!pullRef || transferring}
              isLoading={pull.state.running}
              onClick={() => {
                pushLog.current?.clear();
                void pull.start(() => certdesk.image.pull({ endpoint: target.endpoint, projectId: target.projectId, tag: target.tag, form, ...(target.image ? { image: target.image } : {}) }));
              }}
            >
              Pull
            </Button>{' '}
            <Button variant="danger" isDisabled={!pull.state.running} onClick={pull.cancel}>
              Cancel pull
            </Button>
          </FlexItem>
        </Flex>
        {(pull.state.running || pull.state.items.length > 0) && <TransferProgress label="Pull progress" fraction={pull.state.fraction} stats={pull.state.stats} items={pull.state.items} />}
        {pull.state.result && (
          <Alert variant="success" isInline title="Pulled" data-testid="pull-result" style={{ marginTop: 8 }}>
            <code>{pull.state.result.reference}</code> digest <code data-testid="pull-digest">{pull.state.result.digest ?? 'unknown'}</code> · engine {pull.state.result.engineHost}
          </Alert>
        )}
        {pull.state.error && <ErrorAlert error={pull.state.error} title={pull.state.error.code === 'CANCELLED' ? 'Pull cancelled' : 'Pull failed'} testId="pull-error" />}
        <div style={{ marginTop: 8 }}>
          <BuildTerminal ref={pushLog} label="Push and pull log" rows={8} />
        </div>

        <Flex alignItems={{ default: 'alignItemsFlexEnd' }} style={{ marginTop: 16 }}>
          <FlexItem grow={{ default: 'grow' }}>
            <FormGroup label="Command to run in the pulled image" fieldId="run-command">
              <TextInput id="run-command" value={command} onChange={(_e, v) => setCommand(v)} validated={words.ok ? 'default' : 'error'} aria-describedby="run-command-help" />
              <FormHelperText>
                <HelperText id="run-command-help">
                  <HelperTextItem variant={words.ok ? 'default' : 'error'}>
                    {!words.ok ? words.error : !pull.state.result ? 'Pull the image first; it then runs here with no network, for at most 30 s, and is removed.' : 'Quote as in a shell: sh -c "cat /etc/os-release".'}
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
          </FlexItem>
          <FlexItem>
            <Button
              variant="secondary"
              isDisabled={!pull.state.result || run.state.running || transferring || !words.ok}
              isLoading={run.state.running}
              onClick={() => words.ok && void run.start(() => certdesk.image.run({ image: pull.state.result?.reference ?? '', command: words.words, timeoutSeconds: 30 }))}
            >
              Run locally
            </Button>{' '}
            <Button variant="danger" isDisabled={!run.state.running} onClick={run.cancel}>
              Stop
            </Button>
          </FlexItem>
        </Flex>
        {run.state.result && (
          <div data-testid="run-result" style={{ marginTop: 8 }}>
            <p>
              Exit code {run.state.result.exitCode}
              {run.state.result.timedOut ? ' (stopped at the time limit)' : ''} · no network · container removed · engine {run.state.result.engineHost}
            </p>
            <pre aria-label="Run output" data-testid="run-output" style={{ background: '#151515', color: '#e0e0e0', padding: 8, whiteSpace: 'pre-wrap' }}>
              {run.state.result.output}
            </pre>
          </div>
        )}
        {run.state.error && <ErrorAlert error={run.state.error} title="Run failed" testId="run-error" />}
      </CardBody>
    </Card>
  );
}
