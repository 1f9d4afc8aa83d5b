import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hostAllowed, originAllowed, tokenMatches } from './loopback-guard';

const guard = { port: 4321, token: 'abcdefghijklmnopqrstuvwxyz012345' };

describe('loopback guard', () => {
  it('accepts only loopback hosts on our port (DNS rebinding)', () => {
    expect(hostAllowed(guard, '127.0.0.1:4321')).toBe(true);
    expect(hostAllowed(guard, 'localhost:4321')).toBe(true);
    expect(hostAllowed(guard, 'evil.example:4321')).toBe(false);
    expect(hostAllowed(guard, '127.0.0.1:80')).toBe(false);
    expect(hostAllowed(guard, undefined)).toBe(false);
  });

  it('accepts only our own origin', () => {
    expect(originAllowed(guard, 'http://127.0.0.1:4321')).toBe(true);
    expect(originAllowed(guard, 'http://evil.example')).toBe(false);
    expect(originAllowed(guard, 'null')).toBe(false);
    expect(originAllowed(guard, undefined)).toBe(false);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches(guard, guard.token)).toBe(true);
    expect(tokenMatches(guard, guard.token.slice(1))).toBe(false);
    expect(tokenMatches(guard, `${guard.token}x`)).toBe(false);
    expect(tokenMatches(guard, null)).toBe(false);
  });

  it('has a CSP without inline or remote scripts and with no framing', () => {
    const csp = contentSecurityPolicy(guard);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('ws://127.0.0.1:4321');
  });
});
