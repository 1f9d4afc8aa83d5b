import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { DeployKeyInfo, secretsCalls } from '@shared/contract/secrets';
import { registryKeyName } from '@shared/secrets/secret-names';
import type { Services } from '../../services/create-services';
import { failureSummary, recordQuietly } from '../../services/projects/record-evidence';
import type { CallContext } from '../call-context';
import type { HandlersFor } from '../register';

export function secretsHandlers(services: Services): HandlersFor<typeof secretsCalls> {
  const { secrets } = services;
  return {
    'secrets.status': () => secrets.status(),
    'secrets.useSessionMemory': ({ enable }) => secrets.useSessionMemory(enable),
    'secrets.list': () => secrets.list(),
    'secrets.setRegistryKey': async ({ project, key }) => {
      const name = registryKeyName(project);
      // Pasted keys often carry a trailing newline or spaces (REFERENCE: "hidden characters"); the key itself has none.
      await secrets.set(name, key.trim(), { project });
      const info = await secrets.info(name);
      if (!info) throw new AppError(ErrorCode.Internal, 'The registry key was stored but is not indexed.');
      return info;
    },
    'secrets.copyRegistryKey': async ({ project }, ctx) => {
      const key = await secrets.require(registryKeyName(project));
      if (await copyToClipboard(services, ctx, key)) return { copiedToClipboard: true };
      return { copiedToClipboard: false, key };
    },
    'secrets.delete': async ({ name }) => ({ deleted: await secrets.delete(name) }),
    'secrets.deleteProject': async ({ project }) => ({ deleted: await secrets.deleteProject(project) }),
    'keys.list': ({ project }) => services.deployKeys.list(project),
    'keys.generate': ({ project, bits }, ctx) => {
      const { operationId } = services.operations.start('keygen', `Generate an RSA ${bits} deploy key for ${project}`, ctx.emit, async (op) => {
        op.progress({ message: `Generating an RSA ${bits}-bit key (a few seconds)…` });
        const key = await services.deployKeys.generate(project, bits, op.signal);
        op.log(`Stored deploy key ${key.id} (${key.fingerprint}) in the ${key.storage === 'session' ? 'session memory' : 'keychain'}.`);
        await recordKey(services, key);
        op.progress({ fraction: 1, message: 'Done' });
        return key;
      });
      return { operationId };
    },
    'keys.show': ({ id }) => services.deployKeys.show(id),
    'keys.import': async ({ project, key, passphrase }) => {
      const info = await services.deployKeys.import(project, key, passphrase);
      await recordKey(services, info);
      return info;
    },
    'keys.export': async (input, ctx) => {
      if (input.to === 'file') return { id: input.id, path: await services.deployKeys.exportToFile(input.id, input.path) };
      const pem = await services.deployKeys.privateKeyPem(input.id);
      if (input.to === 'clipboard') {
        if (await copyToClipboard(services, ctx, pem)) return { id: input.id, copiedToClipboard: true };
        throw new AppError(ErrorCode.InvalidInput, 'The clipboard is only reachable from the desktop app.', {
          hint: 'Export to a file instead, or use `certdesk key export ID`.',
        });
      }
      // An explicit export to the bridge or the CLI, where the person asked to see the PEM.
      return { id: input.id, pem };
    },
    'keys.delete': async ({ id }) => ({ deleted: await services.deployKeys.delete(id) }),
    'repo.knownHosts': () => services.repoCheck.listKnownHosts(),
    'repo.forgetHost': async ({ host, port }) => ({ forgotten: (await services.repoCheck.forgetHost(host, port)) ?? null }),
    'repo.check': async (input) => {
      const projectId = input.projectId ?? (input.keyId ? await services.deployKeys.show(input.keyId).then((k) => k.project, () => undefined) : undefined);
      const about = { kind: 'repo-check' as const, subject: input.url.trim(), ...(input.keyId ? { data: { keyId: input.keyId } } : {}) };
      try {
        const result = await services.repoCheck.check({
          url: input.url,
          acceptNewHostKey: input.acceptNewHostKey,
          ...(input.keyId ? { keyId: input.keyId } : {}),
          ...(input.dockerfile ? { dockerfile: input.dockerfile } : {}),
        });
        if (projectId) {
          // Only an SSH check proves anything about a key; an HTTPS URL is classified, not contacted.
          await recordQuietly(services.evidence, {
            ...about,
            projectId,
            subject: result.url,
            passed: true,
            summary: result.summary,
            data: { transport: result.transport, ...(input.keyId ? { keyId: input.keyId } : {}), ...(result.branches !== undefined ? { branches: result.branches } : {}) },
          });
        }
        return result;
      } catch (err) {
        if (projectId) await recordQuietly(services.evidence, { ...about, projectId, passed: false, summary: failureSummary(err) });
        throw err;
      }
    },
  };
}

/** A new deploy key is evidence that the project has one; the repository check is what verifies it. */
async function recordKey(services: Services, key: DeployKeyInfo): Promise<void> {
  await recordQuietly(services.evidence, {
    projectId: key.project,
    kind: 'deploy-key',
    subject: key.id,
    passed: true,
    summary: `RSA ${key.bits} deploy key ${key.fingerprint} (${key.origin})`,
    data: { fingerprint: key.fingerprint, bits: key.bits, origin: key.origin },
  });
}

/**
 * The clipboard exists only inside the desktop app (and only for its own window). The bridge and the
 * CLI get the value back from this explicit call instead (the page or the terminal is where the person is).
 */
async function copyToClipboard(services: Services, ctx: CallContext, text: string): Promise<boolean> {
  if (ctx.door !== 'ipc' || !services.clipboard) return false;
  await services.clipboard.copySecret(text);
  return true;
}
