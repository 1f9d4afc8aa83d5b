/** An installed package as read from an image's RPM database (no rpm binary involved). */
export interface RpmFile {
  /** Absolute path inside the image, e.g. `/usr/bin/neutron-server`. */
  path: string;
  /** Hex digest as stored (algorithm in `RpmPackage.fileDigestAlgo`); empty for directories and ghosts. */
  digest: string;
  mode: number;
  size: number;
  /** RPMFILE_* flags: config 1, doc 2, missingok 8, noreplace 16, ghost 64, license 128, readme 256, artifact 4096. */
  flags: number;
  linkTarget?: string;
}

export interface RpmPackage {
  name: string;
  epoch?: number;
  version: string;
  release: string;
  arch: string;
  vendor?: string;
  /** SUMMARY, LICENSE and SOURCERPM as stored (reports and vulnerability matching by source package). */
  summary?: string;
  license?: string;
  sourceRpm?: string;
  /** Long key id (16 hex, lower case) of the signature, when signed. */
  signatureKeyId?: string;
  installTime?: number;
  /** PGPHASHALGO: 1 md5, 2 sha1, 8 sha256, 9 sha384, 10 sha512. */
  fileDigestAlgo: number;
  files: RpmFile[];
}

export type RpmDbFormat = 'sqlite' | 'bdb' | 'ndb';

export interface RpmDatabase {
  format: RpmDbFormat;
  /** Where in the image it was found, e.g. `/var/lib/rpm/Packages`. */
  path: string;
  packages: RpmPackage[];
  /** Headers that could not be parsed: reported, never a crash. */
  warnings: string[];
  /** Set when the file could not be read as an RPM database at all (then `packages` is empty). */
  error?: string;
}

/** The places an RPM database lives, newest layout first (REFERENCE.md). */
export const RPMDB_PATHS = [
  { path: 'usr/lib/sysimage/rpm/rpmdb.sqlite', format: 'sqlite' },
  { path: 'var/lib/rpm/rpmdb.sqlite', format: 'sqlite' },
  { path: 'usr/lib/sysimage/rpm/Packages', format: 'bdb' },
  { path: 'var/lib/rpm/Packages', format: 'bdb' },
  { path: 'usr/lib/sysimage/rpm/Packages.db', format: 'ndb' },
  { path: 'var/lib/rpm/Packages.db', format: 'ndb' },
] as const;
