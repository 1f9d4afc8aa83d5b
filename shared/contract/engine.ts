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
  /** Use this engine (`unix://…`, `tcp://…`, `ssh://user@build-host`) from now on; `null` goes back to discovery. */
  'engine.setHost': defineCall(z.object({ host: z.string().min(1).max(512).nullable() }).strict()).returns<EngineStatus>(),
};

export interface EngineImage {
  id: string;
  tags: string[];
  size: number;
  created: number;
}
