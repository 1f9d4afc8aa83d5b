import { describe, expect, it } from 'vitest';
import { applyBuildEvent, flushBuildStream, isDockerfileError, parseStep, splitLines, type BuildStreamState } from './build-stream';
import { formatBytes, formatDuration, LayerProgressTracker } from './layer-progress';

const L1 = 'aaaaaaaaaaaa';
const L2 = 'bbbbbbbbbbbb';

describe('layer progress', () => {
  it('tracks pushes, skipped layers, the digest and rate', () => {
    const t = new LayerProgressTracker();
    t.apply({ status: 'The push refers to repository [r/p/x]' }, 0);
    t.apply({ status: 'Preparing', id: L1 }, 0);
    t.apply({ status: 'Layer already exists', id: L2 }, 0);
    t.apply({ status: 'Pushing', id: L1, progressDetail: { current: 1000, total: 4000 } }, 0);
    t.apply({ status: 'Pushing', id: L1, progressDetail: { current: 3000, total: 4000 } }, 1000);
    const o = t.overall(1000);
    expect(o).toMatchObject({ layers: 2, layersSkipped: 1, bytesDone: 3000, bytesTotal: 4000 });
    expect(o.rate).toBe(3000);
    expect(o.etaSeconds).toBe(1);
    t.apply({ status: 'Pushed', id: L1 }, 1500);
    t.apply({ status: '1.0-1: digest: sha256:' + 'c'.repeat(64) + ' size: 527' }, 1600);
    t.apply({ aux: { Tag: '1.0-1', Digest: 'sha256:' + 'c'.repeat(64), Size: 527 } }, 1600);
    expect(t.digest).toBe('sha256:' + 'c'.repeat(64));
    expect(t.overall(1600).fraction).toBe(1);
    expect(t.items().map((i) => i.state)).toEqual(['done', 'skipped']);
  });
  it('keeps the error line of a 200 stream', () => {
    const t = new LayerProgressTracker();
    t.apply({ errorDetail: { message: 'unauthorized: authentication required' }, error: 'unauthorized: authentication required' }, 0);
    expect(t.error).toMatch(/unauthorized/);
  });
  it('does not run ahead while layers still wait for their size', () => {
    const t = new LayerProgressTracker();
    t.apply({ status: 'Pulling fs layer', id: L1 }, 0);
    t.apply({ status: 'Downloading', id: L2, progressDetail: { current: 10, total: 10 } }, 0);
    expect(t.overall(0).fraction).toBe(0.5);
  });
  it('formats', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
    expect(formatDuration(75)).toBe('1m 15s');
  });
});

describe('build stream', () => {
  it('counts legacy and BuildKit steps', () => {
    expect(parseStep('Step 3/9 : RUN make')).toEqual({ step: 3, total: 9, instruction: 'RUN make' });
    expect(parseStep('#7 [build 2/4] RUN make')).toMatchObject({ step: 2, total: 4 });
    expect(parseStep('hello')).toBeUndefined();
  });
  it('reads lines, ids and error lines', () => {
    const s: BuildStreamState = {};
    expect(applyBuildEvent(s, { stream: 'Step 1/2 : FROM x\n' })).toEqual(['Step 1/2 : FROM x']);
    applyBuildEvent(s, { aux: { ID: 'sha256:abc' } });
    applyBuildEvent(s, { stream: 'Successfully built 0123abcd\n' });
    expect(s).toMatchObject({ step: { step: 1, total: 2 }, imageId: 'sha256:abc', builtId: '0123abcd' });
    applyBuildEvent(s, { errorDetail: { code: 1, message: "The command '/bin/sh -c false' returned a non-zero code: 1" }, error: 'x' });
    expect(s.error).toMatch(/non-zero code/);
  });
  it('joins a line the engine sends in two events, with no empty line after it', () => {
    const s: BuildStreamState = {};
    expect(applyBuildEvent(s, { stream: 'Step 1/2 : FROM x' })).toEqual([]);
    expect(applyBuildEvent(s, { stream: '\n' })).toEqual(['Step 1/2 : FROM x']);
    expect(s.step).toMatchObject({ step: 1, total: 2 });
    expect(applyBuildEvent(s, { stream: ' ---> abc\nSuccessfully built 0123abcd' })).toEqual([' ---> abc']);
    expect(flushBuildStream(s)).toEqual(['Successfully built 0123abcd']);
    expect(s.builtId).toBe('0123abcd');
    expect(flushBuildStream(s)).toEqual([]);
    // An error ends what was pending first.
    applyBuildEvent(s, { stream: 'partial output' });
    expect(applyBuildEvent(s, { errorDetail: { message: 'boom' } })).toEqual(['partial output', 'ERROR: boom']);
  });
  it('tells errors of the Dockerfile from the engine breaking down', () => {
    expect(isDockerfileError("The command '/bin/sh -c false' returned a non-zero code: 1")).toBe(true);
    expect(isDockerfileError('COPY failed: file not found in build context or excluded by .dockerignore: stat x: file does not exist')).toBe(true);
    expect(isDockerfileError('failed to reach build target nope in Dockerfile')).toBe(true);
    expect(isDockerfileError('pull access denied for nope, repository does not exist or may require \'docker login\'')).toBe(true);
    // Seen while dockerd shut down under a running step:
    expect(isDockerfileError("The command '/bin/sh -c sleep 300' returned a non-zero code: 137")).toBe(false);
    expect(isDockerfileError('failed to update the store state of sandbox: failed to update store for object type *libnetwork.sbState: open : no such file or directory')).toBe(false);
    expect(isDockerfileError('error creating overlay mount to /var/lib/docker/overlay2/x/merged: invalid argument')).toBe(false);
  });
  it('splits chunks at line ends', () => {
    expect(splitLines('ab', 'c\nde')).toEqual({ lines: ['abc'], rest: 'de' });
  });
});
