import { connect, type NetConnectOpts } from 'node:net';
import type Dockerode from 'dockerode';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { HttpResponseReader } from '@shared/engine/http-response-reader';
import type { ArchiveFeed } from './image-archive-reader';

/**
 * `docker save` straight off the engine's socket into one reused buffer. Node's HTTP client
 * allocates a buffer per read and runs a stream per hop: on a 350 MB image that cost more CPU (and
 * garbage collection) than the whole scan, so the local engine — a unix socket or plain TCP, what
 * a desktop has — is read here; TLS and ssh:// engines keep dockerode's stream.
 */

const READ_BUFFER = 1024 * 1024;
const MAX_ERROR_BODY = 64 * 1024;

type Endpoint = { path: string } | { host: string; port: number };

interface ModemFacts {
  socketPath?: unknown;
  protocol?: unknown;
  host?: unknown;
  port?: unknown;
  version?: unknown;
  sshOptions?: unknown;
  agent?: unknown;
}

/** The engine's address when the fast path can reach it, else undefined. */
export function rawEndpoint(docker: Dockerode): Endpoint | undefined {
  const modem = (docker as unknown as { modem?: ModemFacts }).modem;
  if (!modem || modem.agent) return undefined;
  if (typeof modem.socketPath === 'string' && modem.socketPath !== '') return { path: modem.socketPath };
  if (modem.protocol === 'http' && typeof modem.host === 'string' && modem.host !== '') {
    const port = Number(modem.port ?? 2375);
    return Number.isInteger(port) && port > 0 ? { host: modem.host, port } : undefined;
  }
  return undefined;
}

function apiPrefix(docker: Dockerode): string {
  const version = (docker as unknown as { modem?: ModemFacts }).modem?.version;
  return typeof version === 'string' && /^v\d+\.\d+$/.test(version) ? `/${version}` : '';
}

/** Feeds the engine's export of `ref` (a docker-archive tar) to the archive reader. */
export function engineExportFeed(docker: Dockerode, endpoint: Endpoint, ref: string): ArchiveFeed {
  const request = `GET ${apiPrefix(docker)}/images/${encodeURIComponent(ref)}/get HTTP/1.1\r\nHost: docker\r\nUser-Agent: certdesk\r\nConnection: close\r\n\r\n`;
  return (push, backpressure, signal) =>
    new Promise<void>((resolve, reject) => {
      let status = 0;
      const errorBody: Uint8Array[] = [];
      let errorLength = 0;
      const reader = new HttpResponseReader(
        (head) => (status = head.status),
        (bytes) => {
          if (status === 200) return push(bytes);
          if (errorLength < MAX_ERROR_BODY) {
            errorBody.push(new Uint8Array(bytes.subarray(0, MAX_ERROR_BODY - errorLength)));
            errorLength += bytes.length;
          }
        },
      );
      const buffer = Buffer.allocUnsafe(READ_BUFFER);
      let settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        socket.destroy();
        if (err === undefined && status !== 200) err = engineRefusal(ref, status, Buffer.concat(errorBody).toString('utf8'));
        if (err === undefined) resolve();
        else reject(err);
      };
      const onAbort = () => finish(signal?.reason ?? new Error('aborted'));
      const options: NetConnectOpts & { onread: { buffer: Buffer; callback: (n: number) => boolean } } = {
        ...endpoint,
        onread: {
          buffer,
          // The buffer is reused for the next read: everything is consumed (or copied) before returning.
          callback: (n) => {
            if (settled) return false;
            try {
              reader.push(buffer.subarray(0, n));
            } catch (err) {
              finish(err);
              return false;
            }
            if (reader.done) {
              finish();
              return false;
            }
            if (!backpressure.pending) return true;
            backpressure.settle().then(() => {
              if (!settled) socket.resume();
            }, finish);
            return false;
          },
        },
      };
      const socket = connect(options);
      socket.on('connect', () => socket.write(request));
      socket.on('error', (err) => finish(new AppError(ErrorCode.EngineUnreachable, `The engine connection failed while exporting ${ref}: ${err.message}`, { cause: err })));
      socket.on('end', () => {
        try {
          reader.end();
          finish();
        } catch (err) {
          finish(err);
        }
      });
      socket.on('close', () => finish(new Error('the engine closed the connection before the image was complete')));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
}

function engineRefusal(ref: string, status: number, body: string): AppError {
  let message = body.trim().slice(0, 500);
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not JSON: the text itself is the best explanation.
  }
  if (status === 404) {
    return new AppError(ErrorCode.NotFound, `The engine has no image ${ref}.`, {
      hint: 'Build or pull it first; `docker images` lists what the engine holds.',
    });
  }
  return new AppError(ErrorCode.EngineError, `The engine could not export ${ref} (HTTP ${status}): ${message}`, {});
}
