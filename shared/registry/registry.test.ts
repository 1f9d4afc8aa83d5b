import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../contract/error-codes';
import { cleanRegistryKey, describeCleaning } from './key-cleaning';
import { classifyRegistryError, errorText } from './registry-errors';
import { isWrongEndpoint, parseTarget, pullReference, pushReference, registryKeyName } from './registry-targets';

const PID = 'p78693833236cdf211b0b7767fec4f6fe2a25b4e51';

describe('registry error classifier', () => {
  it.each([
    ['{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}', ErrorCode.RegistryUnauthorized, false],
    ['unauthorized: authentication required', ErrorCode.RegistryUnauthorized, false],
    ['denied: requested access to the resource is denied', ErrorCode.RegistryDenied, false],
    ['{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}', ErrorCode.RegistryNameUnknown, false],
    ['manifest for r/p/x:1 not found: manifest unknown', ErrorCode.RegistryNameUnknown, false],
    ['toomanyrequests: too many requests', ErrorCode.RegistryTooManyRequests, true],
    ['MANIFEST_INVALID: manifest invalid', ErrorCode.RegistryError, false],
    ['blob upload unknown', ErrorCode.RegistryError, true],
    ['x509: certificate signed by unknown authority', ErrorCode.RegistryTls, false],
    ['Put "https://127.0.0.1:1/v2/p/x/blobs/uploads/": dial tcp 127.0.0.1:1: connect: connection refused', ErrorCode.RegistryUnreachable, true],
    ['connect ECONNREFUSED 127.0.0.1:5000', ErrorCode.RegistryUnreachable, true],
    ['Cannot connect to the Docker daemon at unix:///var/run/docker.sock', ErrorCode.EngineUnreachable, false],
    ['something odd', ErrorCode.RegistryError, false],
  ])('%s', (text, code, retryable) => {
    const c = classifyRegistryError(text, { registry: 'scan.connect.redhat.com', project: PID });
    expect(c.code).toBe(code);
    expect(c.retryable).toBe(retryable);
    expect(c.hint.length).toBeGreaterThan(10);
  });
  it('names this project in the unauthorized hint', () => {
    expect(classifyRegistryError('unauthorized', { project: PID }).hint).toContain(PID);
  });
  it('reads stream error lines and Node errors', () => {
    expect(errorText({ errorDetail: { message: 'denied: x' }, error: 'denied: x' })).toBe('denied: x');
    expect(errorText({ code: 'ECONNRESET', message: 'socket hang up' })).toBe('ECONNRESET: socket hang up');
  });
});

describe('key cleaning', () => {
  it('removes whitespace, line breaks and zero-width characters, and says so without the key', () => {
    const c = cleanRegistryKey(' eyJhbGciOi\r\nJSUzUxMiJ9\u200b.abc\u00a0\t');
    expect(c.cleaned).toBe('eyJhbGciOiJSUzUxMiJ9.abc');
    expect(c.removed).toEqual(expect.arrayContaining([{ kind: 'line breaks', count: 2 }, { kind: 'zero-width characters', count: 1 }]));
    const text = describeCleaning(c);
    expect(text).not.toContain('eyJ');
    expect(text).toMatch(/line break/);
  });
  it('replaces look-alikes with their ASCII twin', () => {
    const c = cleanRegistryKey('ab\u2013cd\u0430\uFF21');
    expect(c.cleaned).toBe('ab-cdaA');
    expect(c.replaced.map((r) => r.from)).toEqual(['U+2013', 'U+0430', 'U+FF21']);
  });
  it('leaves clean keys alone', () => {
    const c = cleanRegistryKey('rk-0123abcd');
    expect(c).toMatchObject({ cleaned: 'rk-0123abcd', changed: false });
  });
});

describe('registry targets', () => {
  const t = { endpoint: 'scan.connect.redhat.com', projectId: PID, image: 'my-awesome-plugin', tag: '1.2.0' };
  it('builds the push and both pull references of the guide', () => {
    expect(pushReference(t)).toBe(`scan.connect.redhat.com/${PID}/my-awesome-plugin:1.2.0`);
    expect(pullReference(t, 'build-service')).toBe(`scan.connect.redhat.com/${PID}/partner-build-service:1.2.0`);
    expect(pullReference(t, 'manual')).toBe(`scan.connect.redhat.com/${PID}/my-awesome-plugin:1.2.0`);
  });
  it('spots the wrong endpoint of FAQ 8', () => {
    expect(isWrongEndpoint('registry.rhc4tp.openshift.com')).toBe(true);
    expect(isWrongEndpoint('https://Registry.rhc4tp.openshift.com:443/')).toBe(true);
    expect(isWrongEndpoint('scan.connect.redhat.com')).toBe(false);
  });
  it('parses CLI targets', () => {
    expect(parseTarget(`127.0.0.1:5000/${PID}/x:1.0-1`)).toMatchObject({ ok: true, target: { endpoint: '127.0.0.1:5000', projectId: PID } });
    expect(parseTarget(`${PID}/x:1`).ok).toBe(false);
    expect(parseTarget(`r.io/${PID}/x`).ok).toBe(false);
    expect(parseTarget('r.io/project/x:1').ok).toBe(false);
    expect(parseTarget(`r.io/${PID}/x:${'1'.repeat(40)}`).ok).toBe(false);
  });
  it('names keychain entries', () => {
    expect(registryKeyName('https://scan.connect.redhat.com/', PID)).toBe(`registry-key:scan.connect.redhat.com/${PID}`);
    expect(registryKeyName('127.0.0.1:5000')).toBe('registry-key:127.0.0.1:5000');
  });
});
