import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { classifyRegistryError } from '@shared/registry/registry-errors';
import { normalizeEndpoint } from '@shared/registry/registry-targets';

export interface AuthCheckOptions {
  registry: string;
  username: string;
  password: string;
  /** PEM file of a private CA (the test registry, a company registry). */
  caFile?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  projectId?: string;
}

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * "Test login" without the engine: GET /v2/ the way `docker login` does. A Basic challenge is
 * answered with Basic credentials; a Bearer challenge by fetching a token from its realm with
 * the same credentials (Red Hat's registries use the token flow). Throws a classified AppError.
 */
export async function checkRegistryLogin(options: AuthCheckOptions): Promise<{ method: 'basic' | 'token' }> {
  const host = normalizeEndpoint(options.registry);
  const ca = options.caFile ? readCa(options.caFile) : undefined;
  const basic = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  const ctx = { registry: host, operation: 'login' as const, ...(options.projectId ? { project: options.projectId } : {}) };
  const get = (url: string, auth?: string) => httpGet(url, { ...(auth ? { authorization: auth } : {}) }, ca, options.timeoutMs ?? 15_000, options.signal).catch((err: unknown) => {
    const c = classifyRegistryError(err, ctx);
    throw new AppError(c.code, c.message, { hint: c.hint, cause: err });
  });

  const first = await get(`https://${host}/v2/`);
  if (first.status === 200) return { method: 'basic' };
  const challenge = headerValue(first.headers['www-authenticate']);
  if (first.status !== 401 || !challenge) throw failed(first, ctx);
  if (/^basic/i.test(challenge)) {
    const second = await get(`https://${host}/v2/`, basic);
    if (second.status === 200) return { method: 'basic' };
    throw failed(second, ctx);
  }
  if (/^bearer/i.test(challenge)) {
    const params = parseChallenge(challenge);
    if (!params.realm) throw new AppError(ErrorCode.RegistryError, `${host} sent a token challenge without a realm.`, { hint: 'Check the registry address.' });
    const tokenUrl = new URL(params.realm);
    if (params.service) tokenUrl.searchParams.set('service', params.service);
    tokenUrl.searchParams.set('account', options.username);
    const token = await get(tokenUrl.toString(), basic);
    if (token.status !== 200) throw failed(token, ctx);
    const parsed = JSON.parse(token.body) as { token?: string; access_token?: string };
    const bearer = parsed.token ?? parsed.access_token;
    if (!bearer) throw new AppError(ErrorCode.RegistryError, `${host} answered the token request without a token.`, { hint: 'Try again later.' });
    const check = await get(`https://${host}/v2/`, `Bearer ${bearer}`);
    if (check.status === 200) return { method: 'token' };
    throw failed(check, ctx);
  }
  throw new AppError(ErrorCode.RegistryError, `${host} asks for an authentication scheme CertDesk does not know (${challenge.split(' ')[0]}).`, { hint: 'Check the registry address.' });
}

function failed(answer: HttpAnswer, ctx: Parameters<typeof classifyRegistryError>[1]): AppError {
  const body = answer.body.trim() || `HTTP ${answer.status}`;
  const status = answer.status === 401 ? 'UNAUTHORIZED ' : answer.status === 403 ? 'DENIED ' : answer.status === 429 ? 'TOOMANYREQUESTS ' : '';
  const c = classifyRegistryError(`${status}${body}`, ctx);
  return new AppError(c.code, c.message, { hint: c.hint, details: { status: answer.status } });
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new AppError(ErrorCode.FileUnreadable, `The CA file ${file} could not be read.`, { hint: 'Pick the PEM file of the registry\'s certificate authority.' });
  }
}

export function parseChallenge(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^\w+\s+/, '').matchAll(/(\w+)="([^"]*)"/g)) if (m[1]) out[m[1]] = m[2] ?? '';
  return out;
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function httpGet(url: string, headers: Record<string, string>, ca: Buffer | undefined, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'GET', headers: { 'user-agent': 'CertDesk', ...headers }, ...(ca ? { ca } : {}), timeout: timeoutMs, ...(signal ? { signal } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        // Bodies here are small JSON; a huge one is not a registry answer.
        size += c.length;
        if (size <= 256 * 1024) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms (ETIMEDOUT)`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}

/** Quick reachability probe (used when the engine starts retrying a layer): never throws. */
export async function registryReachable(registry: string, caFile: string | undefined, timeoutMs = 2000): Promise<{ ok: boolean; error?: unknown }> {
  try {
    await httpGet(`https://${normalizeEndpoint(registry)}/v2/`, {}, caFile ? readFileSync(caFile) : undefined, timeoutMs);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err };
  }
}
