// A distribution registry on 127.0.0.1 with TLS from a test CA and htpasswd auth, like the real endpoint.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { daemon, freePort, run, stopChild, waitFor } from './service-utils.mjs';

/** Makes (once per folder) a test CA and a server certificate for 127.0.0.1 and localhost. */
export async function makeTestCa(dir) {
  mkdirSync(dir, { recursive: true });
  const ca = join(dir, 'ca.crt');
  if (existsSync(ca)) return { ca, cert: join(dir, 'server.crt'), key: join(dir, 'server.key') };
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'ca.key'), '-out', ca, '-days', '3', '-subj', '/CN=CertDesk Test CA']);
  await run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'server.key'), '-out', join(dir, 'server.csr'), '-subj', '/CN=127.0.0.1']);
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
  await run('openssl', ['x509', '-req', '-in', join(dir, 'server.csr'), '-CA', ca, '-CAkey', join(dir, 'ca.key'), '-CAcreateserial', '-out', join(dir, 'server.crt'), '-days', '3', '-extfile', join(dir, 'ext.cnf')]);
  return { ca, cert: join(dir, 'server.crt'), key: join(dir, 'server.key') };
}

/**
 * Starts docker-registry. `options.port` reuses a port (to restart a killed registry on the same
 * address); `options.storage` reuses the storage folder (so a restarted registry keeps its blobs).
 */
export async function startRegistry(root, options = {}) {
  const dir = join(root, options.name ?? 'registry');
  mkdirSync(dir, { recursive: true });
  const tls = await makeTestCa(join(root, 'tls'));
  const port = options.port ?? (await freePort());
  const username = 'unused';
  const password = options.password ?? `rk-${randomBytes(18).toString('hex')}`;
  const htpasswd = join(dir, 'htpasswd');
  const { stdout } = await run('htpasswd', ['-Bbn', username, password]);
  writeFileSync(htpasswd, stdout);
  const storage = options.storage ?? join(dir, 'storage');
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: info',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${storage}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '  tls:',
      `    certificate: ${tls.cert}`,
      `    key: ${tls.key}`,
      'auth:',
      '  htpasswd:',
      '    realm: certdesk-test',
      `    path: ${htpasswd}`,
      '',
    ].join('\n'),
  );
  const child = daemon('docker-registry', ['serve', config], join(dir, 'registry.log'));
  const ca = readFileSync(tls.ca);
  await waitFor('docker-registry', () => probe(port, ca), 30_000);
  const address = `127.0.0.1:${port}`;
  return {
    address,
    port,
    username,
    password,
    ca: tls.ca,
    storage,
    child,
    env: {
      CERTDESK_TEST_REGISTRY: address,
      CERTDESK_TEST_REGISTRY_USER: username,
      CERTDESK_TEST_REGISTRY_KEY: password,
      CERTDESK_TEST_REGISTRY_CA: tls.ca,
      CERTDESK_TEST_REGISTRY_STORAGE: storage,
    },
    async stop(signal = 'SIGTERM') {
      await stopChild(child, signal);
    },
  };
}

function probe(port, ca) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/v2/', ca, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode === 401 || res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}
