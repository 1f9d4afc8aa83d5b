/** preflight HasNoProhibitedPackages (REFERENCE.md): a container must not ship a kernel, a boot loader or firmware. Used by the Dockerfile linter and the image scan alike. */
export const PROHIBITED_PACKAGES: ReadonlySet<string> = new Set([
  'grub',
  'grub2',
  'kernel',
  'kernel-core',
  'kernel-debug',
  'kernel-debug-core',
  'kernel-debug-modules',
  'kernel-debug-modules-extra',
  'kernel-debug-devel',
  'kernel-devel',
  'kernel-doc',
  'kernel-modules',
  'kernel-modules-extra',
  'kernel-tools',
  'kernel-tools-libs',
  'kmod-kvdo',
  'linux-firmware',
]);

export function isProhibitedPackage(name: string): boolean {
  return PROHIBITED_PACKAGES.has(name) || name.startsWith('kpatch');
}
