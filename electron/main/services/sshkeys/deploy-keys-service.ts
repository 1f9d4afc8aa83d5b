import { createPrivateKey, generateKeyPair, randomBytes } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { DeployKeyInfo, SecretInfo } from '@shared/contract/secrets';
import { deployKeyName } from '@shared/secrets/secret-names';
import { writeFileAtomic } from '../secrets/atomic-file';
import type { SecretsService } from '../secrets/secrets-service';
import { publicFacts, readRsaPrivateKey, toPkcs1Pem, type RsaKeyMaterial } from './rsa-key-material';

export type KeyBits = 4096 | 3072;

/**
 * Deploy keys for the build service: RSA, stored as PKCS#1 PEM in the secret store under
 * `deploy-key:<id>`; the public line, fingerprint and bits live in the index (not secret).
 */
export class DeployKeysService {
  constructor(private readonly secrets: SecretsService) {}

  /** RSA generation takes seconds; node:crypto's async form runs it in libuv's pool, off the main thread. */
  async generate(project: string, bits: KeyBits, signal?: AbortSignal): Promise<DeployKeyInfo> {
    await this.secrets.assertWritable();
    const pem = await new Promise<string>((resolve, reject) => {
      generateKeyPair(
        'rsa',
        {
          modulusLength: bits,
          publicExponent: 0x10001,
          privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
          publicKeyEncoding: { type: 'spki', format: 'pem' },
        },
        (err, _publicKey, privateKey) => (err ? reject(err) : resolve(privateKey)),
      );
    });
    if (signal?.aborted) throw new AppError(ErrorCode.Cancelled, 'Cancelled.');
    return this.save(project, { pem, bits, origin: 'generated' });
  }

  async import(project: string, keyText: string, passphrase?: string): Promise<DeployKeyInfo> {
    return this.save(project, readRsaPrivateKey(keyText, passphrase));
  }

  async list(project?: string): Promise<DeployKeyInfo[]> {
    const out: DeployKeyInfo[] = [];
    for (const { info, attributes } of await this.secrets.details()) {
      if (info.kind !== 'deploy-key') continue;
      const key = toDeployKeyInfo(info, attributes);
      if (key && (project === undefined || key.project === project)) out.push(key);
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async show(id: string): Promise<DeployKeyInfo> {
    const key = (await this.list()).find((k) => k.id === id);
    if (!key) throw notFound(id);
    return key;
  }

  /** The private key itself: only for the explicit export and for logging in to the git host. */
  async privateKeyPem(id: string): Promise<string> {
    await this.show(id);
    const pem = await this.secrets.get(deployKeyName(id));
    if (pem === undefined) {
      throw new AppError(ErrorCode.SecretNotFound, `The private key of ${id} is no longer in the keychain.`, {
        hint: 'It was removed outside CertDesk. Delete this key and generate a new one.',
      });
    }
    return pem;
  }

  /** Writes the PEM to the file the user chose, readable by them alone (0600), atomically. */
  async exportToFile(id: string, path: string): Promise<string> {
    if (!isAbsolute(path)) {
      throw new AppError(ErrorCode.InvalidInput, 'Export needs an absolute file path.', { hint: 'Choose the file with the Save dialog, or give a full path.' });
    }
    const pem = await this.privateKeyPem(id);
    try {
      await writeFileAtomic(path, pem, 0o600);
    } catch (err) {
      throw new AppError(ErrorCode.FileWriteFailed, `Could not write ${path}: ${(err as Error).message}`, { cause: err });
    }
    return path;
  }

  async delete(id: string): Promise<boolean> {
    return this.secrets.delete(deployKeyName(id));
  }

  private async save(project: string, material: RsaKeyMaterial): Promise<DeployKeyInfo> {
    // Normalise once more so the stored text is exactly what export hands the portal.
    const pem = toPkcs1Pem(createPrivateKey(material.pem));
    const facts = publicFacts(pem, `certdesk-${project}`);
    const id = `${project}-${randomBytes(3).toString('hex')}`;
    await this.secrets.set(deployKeyName(id), pem, {
      project,
      fingerprint: facts.fingerprint,
      attributes: { publicKey: facts.publicKey, bits: facts.bits, origin: material.origin },
    });
    return this.show(id);
  }
}

function toDeployKeyInfo(info: SecretInfo, attributes: Record<string, string | number>): DeployKeyInfo | undefined {
  const { publicKey, bits, origin } = attributes;
  if (typeof publicKey !== 'string' || typeof bits !== 'number' || !info.project) return undefined;
  return {
    id: info.id,
    project: info.project,
    bits,
    publicKey,
    fingerprint: info.fingerprint,
    createdAt: info.createdAt,
    storage: info.storage,
    origin: origin === 'imported-pem' || origin === 'imported-openssh' ? origin : 'generated',
  };
}

function notFound(id: string): AppError {
  return new AppError(ErrorCode.NotFound, `No deploy key ${id}.`, { hint: 'List keys with `certdesk secrets list` or on the Keys page.' });
}
