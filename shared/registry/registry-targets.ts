/**
 * Where images go and come from, per the partner guide ("Manually Upload Your Image",
 * "Downloading Your Unpublished Container", FAQ 7 and 8).
 */
import { imageNameViolation, isValidTag, parseReference, tagViolations } from '../images/tag-rules';

export const DEFAULT_ENDPOINT = 'scan.connect.redhat.com';
/** FAQ 8: pushes here never reach the project page. */
export const WRONG_ENDPOINTS = ['registry.rhc4tp.openshift.com'];
/** The repository name the build service uses for every project. */
export const BUILD_SERVICE_IMAGE = 'partner-build-service';
/** The registry user is always this literal (guide: `docker login -u unused`). */
export const REGISTRY_USER = 'unused';

const PROJECT_ID = /^p[0-9a-f]{8,64}$/;

export interface RegistryTarget {
  endpoint: string;
  projectId: string;
  image: string;
  tag: string;
}

export function projectIdViolation(pid: string): string | undefined {
  if (PROJECT_ID.test(pid)) return undefined;
  if (/^P[0-9a-fA-F]+$/.test(pid) || /^p[0-9a-fA-F]+$/.test(pid)) return 'The project id must be lowercase ("p" followed by lowercase hex digits).';
  return 'A project id is "p" followed by hex digits, e.g. p78693833236cdf211b0b7767fec4f6fe2a25b4e51 (the "Upload Your Image" tab shows it).';
}

/** Normalises an endpoint the user typed: no scheme, no trailing slash, lowercase host. */
export function normalizeEndpoint(endpoint: string): string {
  const e = endpoint.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  const colon = e.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(e.slice(colon + 1)) ? `${e.slice(0, colon).toLowerCase()}${e.slice(colon)}` : e.toLowerCase();
}

/**
 * What is wrong with a registry as typed, if anything: it is a host with an optional port.
 * `registry/pid` (copied from the portal's push command) is the common slip.
 */
export function registryViolation(registry: string): string | undefined {
  const e = normalizeEndpoint(registry);
  if (e === '') return 'Name the registry, e.g. scan.connect.redhat.com.';
  const slash = e.indexOf('/');
  if (slash >= 0) {
    const first = e.slice(slash + 1).split('/')[0] ?? '';
    return PROJECT_ID.test(first)
      ? `The registry is the host only (${e.slice(0, slash)}): give the project id ${first} separately (CLI: --project ${first}).`
      : `The registry is a host name with an optional port, without a path: ${e.slice(0, slash)}, not ${e}.`;
  }
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(e)) return `"${e}" is not a registry host name (e.g. scan.connect.redhat.com or 127.0.0.1:5000).`;
  return undefined;
}

export function isWrongEndpoint(endpoint: string): boolean {
  const host = normalizeEndpoint(endpoint).replace(/:\d+$/, '');
  return WRONG_ENDPOINTS.includes(host);
}

export const WRONG_ENDPOINT_EXPLANATION =
  'Images pushed to registry.rhc4tp.openshift.com never show up on the project page (partner guide, FAQ 8). ' +
  `The correct endpoint is ${DEFAULT_ENDPOINT}.`;

export function targetViolations(t: RegistryTarget): string[] {
  const out: string[] = [];
  const endpoint = registryViolation(t.endpoint);
  if (endpoint) out.push(endpoint);
  const pid = projectIdViolation(t.projectId);
  if (pid) out.push(pid);
  const name = imageNameViolation(t.image);
  if (name) out.push(name);
  out.push(...tagViolations(t.tag).map((v) => v.message));
  return out;
}

/** `<endpoint>/<pid>/<image>:<tag>` */
export function pushReference(t: RegistryTarget): string {
  return `${normalizeEndpoint(t.endpoint)}/${t.projectId}/${t.image}:${t.tag}`;
}

export type PullForm = 'build-service' | 'manual';

/** Both pull forms of the guide: build-service images live under `partner-build-service`. */
export function pullReference(t: Omit<RegistryTarget, 'image'> & { image?: string }, form: PullForm): string {
  const image = form === 'build-service' ? BUILD_SERVICE_IMAGE : t.image;
  if (!image) throw new Error('A manual pull needs the image name.');
  return `${normalizeEndpoint(t.endpoint)}/${t.projectId}/${image}:${t.tag}`;
}

/** Splits `REGISTRY/PID/NAME:TAG` (the CLI's push target) and checks each part. */
export function parseTarget(input: string): { ok: true; target: RegistryTarget } | { ok: false; error: string } {
  const parsed = parseReference(input);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const { domain, path, tag } = parsed.ref;
  if (!domain) return { ok: false, error: `"${input}" names no registry: use REGISTRY/PID/NAME:TAG, e.g. ${DEFAULT_ENDPOINT}/p1234abcd5678/my-plugin:1.0-1.` };
  const parts = path.split('/');
  if (parts.length !== 2) return { ok: false, error: `"${input}": the path after the registry must be PID/NAME (e.g. p1234abcd5678/my-plugin).` };
  if (!tag) return { ok: false, error: `"${input}" has no tag; the portal needs one (e.g. :1.0-1), never rely on "latest".` };
  const target: RegistryTarget = { endpoint: domain, projectId: parts[0] as string, image: parts[1] as string, tag };
  const violations = targetViolations(target);
  if (violations.length > 0) return { ok: false, error: violations.join(' ') };
  return { ok: true, target };
}

/** The keychain name of a registry key: per project when known, else per registry. */
export function registryKeyName(endpoint: string, projectId?: string): string {
  const e = normalizeEndpoint(endpoint);
  return projectId ? `registry-key:${e}/${projectId}` : `registry-key:${e}`;
}

export { isValidTag };
