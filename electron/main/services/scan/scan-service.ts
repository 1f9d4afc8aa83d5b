import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { ScanSource, VulnDataStatus } from '@shared/contract/scan';
import { RPMDB_PATHS, type RpmDatabase } from '@shared/rpm/rpm-package';
import { compareEvr } from '@shared/rpm/rpm-version';
import { runAssessments, type ScanFacts } from '@shared/scan/assessments';
import { estimateHealthGrade } from '@shared/scan/health-grade';
import { ImageFilesystem } from '@shared/scan/image-filesystem';
import { findModifiedFiles, pathIsExempt, snapshotOf, type LayerFileChange, type RpmSnapshot } from '@shared/scan/modified-files';
import { parseOsRelease } from '@shared/scan/os-release';
import { parseKeyIds } from '@shared/scan/release-keys';
import { renderReport, type ReportFormat } from '@shared/scan/report-formats';
import { summarize, type ScanHistoryEntry, type ScanProfile, type ScanReport } from '@shared/scan/scan-model';
import { tagsOf } from '@shared/scan/tag-rules';
import { matchVulnerabilities, type VulnIndex } from '@shared/vulns/vuln-index';
import type { EngineService } from '../docker/engine-service';
import { engineExportFeed, rawEndpoint } from './engine-export-feed';
import { readImageArchive, type ArchiveFeed, type ArchiveProgress, type ImageArchive } from './image-archive-reader';
import type { CaptureRules, LayerReadLimits } from './layer-reader';
import { readRpmDatabase } from './rpmdb-reader';
import { describeIndex, readSecurityData, VulnStore, type ImportProgress } from './vuln-store';

export type RpmDatabaseReader = (path: string, bytes: Uint8Array, sqliteWal?: Uint8Array) => RpmDatabase | Promise<RpmDatabase>;

const defaultRpmReader: RpmDatabaseReader = (path, bytes, sqliteWal) => readRpmDatabase(path, bytes, sqliteWal ? { sqliteWal } : {});

export interface ScanServiceOptions {
  dataDir: string;
  env: Record<string, string | undefined>;
  engine: EngineService;
  /** The RPM database reader (sqlite / Berkeley DB / ndb); the built-in one unless a test swaps it. */
  readRpmDatabase?: RpmDatabaseReader;
  /** Extra trusted release-package key ids (tests' own key), besides CERTDESK_EXTRA_RELEASE_KEYS. */
  extraReleaseKeys?: string[];
  limits?: Partial<LayerReadLimits>;
  now?: () => Date;
}

export interface ScanRequest {
  source: ScanSource;
  profile: ScanProfile;
  vulnsPath?: string;
  projectId?: string;
}

export interface ScanReporter {
  signal?: AbortSignal;
  progress?(update: { fraction?: number; message?: string; stats?: Record<string, number | string> }): void;
  log?(line: string): void;
}

const SMALL_FILES = new Set(['etc/os-release', 'usr/lib/os-release', 'etc/passwd']);
const SMALL_FILE_MAX = 1024 * 1024;
const RPMDB_MAX = 256 * 1024 * 1024;
const RPMDB_SET: ReadonlySet<string> = new Set(RPMDB_PATHS.flatMap((p) => (p.format === 'sqlite' ? [p.path, `${p.path}-wal`] : [p.path])));
const HISTORY_KEPT = 200;

const DEFAULT_LIMITS: LayerReadLimits = {
  maxEntries: 3_000_000,
  maxContentBytes: 192 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 ** 3,
};

/** Only what the checks need is kept: a few small files, RPM databases, digests of candidates for HasModifiedFiles. */
export const CAPTURE_RULES: CaptureRules = {
  keepContent: (path, size) => (SMALL_FILES.has(path) && size <= SMALL_FILE_MAX) || (RPMDB_SET.has(path) && size <= RPMDB_MAX),
  wantDigest: (path, size) => size > 0 && !pathIsExempt(path) && !RPMDB_SET.has(path),
};

export class ScanService {
  readonly vulns: VulnStore;
  private readonly scansDir: string;
  private readonly now: () => Date;

  constructor(private readonly options: ScanServiceOptions) {
    this.scansDir = join(options.dataDir, 'scans');
    this.now = options.now ?? (() => new Date());
    this.vulns = new VulnStore(join(options.dataDir, 'vulns'), this.now);
  }

  extraReleaseKeys(): string[] {
    return [...parseKeyIds(this.options.env.CERTDESK_EXTRA_RELEASE_KEYS), ...(this.options.extraReleaseKeys ?? []).map((k) => k.toLowerCase())];
  }

  async scan(request: ScanRequest, reporter: ScanReporter = {}): Promise<ScanReport> {
    const startedAt = this.now().toISOString();
    const signal = reporter.signal;
    const opened = await this.open(request.source, signal);
    let archive: ImageArchive;
    try {
      reporter.log?.(`Reading ${opened.description} (${request.profile} profile)`);
      archive = await readImageArchive(opened.feed ?? opened.stream!, CAPTURE_RULES, { ...DEFAULT_LIMITS, ...this.options.limits }, {
        ...(signal ? { signal } : {}),
        ...(opened.wantedRef ? { wantedRef: opened.wantedRef } : {}),
        onProgress: (p: ArchiveProgress) =>
          reporter.progress?.({
            ...(opened.expectedBytes ? { fraction: Math.min(0.99, p.bytesRead / opened.expectedBytes) } : {}),
            message: `Read ${p.layersRead} layer(s), ${formatBytes(p.bytesRead)}`,
            stats: { layersRead: p.layersRead, bytesRead: p.bytesRead },
          }),
      });
    } finally {
      opened.stream?.destroy?.();
    }
    if (signal?.aborted) throw signal.reason;
    reporter.progress?.({ fraction: 0.99, message: 'Running the assessments', stats: { layersRead: archive.layers.length, bytesRead: archive.bytesRead } });

    const fs = new ImageFilesystem();
    archive.layers.forEach((layer, i) => {
      for (const f of layer.changes.files) f.layer = i;
      fs.apply(layer.changes);
    });
    const contentOf = (path: string): Uint8Array | undefined => {
      const real = fs.resolve(path);
      if (!real || real.kind !== 'file') return undefined;
      return archive.layers[real.layer]?.contents.get(real.path);
    };
    const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);
    const osReleaseText = text(contentOf('etc/os-release') ?? contentOf('usr/lib/os-release'));
    const passwdText = text(contentOf('etc/passwd'));
    const warnings = [...archive.warnings];

    const rpm = await this.readRpm(fs, archive, warnings);
    const vulnIndex = request.vulnsPath ? await readSecurityData(request.vulnsPath, () => undefined, this.now(), signal) : await this.vulns.load();
    const findings = vulnIndex && rpm.facts.status === 'found' ? matchVulnerabilities(rpm.facts.db.packages, vulnIndex, compareEvr) : [];
    const vulnStatus: VulnDataStatus | undefined = vulnIndex ? describeIndex(vulnIndex, this.now()) : undefined;
    const dataLabel = vulnStatus ? describeData(vulnStatus, request.vulnsPath) : '';

    const tags = [...new Set([...tagsOf(opened.repoTags), ...tagsOf(archive.repoTags)])];
    const image = opened.displayName ?? archive.repoTags[0] ?? basename(opened.description);
    const facts: ScanFacts = {
      reference: image,
      tags,
      layerCount: archive.layers.length,
      config: archive.config,
      fs,
      ...(osReleaseText !== undefined ? { osReleaseText } : {}),
      ...(passwdText !== undefined ? { passwdText } : {}),
      rpm: rpm.facts,
      ...(rpm.modified ? { modified: rpm.modified } : {}),
      vulns: vulnIndex ? { status: 'evaluated', findings, data: dataLabel } : { status: 'not-imported' },
      extraReleaseKeys: this.extraReleaseKeys(),
    };
    const checks = runAssessments(request.profile, facts);
    const summary = summarize(checks);
    const report: ScanReport = {
      id: `scan-${randomUUID()}`,
      image,
      tags,
      imageId: opened.imageId ?? archive.configDigest ?? '',
      profile: request.profile,
      source: { kind: request.source.kind, input: request.source.kind === 'engine' ? request.source.ref : request.source.path, format: archive.format },
      startedAt,
      finishedAt: this.now().toISOString(),
      passed: summary.failed === 0 && summary.notEvaluated === 0,
      summary,
      checks,
      layerCount: archive.layers.length,
      bytesRead: archive.bytesRead,
      ...(rpm.facts.status === 'found'
        ? { rpm: { database: rpm.facts.db.path, format: rpm.facts.db.format, packages: rpm.facts.db.packages.length, warnings: rpm.facts.db.warnings.slice(0, 20) } }
        : {}),
      ...(osReleaseText !== undefined ? { osRelease: parseOsRelease(osReleaseText) } : {}),
      ...(vulnIndex && vulnStatus
        ? {
            vulnerabilities: { data: dataLabel, ...(vulnStatus.newestDocument ? { dataAge: vulnStatus.newestDocument } : {}), findings },
            health: estimateHealthGrade(findings, this.now()),
          }
        : {}),
      warnings: warnings.slice(0, 100),
      ...(request.projectId ? { projectId: request.projectId } : {}),
    };
    await this.store(report);
    return report;
  }

  private async readRpm(fs: ImageFilesystem, archive: ImageArchive, warnings: string[]): Promise<{ facts: ScanFacts['rpm']; modified?: ScanFacts['modified'] }> {
    const found = RPMDB_PATHS.map((p) => ({ ...p, fact: fs.resolve(p.path) })).find((p) => p.fact?.kind === 'file');
    if (!found?.fact) return { facts: { status: 'absent' } };
    const path = `/${found.path}`;
    const reader = this.options.readRpmDatabase ?? defaultRpmReader;
    const realPath = found.fact.path;
    const snapshots: Array<RpmSnapshot | undefined> = [];
    let finalDb: RpmDatabase | undefined;
    for (let i = 0; i < archive.layers.length; i++) {
      const bytes = archive.layers[i]!.contents.get(realPath);
      if (!bytes) {
        snapshots.push(undefined);
        continue;
      }
      try {
        // A write-ahead log not yet checkpointed holds the newest rows: read it with its database.
        const wal = found.format === 'sqlite' ? archive.layers[i]!.contents.get(`${realPath}-wal`) : undefined;
        const db = await reader(path, bytes, wal && wal.length > 0 ? wal : undefined);
        if (db.error) throw new Error(db.error);
        snapshots.push(snapshotOf(db));
        if (i === found.fact.layer) finalDb = db;
      } catch (err) {
        snapshots.push(undefined);
        const message = err instanceof Error ? err.message : String(err);
        if (i === found.fact.layer) return { facts: { status: 'unreadable', path, error: message } };
        warnings.push(`RPM database of layer ${i + 1} unreadable: ${message}`);
      }
      // The bytes are not needed any more; release them early (peak memory).
      archive.layers[i]!.contents.delete(realPath);
      archive.layers[i]!.contents.delete(`${realPath}-wal`);
    }
    if (!finalDb) return { facts: { status: 'unreadable', path, error: 'its content was not kept (larger than the scan keeps)' } };
    const layers = archive.layers.map((layer, i) => {
      const files: LayerFileChange[] = [];
      for (const f of layer.changes.files) {
        if (f.kind !== 'file' && f.kind !== 'symlink' && f.kind !== 'hardlink') continue;
        const sha256 = layer.digests.get(f.path);
        files.push({ path: f.path, kind: f.kind, mode: f.mode, size: f.size, ...(sha256 ? { sha256 } : {}) });
      }
      const db = snapshots[i];
      return db ? { files, db } : { files };
    });
    return { facts: { status: 'found', db: finalDb }, modified: findModifiedFiles(layers) };
  }

  private async open(
    source: ScanSource,
    signal?: AbortSignal,
  ): Promise<{
    stream?: Readable;
    feed?: ArchiveFeed;
    description: string;
    displayName?: string;
    repoTags: string[];
    imageId?: string;
    expectedBytes?: number;
    wantedRef?: string;
  }> {
    if (source.kind === 'archive') {
      let size: number;
      try {
        const info = await stat(source.path);
        if (!info.isFile()) throw new Error('not a file');
        size = info.size;
      } catch (err) {
        throw new AppError(ErrorCode.FileUnreadable, `Cannot read the image archive ${source.path}.`, {
          hint: 'Give a file made by `docker save -o FILE IMAGE` (or an OCI layout tar).',
          cause: err,
        });
      }
      const stream = createReadStream(source.path, { highWaterMark: 1024 * 1024 });
      signal?.addEventListener('abort', () => stream.destroy(), { once: true });
      return { stream, description: source.path, repoTags: [], expectedBytes: size };
    }
    const docker = await this.options.engine.docker();
    const image = docker.getImage(source.ref);
    let inspect: { Id: string; RepoTags?: string[]; Size?: number };
    try {
      inspect = (await image.inspect()) as typeof inspect;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 404) {
        throw new AppError(ErrorCode.NotFound, `The engine has no image ${source.ref}.`, {
          hint: 'Build or pull it first; `docker images` lists what the engine holds. A local archive can be scanned too.',
        });
      }
      throw new AppError(ErrorCode.EngineError, `The engine could not describe ${source.ref}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const isId = /^(sha256:)?[a-f0-9]{12,64}$/.test(source.ref);
    const repoTags = inspect.RepoTags ?? [];
    const endpoint = rawEndpoint(docker);
    let exported: { stream: Readable } | { feed: ArchiveFeed };
    if (endpoint) exported = { feed: engineExportFeed(docker, endpoint, source.ref) };
    else {
      let stream: Readable;
      try {
        stream = (await image.get()) as Readable;
      } catch (err) {
        throw new AppError(ErrorCode.EngineError, `The engine could not export ${source.ref}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      signal?.addEventListener('abort', () => stream.destroy(), { once: true });
      exported = { stream };
    }
    return {
      ...exported,
      description: `${source.ref} from the engine`,
      displayName: isId ? (repoTags[0] ?? source.ref) : source.ref,
      repoTags,
      imageId: inspect.Id,
      ...(inspect.Size ? { expectedBytes: inspect.Size } : {}),
      ...(isId ? {} : { wantedRef: source.ref }),
    };
  }

  // ---------- history ----------

  private async store(report: ScanReport): Promise<void> {
    try {
      await mkdir(this.scansDir, { recursive: true, mode: 0o700 });
      const file = join(this.scansDir, `${report.id}.json`);
      await writeFile(`${file}.tmp`, JSON.stringify(report), { mode: 0o600 });
      await rename(`${file}.tmp`, file);
      const entries = await this.historyEntries();
      for (const old of entries.slice(HISTORY_KEPT)) await unlink(join(this.scansDir, `${old.id}.json`)).catch(() => undefined);
    } catch {
      // History is a convenience: a full disk must not fail the scan itself.
    }
  }

  private async historyEntries(): Promise<ScanHistoryEntry[]> {
    let names: string[];
    try {
      names = (await readdir(this.scansDir)).filter((n) => /^scan-[a-z0-9-]+\.json$/.test(n));
    } catch {
      return [];
    }
    const entries: ScanHistoryEntry[] = [];
    for (const name of names) {
      try {
        const r = JSON.parse(await readFile(join(this.scansDir, name), 'utf8')) as ScanReport;
        entries.push({ id: r.id, image: r.image, profile: r.profile, finishedAt: r.finishedAt, passed: r.passed, summary: r.summary });
      } catch {
        // A damaged history file is skipped, not fatal.
      }
    }
    return entries.sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
  }

  async history(image?: string): Promise<ScanHistoryEntry[]> {
    const all = await this.historyEntries();
    return image ? all.filter((e) => e.image === image) : all;
  }

  /** Where a stored report lives (the JSON kept in the history): what a support case attaches. */
  reportPath(id: string): string {
    return join(this.scansDir, `${id}.json`);
  }

  async report(id: string): Promise<ScanReport> {
    if (!/^scan-[a-z0-9-]+$/.test(id)) throw new AppError(ErrorCode.InvalidInput, 'Not a scan id.');
    try {
      return JSON.parse(await readFile(join(this.scansDir, `${id}.json`), 'utf8')) as ScanReport;
    } catch {
      throw new AppError(ErrorCode.NotFound, `No stored scan ${id}.`, { hint: 'It may have been pruned from the history; scan again.' });
    }
  }

  async render(id: string, format: ReportFormat): Promise<string> {
    return renderReport(await this.report(id), format);
  }

  async export(id: string, format: ReportFormat, path: string): Promise<{ path: string; bytes: number }> {
    const content = await this.render(id, format);
    try {
      await writeFile(path, content, { mode: 0o644 });
    } catch (err) {
      throw new AppError(ErrorCode.FileWriteFailed, `Could not write ${path}.`, { hint: 'Choose a folder you can write to.', cause: err });
    }
    return { path, bytes: Buffer.byteLength(content) };
  }

  async importVulns(path: string, onProgress: (p: ImportProgress) => void, signal?: AbortSignal): Promise<VulnDataStatus> {
    return this.vulns.importAndStore(path, onProgress, signal);
  }

  dispose(): void {}
}

function describeData(status: VulnDataStatus, path?: string): string {
  const kinds = [...new Set(status.sources.map((s) => s.kind.toUpperCase()))].join('/');
  const age = status.ageDays !== undefined ? `, newest advisory ${status.ageDays} day(s) old` : '';
  return `${path ? `${path} ` : 'imported '}${kinds} data (${status.records} records for ${status.packages} packages${age})`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export type { VulnIndex };
