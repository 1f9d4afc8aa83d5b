/**
 * Turns whatever a registry or the engine said (a `{"errors":[...]}` body, an `errorDetail`
 * line from a push stream, a Node network error) into one message that says what to do.
 */
import { ErrorCode } from '../contract/error-codes';

export interface ClassifiedError {
  code: ErrorCode;
  /** The registry's or engine's own code when there is one (UNAUTHORIZED, DENIED, ECONNREFUSED). */
  source?: string;
  message: string;
  hint: string;
  retryable: boolean;
}

export interface ClassifyContext {
  /** `scan.connect.redhat.com` or the test registry; named in hints. */
  registry?: string;
  /** The project the key belongs to, when known. */
  project?: string;
  /** The repository path that was pushed or pulled. */
  repository?: string;
  operation?: 'push' | 'pull' | 'login' | 'build' | 'run';
}

interface Rule {
  test: RegExp;
  source: string;
  classify: (ctx: ClassifyContext, detail: string) => Omit<ClassifiedError, 'source'>;
}

const where = (ctx: ClassifyContext) => ctx.registry ?? 'the registry';
const projectKey = (ctx: ClassifyContext) => (ctx.project ? `the registry key of project ${ctx.project}` : 'the registry key of *this* project');

/** Order matters: the first match wins, the specific before the general. */
const RULES: Rule[] = [
  {
    test: /\bTOOMANYREQUESTS\b|too many requests|\b429\b|rate limit/i,
    source: 'TOOMANYREQUESTS',
    classify: (ctx) => ({
      code: ErrorCode.RegistryTooManyRequests,
      message: `${where(ctx)} is limiting requests (too many requests).`,
      hint: 'Wait a minute and try again; CertDesk retries by itself with growing pauses.',
      retryable: true,
    }),
  },
  {
    test: /\bUNAUTHORIZED\b|authentication required|unauthorized|incorrect username or password|\b401\b/i,
    source: 'UNAUTHORIZED',
    classify: (ctx) => ({
      code: ErrorCode.RegistryUnauthorized,
      message: `${where(ctx)} refused the registry key (unauthorized).`,
      hint: `Re-copy ${projectKey(ctx)} from the "Upload Your Image" tab and paste it again: each project has its own key, and keys copied from PDFs or chats often carry hidden characters or spaces. The user name is always "unused".`,
      retryable: false,
    }),
  },
  {
    test: /\bDENIED\b|requested access to the resource is denied|access denied|\b403\b|forbidden/i,
    source: 'DENIED',
    classify: (ctx) => ({
      code: ErrorCode.RegistryDenied,
      message: `${where(ctx)} accepted the key but denied access to ${ctx.repository ?? 'this repository'}.`,
      hint: 'Check the project id (pid, "p" followed by hex digits) and the image path: the key of a project only opens <registry>/<that pid>/…. Copy the pid from the project\'s "Upload Your Image" tab.',
      retryable: false,
    }),
  },
  {
    test: /\bNAME_UNKNOWN\b|repository name not known|\bMANIFEST_UNKNOWN\b|manifest unknown|not found: manifest|\b404\b|does not exist or no pull access/i,
    source: 'NAME_UNKNOWN',
    classify: (ctx) => ({
      code: ErrorCode.RegistryNameUnknown,
      message: `${where(ctx)} does not know ${ctx.repository ?? 'this image or tag'}.`,
      hint: ctx.operation === 'pull'
        ? 'Check the tag and the path form: images from the build service are <pid>/partner-build-service:<tag>, manually pushed ones <pid>/<image-name>:<tag>.'
        : 'Check the project id and image name; the repository is created by the project on the portal.',
      retryable: false,
    }),
  },
  {
    test: /\bMANIFEST_INVALID\b|manifest invalid|\bBLOB_UNKNOWN\b|blob unknown|\bMANIFEST_BLOB_UNKNOWN\b|\bUNSUPPORTED\b/i,
    source: 'MANIFEST_INVALID',
    classify: (ctx) => ({
      code: ErrorCode.RegistryError,
      message: `${where(ctx)} rejected the image manifest.`,
      hint: 'Rebuild the image and push again; if it repeats, the registry does not accept this image format.',
      retryable: false,
    }),
  },
  {
    test: /\bDIGEST_INVALID\b|digest invalid|\bSIZE_INVALID\b|\bBLOB_UPLOAD_INVALID\b|\bBLOB_UPLOAD_UNKNOWN\b|blob upload (?:invalid|unknown)/i,
    source: 'BLOB_UPLOAD_INVALID',
    classify: (ctx) => ({
      code: ErrorCode.RegistryError,
      message: `A layer upload to ${where(ctx)} was interrupted or arrived damaged.`,
      hint: 'CertDesk retries the push; layers already uploaded are skipped.',
      retryable: true,
    }),
  },
  {
    test: /x509|certificate|tls:|SSL|self[- ]signed|UNABLE_TO_VERIFY|CERT_|ERR_TLS|handshake/i,
    source: 'TLS',
    classify: (ctx) => ({
      code: ErrorCode.RegistryTls,
      message: `The TLS certificate of ${where(ctx)} could not be verified.`,
      hint: 'Check the registry address. A private or test registry needs its CA certificate: pass it with --ca (CLI) or the "CA file" field. Behind a TLS-intercepting proxy, add the proxy\'s CA.',
      retryable: false,
    }),
  },
  {
    test: /Cannot connect to the Docker daemon|docker\.sock|connect ENOENT|engine.*(?:gone|stopped)|socket hang up.*docker|EPIPE/i,
    source: 'ENGINE',
    classify: () => ({
      code: ErrorCode.EngineUnreachable,
      message: 'The container engine went away during the job.',
      hint: 'Start the engine again (Engine page shows what was tried); CertDesk reconnects by itself and the job can be run again.',
      retryable: false,
    }),
  },
  {
    test: /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ENOTFOUND|connection refused|connection reset|broken pipe|i\/o timeout|no such host|timeout|unexpected EOF|\bEOF\b|server misbehaving|network is unreachable|502|503|504|Bad Gateway|Service Unavailable/i,
    source: 'NETWORK',
    classify: (ctx) => ({
      code: ErrorCode.RegistryUnreachable,
      message: `${where(ctx)} could not be reached, or the connection dropped.`,
      hint: 'Check the network, proxy and the registry address; CertDesk retries with growing pauses, and layers already uploaded are not sent again.',
      retryable: true,
    }),
  },
];

/** The text inside a registry error body or a stream error line, whatever its shape. */
export function errorText(input: unknown): string {
  if (input == null) return '';
  if (typeof input === 'string') {
    const trimmed = input.trim();
    if (trimmed.startsWith('{')) {
      try {
        return errorText(JSON.parse(trimmed));
      } catch {
        return trimmed;
      }
    }
    return trimmed;
  }
  if (typeof input !== 'object') return String(input);
  const o = input as Record<string, unknown>;
  if (Array.isArray(o.errors)) {
    return o.errors.map((e) => {
      // `{"errors":[null]}` or `[ "text" ]` from a broken proxy: no fields to read.
      if (e === null || typeof e !== 'object') return errorText(e);
      const err = e as Record<string, unknown>;
      return [err.code, err.message, typeof err.detail === 'string' ? err.detail : err.detail ? JSON.stringify(err.detail) : undefined].filter(Boolean).join(': ');
    }).join('; ');
  }
  const parts: string[] = [];
  if (typeof o.code === 'string') parts.push(o.code);
  if (o.errorDetail && typeof o.errorDetail === 'object') {
    const d = o.errorDetail as Record<string, unknown>;
    if (typeof d.message === 'string') parts.push(d.message);
  } else if (typeof o.error === 'string') parts.push(o.error);
  if (typeof o.message === 'string' && !parts.includes(o.message)) parts.push(o.message);
  if (typeof o.json === 'object' && o.json) parts.push(errorText(o.json));
  else if (typeof o.json === 'string') parts.push(errorText(o.json));
  if (typeof o.statusCode === 'number') parts.push(`HTTP ${o.statusCode}`);
  return parts.join(': ');
}

export function classifyRegistryError(input: unknown, ctx: ClassifyContext = {}): ClassifiedError {
  const text = errorText(input);
  for (const rule of RULES) {
    if (rule.test.test(text)) {
      const c = rule.classify(ctx, text);
      return { ...c, source: rule.source, message: withDetail(c.message, text) };
    }
  }
  return {
    code: ErrorCode.RegistryError,
    message: withDetail(`${where(ctx)} reported an error.`, text),
    hint: 'Read the registry\'s message below; if it mentions a temporary problem, try again.',
    retryable: false,
  };
}

function withDetail(message: string, detail: string): string {
  const d = detail.replace(/\s+/g, ' ').trim().slice(0, 300);
  return d ? `${message} (${d})` : message;
}
