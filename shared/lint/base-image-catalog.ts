/**
 * Which images count as Red Hat images, offline. Today's scan asks Red Hat's catalog whether the layers
 * match a certified Red Hat image (REFERENCE.md, BasedOnUbi); from the Dockerfile we can only judge the
 * name: Red Hat's registries, and Red Hat's namespaces written as short names (podman's registries.conf
 * resolves `ubi9/ubi` to registry.access.redhat.com).
 */
const RED_HAT_REGISTRIES = new Set(['registry.redhat.io', 'registry.access.redhat.com']);

/** Namespaces Red Hat publishes base and OpenStack images under. */
const RED_HAT_NAMESPACE = /^(ubi\d+(-[a-z0-9]+)?|ubi|rhel\d*(-[a-z0-9]+)*|rhosp\d+(-[a-z0-9]+)*|rhosp-rhel\d+|rhscl|rhel-els)$/;

export interface ImageReference {
  /** Registry host, or '' when the reference names none (Docker then uses docker.io). */
  registry: string;
  /** Repository path without registry, e.g. `rhosp13/openstack-neutron-server`. */
  path: string;
  tag: string | null;
  digest: string | null;
}

export function parseImageReference(image: string): ImageReference {
  let rest = image.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry = '';
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const head = rest.slice(0, firstSlash);
    if (head.includes('.') || head.includes(':') || head === 'localhost') {
      registry = head.toLowerCase();
      rest = rest.slice(firstSlash + 1);
    }
  }
  return { registry, path: rest.toLowerCase(), tag, digest };
}

export type BaseImageVerdict =
  | { kind: 'red-hat'; shortName: boolean }
  | { kind: 'partner-certified' }
  | { kind: 'not-red-hat'; reason: string };

export function classifyBaseImage(image: string): BaseImageVerdict {
  const ref = parseImageReference(image);
  if (ref.path === 'scratch' && ref.registry === '') return { kind: 'not-red-hat', reason: 'scratch is an empty image, not a Red Hat one' };
  if (RED_HAT_REGISTRIES.has(ref.registry)) return { kind: 'red-hat', shortName: false };
  if (ref.registry === 'registry.connect.redhat.com') return { kind: 'partner-certified' };
  const segments = ref.path.split('/');
  const namespace = segments[0] ?? '';
  // Red Hat's own Docker Hub namespace carries UBI.
  if ((ref.registry === '' || ref.registry === 'docker.io') && namespace === 'redhat' && /^ubi/.test(segments[1] ?? '')) return { kind: 'red-hat', shortName: false };
  if (ref.registry === '' && RED_HAT_NAMESPACE.test(namespace)) return { kind: 'red-hat', shortName: true };
  const distro = /^(library\/)?(ubuntu|debian|centos|alpine|fedora|rockylinux|almalinux|amazonlinux|oraclelinux|opensuse|busybox|python|node|golang)(\/|$)/.exec(ref.path);
  if (distro) return { kind: 'not-red-hat', reason: `${distro[2]} is not a Red Hat image` };
  return { kind: 'not-red-hat', reason: `${ref.registry || 'docker.io'} is not a Red Hat registry` };
}

/**
 * How many layers the base brings, estimated: RHEL/UBI 8 and later ship one layer, RHEL 7 images two,
 * and RHOSP component images add their openstack-base, service-base and component layers on top.
 * An estimate only: the scan of the built image settles it.
 */
export function estimatedBaseLayers(image: string | undefined): number {
  if (!image) return 1;
  const ref = parseImageReference(image);
  if (/^rhosp\d+\/openstack-|^rhosp-rhel\d+\/openstack-/.test(ref.path)) return ref.path.startsWith('rhosp13') || ref.path.startsWith('rhosp12') ? 5 : 4;
  if (/(^|\/)(rhel7|ubi7)(\/|$|-)/.test(ref.path)) return 2;
  return 1;
}
