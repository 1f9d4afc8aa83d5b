import { z } from 'zod';
import { defineCall } from './define-call';
import { KEY_ID_PATTERN, PROJECT_ID_PATTERN } from '../secrets/secret-names';

/**
 * Secrets (registry keys, deploy keys) live in the OS keychain, or in main-process memory for this
 * session when the user opts in. Nothing here ever returns a stored value, except the explicit
 * `keys.export` (PEM) and `secrets.revealRegistryKey` calls.
 */

export type KeychainBackend = 'macos-keychain' | 'windows-credential-manager' | 'secret-service' | 'unknown';

export interface KeychainStatus {
  available: boolean;
  backend: KeychainBackend;
  /** The user chose to keep secrets in memory for this session (only offered when the keychain is missing). */
  sessionMemory: boolean;
  /** Why the keychain can't be used, when it can't. */
  message?: string;
  /** How to fix it (start gnome-keyring, unlock the login keyring...). */
  hint?: string;
  /** Why, when it can't: no keychain at all, a locked collection, or no answer in time (an unlock prompt nobody saw). */
  reason?: KeychainUnavailableReason;
}

export type KeychainUnavailableReason = 'missing' | 'locked' | 'timeout';

export type SecretStorage = 'keychain' | 'session';

/** What the renderer may know about a secret: never its value. */
export interface SecretInfo {
  name: string;
  kind: 'registry-key' | 'deploy-key' | 'engine-ssh-key';
  /** The id after the kind: a project, a key id, a host. */
  id: string;
  /** SHA-256 of the value, first 16 hex digits; for deploy keys the SSH fingerprint (`SHA256:...`). */
  fingerprint: string;
  createdAt: string;
  updatedAt: string;
  storage: SecretStorage;
  project?: string;
}

export interface DeployKeyInfo {
  id: string;
  project: string;
  bits: number;
  /** `ssh-rsa AAAA... certdesk-<project>`: what goes into the git host's deploy keys. */
  publicKey: string;
  /** As `ssh-keygen -l` prints it: `SHA256:<base64 without padding>`. */
  fingerprint: string;
  createdAt: string;
  storage: SecretStorage;
  /** Where the key came from. */
  origin: 'generated' | 'imported-pem' | 'imported-openssh';
}

export interface ExportedKey {
  id: string;
  /** Set when written to a file (0600). */
  path?: string;
  /** Set when the caller asked for the PEM itself (CLI, bridge): an explicit act. */
  pem?: string;
  copiedToClipboard?: boolean;
}

export type RepoTransport = 'https' | 'ssh';

export interface HostKeyInfo {
  algorithm: string;
  fingerprint: string;
  /** `known`: matched known hosts; `added`: first use, accepted and remembered. */
  status: 'known' | 'added';
}

/** A pinned host key in known-hosts.json: git hosts (repository check) and ssh:// engines share it. */
export interface KnownHostInfo {
  /** OpenSSH's spelling: `host` on port 22, `[host]:port` otherwise. */
  entry: string;
  host: string;
  port: number;
  algorithm: string;
  fingerprint: string;
  addedAt: string;
}

export interface RepoCheckResult {
  url: string;
  transport: RepoTransport;
  /** Public HTTPS repositories need only the URL in the build service; private ones SSH + a deploy key. */
  guidance: string;
  /** Only for ssh: whether the key was accepted and the refs read. */
  host?: string;
  port?: number;
  path?: string;
  hostKey?: HostKeyInfo;
  branches?: number;
  branchNames?: string[];
  defaultBranch?: string;
  /** One line, e.g. "key works, 2 branches, default branch main". */
  summary: string;
  dockerfile?: { path: string; checked: false; reason: string } | { path: string; checked: true; exists: boolean };
}

const project = z.string().regex(PROJECT_ID_PATTERN, 'a project id: letters, digits, . _ -');
const keyId = z.string().regex(KEY_ID_PATTERN, 'a key id');
const secretName = z
  .string()
  .max(220)
  .regex(/^(registry-key|deploy-key|engine-ssh-key):[A-Za-z0-9][A-Za-z0-9._@:/-]{0,199}$/, 'a secret name like deploy-key:<id>');
/** Enough for an RSA 8192 PEM with a passphrase, far below anything that would hurt. */
const pemText = z.string().min(1).max(32_768);

export const secretsCalls = {
  'secrets.status': defineCall(z.object({}).strict()).returns<KeychainStatus>(),
  /** The explicit opt-in: keep secrets in this process's memory until it exits; never on disk. */
  'secrets.useSessionMemory': defineCall(z.object({ enable: z.boolean() }).strict()).returns<KeychainStatus>(),
  'secrets.list': defineCall(z.object({}).strict()).returns<SecretInfo[]>(),
  'secrets.setRegistryKey': defineCall(z.object({ project, key: z.string().min(1).max(4096) }).strict()).returns<SecretInfo>(),
  /** Copy a registry key: to the clipboard in Electron; returned only to the bridge and the CLI. */
  'secrets.copyRegistryKey': defineCall(z.object({ project }).strict()).returns<{ copiedToClipboard: boolean; key?: string }>(),
  'secrets.delete': defineCall(z.object({ name: secretName }).strict()).returns<{ deleted: boolean }>(),
  /** Every secret of a project (registry key and deploy keys), in one call. */
  'secrets.deleteProject': defineCall(z.object({ project }).strict()).returns<{ deleted: string[] }>(),

  'keys.list': defineCall(z.object({ project: project.optional() }).strict()).returns<DeployKeyInfo[]>(),
  'keys.generate': defineCall(
    z.object({ project, bits: z.union([z.literal(4096), z.literal(3072)]).default(4096) }).strict(),
  ).startsOperation<DeployKeyInfo>(),
  'keys.show': defineCall(z.object({ id: keyId }).strict()).returns<DeployKeyInfo>(),
  /** PEM (PKCS#1 or PKCS#8) or OpenSSH-format RSA; PASSPHRASE_REQUIRED asks for `passphrase` and a retry. */
  'keys.import': defineCall(
    z.object({ project, key: pemText, passphrase: z.string().max(1024).optional() }).strict(),
  ).returns<DeployKeyInfo>(),
  /** The explicit export of the private key, as the portal's build-service form expects it (PKCS#1 PEM). */
  'keys.export': defineCall(
    z.discriminatedUnion('to', [
      z.object({ id: keyId, to: z.literal('file'), path: z.string().min(1).max(4096) }).strict(),
      z.object({ id: keyId, to: z.literal('clipboard') }).strict(),
      z.object({ id: keyId, to: z.literal('return') }).strict(),
    ]),
  ).returns<ExportedKey>(),
  'keys.delete': defineCall(z.object({ id: keyId }).strict()).returns<{ deleted: boolean }>(),

  /** Tells public HTTPS from private SSH; for SSH logs in with the deploy key and reads the refs. */
  'repo.check': defineCall(
    z
      .object({
        url: z.string().min(1).max(2048),
        keyId: keyId.optional(),
        acceptNewHostKey: z.boolean().default(false),
        dockerfile: z.string().max(1024).optional(),
        /** The CertDesk project the result is evidence for; default: the deploy key's project. */
        projectId: z.string().min(1).max(128).optional(),
      })
      .strict(),
  ).returns<RepoCheckResult>(),
  /** The pinned host keys (trust on first use), for git hosts and ssh:// engines alike. */
  'repo.knownHosts': defineCall(z.object({}).strict()).returns<KnownHostInfo[]>(),
  /** Forgets a host's pinned key (after a confirmed, intended key change): the next connection is first use again. */
  'repo.forgetHost': defineCall(
    z.object({ host: z.string().min(1).max(300), port: z.number().int().min(1).max(65_535).default(22) }).strict(),
  ).returns<{ forgotten: KnownHostInfo | null }>(),
};
