import { z } from 'zod';
import { defineCall } from './define-call';
import type { TagSuggestion } from '../images/tag-suggestion';
import type { KeyCleaning } from '../registry/key-cleaning';

/**
 * Build, tag, log in, push, pull and run: the images capability. Long work (build, push, pull,
 * run) starts an operation; everything else answers at once. Registry keys travel in only
 * (login), never out.
 */

const path = z.string().min(1).max(4096);
const endpoint = z.string().min(1).max(255);
const projectId = z.string().min(1).max(80);
const reference = z.string().min(1).max(512);

export const RegistryTargetSchema = z
  .object({
    endpoint,
    projectId,
    image: z.string().min(1).max(128),
    tag: z.string().min(1).max(128),
  })
  .strict();

const BuildInputSchema = z
  .object({
    contextDir: path,
    /** Relative to the context (like `docker build -f`), default `Dockerfile`. */
    dockerfile: z.string().min(1).max(1024).optional(),
    /** Full names to tag the result with, e.g. `my-plugin:1.0-1`. */
    tags: z.array(reference).max(8).default([]),
    buildArgs: z.record(z.string().min(1).max(256), z.string().max(8192)).default({}),
    target: z.string().min(1).max(128).optional(),
    noCache: z.boolean().default(false),
    pull: z.boolean().default(false),
    /** The CertDesk project (id, name or registry pid) the build is evidence for. */
    projectId: z.string().min(1).max(128).optional(),
  })
  .strict();

export interface ContextInspection {
  contextDir: string;
  dockerfile: string;
  dockerfileFound: boolean;
  dockerignoreFound: boolean;
  files: number;
  bytes: number;
  /** What is left out, and why (first 200); `excludedCount` has them all. */
  excluded: Array<{ path: string; reason: 'dockerignore' | 'version-control' | 'private-key-name' | 'private-key-content' | 'app-data' | 'unreadable' }>;
  excludedCount: number;
  warnings: string[];
}

export interface BuildResult {
  imageId: string;
  tags: string[];
  logId: string;
  engineHost: string;
  steps?: { step: number; total: number };
  elapsedMs: number;
  context: { files: number; bytes: number };
}

export interface BuildLogSummary {
  logId: string;
  startedAt: string;
  title: string;
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  bytes: number;
  tags: string[];
  engineHost?: string;
  imageId?: string;
  error?: string;
}

export interface BuildLogChunk {
  logId: string;
  text: string;
  offset: number;
  nextOffset: number;
  size: number;
  /** The log hit its size cap while the build ran: the middle was dropped, the end kept. */
  truncated: boolean;
}

export interface LoginResult {
  registry: string;
  projectId?: string;
  /** What cleaning took out of the pasted key; never the key itself. */
  cleaning: Omit<KeyCleaning, 'cleaned'> & { description: string };
  /** The registry's /v2/ answered 200 with these credentials. */
  verified: boolean;
  /** How: `basic` or `token` (Bearer challenge). */
  method: 'basic' | 'token';
  /** The engine's own check of the same credentials, when an engine was reachable. */
  engineCheck?: { ok: boolean; message: string };
  stored: boolean;
  keyName?: string;
}

export interface RegistryKeyStatus {
  registry: string;
  projectId?: string;
  keyName: string;
  stored: boolean;
  caFile?: string;
}

export interface PushResult {
  reference: string;
  digest: string;
  engineHost: string;
  attempts: number;
  layersPushed: number;
  layersSkipped: number;
  bytes: number;
  elapsedMs: number;
}

export interface PullResult {
  reference: string;
  digest?: string;
  imageId?: string;
  engineHost: string;
  elapsedMs: number;
}

export interface RunResult {
  image: string;
  command: string[];
  exitCode: number;
  output: string;
  timedOut: boolean;
  engineHost: string;
}

export interface ImageHistoryEntry {
  at: string;
  kind: 'build' | 'push' | 'pull';
  reference: string;
  digest?: string;
  imageId?: string;
  engineHost?: string;
}

export interface ImageSettings {
  engineHost?: string;
  registries: Record<string, { caFile?: string }>;
  lastTarget?: z.infer<typeof RegistryTargetSchema>;
}

export const imagesCalls = {
  /** Files, bytes and exclusions of a context before it is sent; warns when it is large. */
  'build.inspectContext': defineCall(z.object({ contextDir: path, dockerfile: z.string().min(1).max(1024).optional() }).strict()).returns<ContextInspection>(),
  'build.start': defineCall(BuildInputSchema).startsOperation<BuildResult>(),
  /** Past build logs, newest first; they survive page changes and restarts. */
  'build.logs': defineCall(z.object({}).strict()).returns<BuildLogSummary[]>(),
  'build.readLog': defineCall(
    z.object({ logId: z.string().regex(/^[a-z0-9-]{1,80}$/), offset: z.number().int().min(0).default(0), maxBytes: z.number().int().min(1).max(8 * 1024 * 1024).default(1024 * 1024) }).strict(),
  ).returns<BuildLogChunk>(),
  /** Streams a stored log as `log` events, as if live (the terminal benchmark drives delivery with it). */
  'build.replayLog': defineCall(z.object({ logId: z.string().regex(/^[a-z0-9-]{1,80}$/) }).strict()).startsOperation<{ lines: number }>(),
  /** `VERSION-RELEASE` from the Dockerfile's labels, or the next rebuild number of `repository`. */
  'build.suggestTag': defineCall(
    z.object({ contextDir: path, dockerfile: z.string().min(1).max(1024).optional(), repository: z.string().max(255).optional() }).strict(),
  ).returns<{ suggestion?: TagSuggestion; existingTags: string[] }>(),

  /** Cleans the pasted key, checks it against the registry, and stores it in the keychain when `store`. */
  'registry.login': defineCall(
    z
      .object({
        registry: endpoint,
        projectId: projectId.optional(),
        username: z.string().min(1).max(64).default('unused'),
        key: z.string().min(1).max(16384),
        caFile: path.optional(),
        store: z.boolean().default(true),
        /** Log in to the FAQ 8 endpoint anyway. */
        force: z.boolean().default(false),
      })
      .strict(),
  ).returns<LoginResult>(),
  /** Tests the stored key (no key in the input). */
  'registry.testLogin': defineCall(z.object({ registry: endpoint, projectId: projectId.optional(), caFile: path.optional(), force: z.boolean().default(false) }).strict()).returns<LoginResult>(),
  'registry.logout': defineCall(z.object({ registry: endpoint, projectId: projectId.optional() }).strict()).returns<{ removed: boolean; keyName: string }>(),
  'registry.keyStatus': defineCall(z.object({ registry: endpoint, projectId: projectId.optional() }).strict()).returns<RegistryKeyStatus>(),
  'registry.settings': defineCall(z.object({}).strict()).returns<ImageSettings>(),

  /** Tags `source` as `<endpoint>/<pid>/<image>:<tag>` and pushes it with the stored key. */
  'image.push': defineCall(
    z
      .object({
        source: reference,
        target: RegistryTargetSchema,
        /** Push to an endpoint the guide warns about anyway (FAQ 8). */
        force: z.boolean().default(false),
        retries: z.number().int().min(0).max(10).default(3),
        /** The CertDesk project the pushed digest is evidence for; default: the one with the target's pid. */
        projectId: z.string().min(1).max(128).optional(),
      })
      .strict(),
  ).startsOperation<PushResult>(),
  /** Pulls `reference`, or one of the guide's two forms from a target. */
  'image.pull': defineCall(
    z.union([
      z.object({ reference }).strict(),
      z
        .object({
          endpoint,
          projectId,
          tag: z.string().min(1).max(128),
          form: z.enum(['build-service', 'manual']),
          image: z.string().min(1).max(128).optional(),
        })
        .strict(),
    ]),
  ).startsOperation<PullResult>(),
  /** Starts the image with a short command, no network, a timeout, and removes the container. */
  'image.run': defineCall(
    z
      .object({
        image: reference,
        command: z.array(z.string().max(4096)).max(64).default(['id']),
        timeoutSeconds: z.number().int().min(1).max(600).default(30),
      })
      .strict(),
  ).startsOperation<RunResult>(),
  'image.history': defineCall(z.object({}).strict()).returns<ImageHistoryEntry[]>(),
};
