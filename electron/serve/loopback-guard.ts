import { timingSafeEqual } from 'node:crypto';

/**
 * The checks that keep the loopback bridge for the local user only: a per-run token, the
 * Host header (DNS rebinding: a foreign name resolving to 127.0.0.1) and the Origin header
 * (another site's page opening a WebSocket to us).
 */
export interface LoopbackGuard {
  port: number;
  token: string;
}

export function allowedHosts(guard: LoopbackGuard): string[] {
  return [`127.0.0.1:${guard.port}`, `localhost:${guard.port}`];
}

export function allowedOrigins(guard: LoopbackGuard): string[] {
  return allowedHosts(guard).map((h) => `http://${h}`);
}

export function hostAllowed(guard: LoopbackGuard, host: string | undefined): boolean {
  return host !== undefined && allowedHosts(guard).includes(host.toLowerCase());
}

export function originAllowed(guard: LoopbackGuard, origin: string | undefined): boolean {
  return origin !== undefined && allowedOrigins(guard).includes(origin.toLowerCase());
}

export function tokenMatches(guard: LoopbackGuard, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string') return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(guard.token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The page's CSP: only our own scripts, our own bridge, nothing framed, no plugins. */
export function contentSecurityPolicy(guard: LoopbackGuard): string {
  const sockets = allowedHosts(guard).map((h) => `ws://${h}`).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // PatternFly and xterm set element styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
