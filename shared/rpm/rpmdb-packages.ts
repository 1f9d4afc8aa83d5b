/**
 * Turns the header blobs any rpmdb backend yields into an {@link RpmDatabase}: one bad header becomes a warning,
 * never a failed scan (REFERENCE.md: rpm_list_successful must report what it could read).
 */
import { parseRpmHeader } from './rpm-header';
import type { RpmDatabase, RpmDbFormat, RpmPackage } from './rpm-package';

export interface HeaderBlob {
  /** The record's key in its backend (SQLite hnum, BDB key, NDB package index), for messages. */
  key: number | string;
  blob: Uint8Array;
}

/** Cap on warnings kept per database, so a corrupt file can't flood a report. */
export const MAX_WARNINGS = 200;

export function rpmDatabaseFromBlobs(
  format: RpmDbFormat,
  path: string,
  blobs: Iterable<HeaderBlob>,
  readerWarnings: readonly string[] = [],
): RpmDatabase {
  const packages: RpmPackage[] = [];
  const warnings: string[] = [];
  let dropped = 0;
  const warn = (message: string): void => {
    if (warnings.length < MAX_WARNINGS) warnings.push(message);
    else dropped++;
  };
  for (const w of readerWarnings) warn(w);
  for (const { key, blob } of blobs) {
    const parsed = parseRpmHeader(blob);
    if (!parsed.ok) {
      warn(`${path}: package record ${key}: ${parsed.error}`);
      continue;
    }
    for (const w of parsed.warnings) warn(`${path}: package record ${key}: ${w}`);
    packages.push(parsed.value);
  }
  if (dropped > 0) warnings.push(`${dropped} more warnings not shown`);
  return { format, path, packages, warnings };
}
