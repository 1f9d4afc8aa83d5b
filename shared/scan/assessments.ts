import type { RpmDatabase, RpmPackage } from '../rpm/rpm-package';
import { ImageFilesystem } from './image-filesystem';
import { labelValue, missingRequiredLabels, privilegedRunLabels, prohibitedLabelValues, claimsRedHat, repositoryName } from './label-rules';
import { findLicenses } from './license-rules';
import type { ModifiedFile } from './modified-files';
import { nevraOf } from './modified-files';
import { osReleaseIsRhel, parseOsRelease } from './os-release';
import { isProhibitedPackage } from '../certification/prohibited-packages';
import { RELEASE_PACKAGE_NAMES, releaseKeyName } from './release-keys';
import type { CheckResult, CheckStatus, ImageConfigFacts, ScanProfile, VulnFinding } from './scan-model';
import { tagProblem, uniqueTags } from './tag-rules';
import { judgeUser, parsePasswd } from './user-rules';

/** Everything the checks look at, gathered by the service in one pass over the image. */
export interface ScanFacts {
  reference: string;
  tags: string[];
  layerCount: number;
  config: ImageConfigFacts;
  fs: ImageFilesystem;
  osReleaseText?: string;
  passwdText?: string;
  rpm:
    | { status: 'found'; db: RpmDatabase }
    | { status: 'absent' }
    | { status: 'unreadable'; path: string; error: string };
  modified?: { violations: ModifiedFile[]; warnings: ModifiedFile[] };
  vulns: { status: 'not-imported' } | { status: 'evaluated'; findings: VulnFinding[]; data: string };
  extraReleaseKeys: readonly string[];
}

const POLICY_GUIDE =
  'https://docs.redhat.com/en/documentation/red_hat_software_certification/2025/html/red_hat_openshift_software_certification_policy_guide/assembly-requirements-for-container-images_openshift-sw-cert-policy-introduction';
const PREFLIGHT_CHECKS = 'https://github.com/redhat-openshift-ecosystem/openshift-preflight/blob/main/docs/RECIPES.md';
const VULN_IMPORT_HINT =
  'Import Red Hat security data first: download CSAF/VEX files (security.access.redhat.com/data/csaf/v2/) or an OVAL v2 stream, ' +
  'then `certdesk vulns import PATH` or Scan → Security data → Import; or pass `--vulns DIR` to this scan.';
const MAX_EVIDENCE = 50;

type Outcome = { status: CheckStatus; evidence: string[]; suggestion?: string; warnings?: string[]; omitted?: number };

interface CheckDef {
  name: string;
  description: string;
  source: string;
  help: string;
  suggestion: string;
  anchor: string;
  run(facts: ScanFacts, memo: Memo): Outcome;
}

/** Results several checks share, computed once. */
class Memo {
  private cache = new Map<string, unknown>();
  constructor(readonly facts: ScanFacts) {}
  once<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }
}

const pass = (evidence: string[]): Outcome => ({ status: 'passed', evidence });
const fail = (evidence: string[], suggestion?: string): Outcome => ({ status: 'failed', evidence, ...(suggestion ? { suggestion } : {}) });
const notEvaluated = (evidence: string[], suggestion?: string): Outcome => ({ status: 'not-evaluated', evidence, ...(suggestion ? { suggestion } : {}) });

function capped(items: string[]): { evidence: string[]; omitted?: number } {
  return items.length > MAX_EVIDENCE ? { evidence: items.slice(0, MAX_EVIDENCE), omitted: items.length - MAX_EVIDENCE } : { evidence: items };
}

// ---------- the rules, each once; profiles pick and name them ----------

function licenses(facts: ScanFacts): Outcome {
  const found = findLicenses(facts.fs);
  const notes = [
    ...found.ignoredLinks.map((l) => `ignored link leaving the image root: ${l}`),
    ...found.emptyFiles.slice(0, 10).map((f) => `empty file: ${f}`),
  ];
  if (found.found) return pass([`${found.directory}: ${found.files.length} license file(s)`, ...found.files.slice(0, 20).map((f) => `${f.path} (${f.size} bytes)`), ...notes]);
  return fail([found.problem ?? 'No license file.', ...notes]);
}

function privileged(facts: ScanFacts): Outcome {
  const found = privilegedRunLabels(facts.config.labels);
  if (found.length === 0) return pass(['No run/install label asks for --privileged.']);
  return fail(found.map((f) => `label ${f.label}="${f.value}"`));
}

function rpmList(facts: ScanFacts): Outcome {
  const rpm = facts.rpm;
  if (rpm.status === 'found') {
    if (rpm.db.packages.length === 0) return fail([`${rpm.db.path} lists no packages.`]);
    return pass([`${rpm.db.path} (${rpm.db.format}): ${rpm.db.packages.length} packages`, ...rpm.db.warnings.slice(0, 5)]);
  }
  if (rpm.status === 'unreadable') return fail([`${rpm.path} could not be read: ${rpm.error}`]);
  return fail(['No RPM database at /usr/lib/sysimage/rpm or /var/lib/rpm.']);
}

function modifiedFiles(facts: ScanFacts): Outcome {
  if (facts.rpm.status !== 'found' || !facts.modified) {
    return notEvaluated(['Needs a readable RPM database.'], 'Build FROM a Red Hat base image that carries its RPM database.');
  }
  const { violations, warnings } = facts.modified;
  const warn = warnings.slice(0, 20).map((w) => `${w.path} (${w.package}, not vendored by Red Hat; layer ${w.layer}: ${w.reason})`);
  if (violations.length === 0) {
    return { status: 'passed', evidence: ['No file of an unchanged Red Hat package was modified by a later layer.'], ...(warn.length ? { warnings: warn } : {}) };
  }
  const { evidence, omitted } = capped(violations.map((v) => `${v.path} (${v.package}; layer ${v.layer}: ${v.reason})`));
  return { status: 'failed', evidence, ...(omitted ? { omitted } : {}), ...(warn.length ? { warnings: warn } : {}) };
}

function releasePackage(db: RpmDatabase): RpmPackage | undefined {
  const owns = (p: RpmPackage) => p.files.some((f) => f.path === '/etc/os-release' || f.path === '/usr/lib/os-release');
  return db.packages.find(owns) ?? db.packages.find((p) => (RELEASE_PACKAGE_NAMES as readonly string[]).includes(p.name));
}

function rhel(facts: ScanFacts, memo: Memo): Outcome {
  return memo.once('rhel', () => {
    if (facts.osReleaseText === undefined) return fail(['No /etc/os-release (or /usr/lib/os-release) in the image.']);
    const os = parseOsRelease(facts.osReleaseText);
    const said = `/etc/os-release: ID="${os.ID ?? ''}", NAME="${os.NAME ?? ''}"`;
    if (!osReleaseIsRhel(os)) return fail([said, 'It does not identify Red Hat Enterprise Linux (ID "rhel", NAME "Red Hat Enterprise Linux").']);
    if (facts.rpm.status !== 'found') return notEvaluated([said, 'The release package cannot be verified without a readable RPM database.']);
    const pkg = releasePackage(facts.rpm.db);
    if (!pkg) return fail([said, 'No installed package provides /etc/os-release (redhat-release).']);
    const keyName = releaseKeyName(pkg.signatureKeyId, facts.extraReleaseKeys);
    const pkgText = `${nevraOf(pkg)} (vendor ${pkg.vendor ?? 'none'}, key ${pkg.signatureKeyId ?? 'unsigned'})`;
    if (!keyName) return fail([said, `${pkgText} is not signed by a Red Hat release key.`]);
    return pass([said, `${pkgText} signed by ${keyName}`]);
  });
}

function label(name: string) {
  return (facts: ScanFacts): Outcome => {
    const value = labelValue(facts.config.labels, name);
    return value === undefined ? fail([`Label "${name}" is missing or empty.`]) : pass([`${name}="${value}"`]);
  };
}

function vulnerabilities(facts: ScanFacts): Outcome {
  if (facts.vulns.status === 'not-imported') return notEvaluated(['No Red Hat security data imported.'], VULN_IMPORT_HINT);
  if (facts.rpm.status !== 'found') return notEvaluated(['Needs a readable RPM database to match packages.']);
  const critical = facts.vulns.findings.filter((f) => f.severity === 'Critical');
  const list = (fs: VulnFinding[]) => fs.map((f) => `${f.cve} ${f.severity}: ${f.packageName} ${f.installed}${f.fixed ? ` → fixed in ${f.fixed}` : ' (no fix yet)'}${f.advisory ? ` (${f.advisory})` : ''}`);
  if (critical.length === 0) {
    return pass([`Data: ${facts.vulns.data}`, `No Critical vulnerability; ${facts.vulns.findings.length} other finding(s).`, ...list(facts.vulns.findings).slice(0, 20)]);
  }
  const { evidence, omitted } = capped([`Data: ${facts.vulns.data}`, ...list(critical)]);
  return { status: 'failed', evidence, ...(omitted ? { omitted } : {}) };
}

function goodTags(facts: ScanFacts): Outcome {
  const unique = uniqueTags(facts.tags);
  const problems = facts.tags.map(tagProblem).filter((p): p is string => p !== undefined);
  if (unique.length === 0) return fail([facts.tags.length === 0 ? 'The image has no tag.' : 'The only tag is "latest".']);
  if (problems.length > 0) return fail(problems);
  return pass([`Tags: ${facts.tags.join(', ')}`]);
}

function uniqueTag(facts: ScanFacts): Outcome {
  const unique = uniqueTags(facts.tags);
  return unique.length > 0 ? pass([`Tags: ${facts.tags.join(', ')}`]) : fail([facts.tags.length === 0 ? 'The image has no tag.' : 'The only tag is "latest".']);
}

function layerCount(facts: ScanFacts): Outcome {
  const text = `${facts.layerCount} layer(s); at most 40 allowed.`;
  return facts.layerCount <= 40 ? pass([text]) : fail([text]);
}

function nonRoot(facts: ScanFacts): Outcome {
  const verdict = judgeUser(facts.config.user, facts.passwdText ? parsePasswd(facts.passwdText) : undefined);
  return verdict.root ? fail([verdict.reason]) : pass([verdict.reason]);
}

function prohibitedPackages(facts: ScanFacts): Outcome {
  if (facts.rpm.status !== 'found') return notEvaluated(['Needs a readable RPM database.']);
  const bad = facts.rpm.db.packages.filter((p) => isProhibitedPackage(p.name)).map(nevraOf);
  return bad.length === 0 ? pass([`${facts.rpm.db.packages.length} packages, none prohibited.`]) : fail(bad.map((n) => `prohibited package: ${n}`));
}

function requiredLabels(facts: ScanFacts): Outcome {
  const missing = missingRequiredLabels(facts.config.labels);
  return missing.length === 0 ? pass(['All of name, vendor, version, release, summary, description, maintainer are set.']) : fail(missing.map((m) => `missing or empty label: ${m}`));
}

function prohibitedLabels(facts: ScanFacts): Outcome {
  const bad = prohibitedLabelValues(facts.config.labels);
  return bad.length === 0 ? pass(['name, vendor and maintainer do not claim to be Red Hat.']) : fail(bad.map((b) => `label ${b.label}="${b.value}"`));
}

function containerName(facts: ScanFacts): Outcome {
  const name = repositoryName(facts.reference);
  return claimsRedHat(name) ? fail([`Repository name "${name}" claims to be Red Hat.`]) : pass([`Repository name "${name}".`]);
}

// ---------- profiles ----------

const guide = (section: string) => `Partner guide: ${section}`;

const CONNECT: CheckDef[] = [
  { name: 'has_licenses', description: 'License text files are in /licenses.', source: guide('Dockerfile requirements, licenses'), help: 'Add license files (txt) in /licenses.', suggestion: 'COPY LICENSE /licenses/ in the Dockerfile; the file must not be empty.', anchor: 'con-image-content-requirements', run: licenses },
  { name: 'not_running_privileged', description: 'The image does not ask to run privileged.', source: guide('scan assessments'), help: 'Remove --privileged from the run/install labels.', suggestion: 'Drop --privileged from the RUN/INSTALL labels.', anchor: 'con-image-metadata-requirements', run: privileged },
  { name: 'rpm_list_successful', description: 'The RPM database can be listed.', source: guide('scan assessments'), help: 'Build from a Red Hat base image that keeps its RPM database.', suggestion: 'Do not delete /var/lib/rpm or /usr/lib/sysimage/rpm.', anchor: 'con-image-content-requirements', run: rpmList },
  { name: 'rpm_verify_successful', description: 'Files of installed Red Hat RPMs are unmodified.', source: guide('scan assessments') + '; preflight HasModifiedFiles', help: 'Do not overwrite files owned by Red Hat packages; update the package instead.', suggestion: 'Install updated packages with dnf/yum instead of copying files over them.', anchor: 'con-image-content-requirements', run: modifiedFiles },
  { name: 'is_rhel', description: 'The image is based on Red Hat Enterprise Linux.', source: guide('Dockerfile requirements, base image'), help: 'Build FROM a Red Hat (UBI or RHOSP) base image.', suggestion: 'Use a Red Hat base image, e.g. registry.access.redhat.com/ubi9 or rhosp13/openstack-*.', anchor: 'con-image-content-requirements', run: rhel },
  { name: 'vendor_label_exists', description: 'The vendor label is set.', source: guide('Dockerfile requirements, labels'), help: 'LABEL vendor="..."', suggestion: 'Add LABEL vendor="Your company".', anchor: 'con-image-metadata-requirements', run: label('vendor') },
  { name: 'free_of_critical_vulnerabilities', description: 'No Critical vulnerability with a fix is left unapplied.', source: guide('scan assessments'), help: 'Update the packages named in the findings.', suggestion: 'Rebuild on the latest base image and run dnf update.', anchor: 'con-image-content-requirements', run: vulnerabilities },
  { name: 'good_tags', description: 'The image has a tag other than latest, following the tag rules.', source: guide('tag rules'), help: 'Tag like 1.0-1.', suggestion: 'Tag the image with a version such as 1.0-1.', anchor: 'con-image-metadata-requirements', run: goodTags },
  { name: 'good_layer_count', description: 'At most 40 layers.', source: guide('scan assessments') + '; preflight LayerCountAcceptable', help: 'Combine RUN steps or squash.', suggestion: 'Combine RUN instructions to reduce layers.', anchor: 'con-image-content-requirements', run: layerCount },
  { name: 'release_label_exists', description: 'The release label is set.', source: guide('Dockerfile requirements, labels'), help: 'LABEL release="1"', suggestion: 'Add LABEL release="1".', anchor: 'con-image-metadata-requirements', run: label('release') },
  { name: 'not_running_as_root', description: 'The final USER is not root.', source: guide('Dockerfile requirements, USER'), help: 'Add USER with a non-root uid.', suggestion: 'Add USER 1001 at the end of the Dockerfile.', anchor: 'con-image-content-requirements', run: nonRoot },
  { name: 'version_label_exists', description: 'The version label is set.', source: guide('Dockerfile requirements, labels'), help: 'LABEL version="1.0"', suggestion: 'Add LABEL version="1.0".', anchor: 'con-image-metadata-requirements', run: label('version') },
  { name: 'name_label_exists', description: 'The name label is set.', source: guide('Dockerfile requirements, labels'), help: 'LABEL name="..."', suggestion: 'Add LABEL name="your-plugin".', anchor: 'con-image-metadata-requirements', run: label('name') },
];

const PREFLIGHT: CheckDef[] = [
  { name: 'HasLicense', description: 'Checking if terms and conditions applicable to the software including open source licensing information are present.', source: 'preflight HasLicense', help: 'Check HasLicense encountered an error. Please review the preflight.log file for more information.', suggestion: 'Create a directory named /licenses and include all relevant licensing and/or terms and conditions as text file(s) in that directory.', anchor: 'con-image-content-requirements', run: licenses },
  { name: 'HasUniqueTag', description: 'Checking if container has a tag other than \'latest\', so that the image can be uniquely identified.', source: 'preflight HasUniqueTag', help: 'Check HasUniqueTag encountered an error.', suggestion: "Add a tag to your image. Consider using Semantic Versioning. https://semver.org/", anchor: 'con-image-metadata-requirements', run: uniqueTag },
  { name: 'LayerCountAcceptable', description: 'Checking if container has less than 40 layers.  Too many layers within the container images can degrade container performance.', source: 'preflight LayerCountAcceptable', help: 'Check LayerCountAcceptable encountered an error.', suggestion: 'Optimize your Dockerfile to consolidate and minimize the number of layers. Each RUN command will produce a new layer. Try combining RUN commands using && where possible.', anchor: 'con-image-content-requirements', run: layerCount },
  { name: 'HasNoProhibitedPackages', description: 'Checks to ensure that the image in use does not include prohibited packages, such as Red Hat Enterprise Linux (RHEL) kernel packages.', source: 'preflight HasNoProhibitedPackages', help: 'Check HasNoProhibitedPackages encountered an error.', suggestion: 'Remove any RHEL packages that are not distributable outside of UBI', anchor: 'con-image-content-requirements', run: prohibitedPackages },
  { name: 'HasRequiredLabel', description: 'Checking if the required labels (name, vendor, version, release, summary, description, maintainer) are present in the container metadata and that they do not violate Red Hat trademark.', source: 'preflight HasRequiredLabel', help: 'Check HasRequiredLabel encountered an error.', suggestion: 'Add the following labels to your Dockerfile or Containerfile: name, vendor, version, release, summary, description, maintainer.', anchor: 'con-image-metadata-requirements', run: requiredLabels },
  { name: 'HasNoProhibitedLabels', description: 'Checking if the labels (name, vendor, maintainer) violate Red Hat trademark.', source: 'preflight HasNoProhibitedLabels', help: 'Check HasNoProhibitedLabels encountered an error.', suggestion: "Ensure the name, vendor, and maintainer label values do not violate Red Hat's trademark.", anchor: 'con-image-metadata-requirements', run: prohibitedLabels },
  { name: 'RunAsNonRoot', description: 'Checking if container runs as the root user because a container that does not specify a non-root user will fail the automatic certification, and will be subject to a manual review before the container can be approved for publication', source: 'preflight RunAsNonRoot (stricter: 0:0 and root:root fail too)', help: 'Check RunAsNonRoot encountered an error.', suggestion: 'Indicate a specific USER in the dockerfile or containerfile', anchor: 'con-image-content-requirements', run: nonRoot },
  { name: 'HasModifiedFiles', description: 'Checks that no files installed via RPM in the base Red Hat layer have been modified', source: 'preflight HasModifiedFiles', help: 'Check HasModifiedFiles encountered an error.', suggestion: 'Do not modify any files installed by RPM in the base Red Hat layer', anchor: 'con-image-content-requirements', run: modifiedFiles },
  { name: 'BasedOnUbi', description: 'Checking if the container\'s base image is based upon the Red Hat Universal Base Image (UBI)', source: 'preflight BasedOnUbi (offline: os-release + signed release package)', help: 'Check BasedOnUbi encountered an error.', suggestion: 'Change the FROM directive in your Dockerfile or Containerfile, for the latest list of images and details refer to: https://catalog.redhat.com/software/base-images', anchor: 'con-image-content-requirements', run: rhel },
  { name: 'HasProhibitedContainerName', description: 'Checking if the container-name violates Red Hat trademark.', source: 'preflight HasProhibitedContainerName', help: 'Check HasProhibitedContainerName encountered an error.', suggestion: "Update container-name ie (quay.io/repo-name/container-name) to not violate Red Hat's registered trademark.", anchor: 'con-image-metadata-requirements', run: containerName },
];

export const PROFILE_CHECKS: Record<ScanProfile, readonly string[]> = {
  connect: CONNECT.map((c) => c.name),
  preflight: PREFLIGHT.map((c) => c.name),
};

/** Runs every check of the profile; a check that throws is reported as not evaluated, never a crash. */
export function runAssessments(profile: ScanProfile, facts: ScanFacts, now: () => number = () => Date.now()): CheckResult[] {
  const memo = new Memo(facts);
  const defs = profile === 'connect' ? CONNECT : PREFLIGHT;
  return defs.map((def) => {
    const started = now();
    let outcome: Outcome;
    try {
      outcome = def.run(facts, memo);
    } catch (err) {
      outcome = notEvaluated([`The check could not run: ${err instanceof Error ? err.message : String(err)}`]);
    }
    const result: CheckResult = {
      name: def.name,
      status: outcome.status,
      description: def.description,
      evidence: outcome.evidence,
      suggestion: outcome.suggestion ?? def.suggestion,
      help: def.help,
      source: def.source,
      knowledgebaseUrl: `${POLICY_GUIDE}#${def.anchor}_openshift-sw-cert-policy-container-images`,
      checkUrl: def.source.startsWith('preflight') ? PREFLIGHT_CHECKS : `${POLICY_GUIDE}#${def.anchor}_openshift-sw-cert-policy-container-images`,
      elapsedMs: Math.max(0, now() - started),
    };
    if (outcome.omitted) result.evidenceOmitted = outcome.omitted;
    if (outcome.warnings?.length) result.warnings = outcome.warnings;
    return result;
  });
}

