import { z } from 'zod';
import { defineCall } from './define-call';

export interface EngineInfo {
  /** The address the app talks to, e.g. `unix:///var/run/docker.sock` or `ssh://builder@rhel9`. */
  host: string;
  /** Where that address came from: DOCKER_HOST, a well-known socket, the user's setting. */
  source: string;
  product: 'docker' | 'podman' | 'unknown';
  serverVersion: string;
  apiVersion: string;
  os: string;
  arch: string;
  kernelVersion: string;
  storageDriver: string;
  rootless: boolean;
  images: number;
  containers: number;
}

export interface EngineAttempt {
  host: string;
  source: string;
  error: string;
  /** The error code when it says more than "unreachable", e.g. REPO_HOST_KEY_CHANGED for an ssh:// engine. */
  code?: string;
  /** Listed but not tried: another engine is chosen in CertDesk, and a chosen engine is never silently replaced. */
  skipped?: boolean;
}

export type EngineStatus =
  | { reachable: true; info: EngineInfo }
  | { reachable: false; attempts: EngineAttempt[]; message: string; hint: string };

export const engineCalls = {
  /** Which engine the app talks to; never throws for an absent engine, it answers `reachable:false`. */
  'engine.status': defineCall(z.object({}).strict()).returns<EngineStatus>(),
  /** Forget the chosen engine and probe again (after the user started one). */
  'engine.reconnect': defineCall(z.object({}).strict()).returns<EngineStatus>(),
  'engine.images': defineCall(z.object({}).strict()).returns<EngineImage[]>(),
  /**
   * Use this engine (`unix://…`, `tcp://…`, `ssh://user@build-host`) from now on; `null` goes back to discovery.
   * An ssh:// host's key is checked against CertDesk's known hosts first: a new key is recorded only with
   * `acceptNewHostKey` (else REPO_HOST_KEY_UNKNOWN), a changed one is refused (REPO_HOST_KEY_CHANGED); either
   * refusal leaves the previous choice in place. The SSH key is the keychain secret `engine-ssh-key:<host>`.
   */
  'engine.setHost': defineCall(
    z
      .object({
        host: z.string().min(1).max(512).nullable(),
        acceptNewHostKey: z.boolean().default(false),
        /** A private key file to store in the keychain for this ssh:// host first (read by the main process). */
        sshKeyFile: z.string().min(1).max(4096).optional(),
      })
      .strict(),
  ).returns<EngineStatus>(),
};

export interface EngineImage {
  id: string;
  tags: string[];
  size: number;
  created: number;
}
