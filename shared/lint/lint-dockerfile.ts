import type { LintDiagnostic, LintReport, LintSeverity } from '../contract/lint';
import { parseDockerfile, rootImage, finalStage, type DockerfileModel } from './dockerfile-model';
import { linkFor } from './requirement-guide';
import { createRuleContext, type LintOptions, type Rule } from './rule-context';
import { checkBaseImage, checkLatestTag, checkLayerCount } from './rules/image-rules';
import { checkMaintainer, checkRequiredLabels, checkTrademark } from './rules/label-rules';
import { checkLicenses } from './rules/license-rules';
import { checkPackageHygiene, checkProhibitedPackages } from './rules/package-rules';
import { checkSecrets } from './rules/secret-rules';
import { checkSyntax } from './rules/syntax-rules';
import { checkNonRootUser } from './rules/user-rules';

export type { LintOptions } from './rule-context';

/** Rules in the order their findings are listed for the same line. */
const RULES: Array<[string, Rule]> = [
  ['syntax', checkSyntax],
  ['base_image', checkBaseImage],
  ['required_labels', checkRequiredLabels],
  ['licenses', checkLicenses],
  ['non_root_user', checkNonRootUser],
  ['layer_count', checkLayerCount],
  ['prohibited_packages', checkProhibitedPackages],
  ['trademark', checkTrademark],
  ['secret', checkSecrets],
  ['best_practice', checkMaintainer],
  ['best_practice', checkLatestTag],
  ['best_practice', checkPackageHygiene],
];

const SEVERITY_ORDER: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Lints Dockerfile text against the certification requirements. Never throws: an empty or binary file,
 * or anything the parser makes odd, comes back as diagnostics.
 */
export function lintDockerfile(text: string, options: LintOptions = {}): LintReport {
  const diagnostics: LintDiagnostic[] = [];
  const content = typeof text !== 'string' ? '' : text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const unreadable = unreadableReason(content);
  if (unreadable) {
    diagnostics.push({ rule: unreadable.rule, requirement: 'syntax', severity: 'error', message: unreadable.message, line: 1, endLine: 1, link: linkFor('syntax') });
    return { passed: false, diagnostics };
  }
  let model: DockerfileModel;
  try {
    model = parseDockerfile(content);
  } catch (err) {
    diagnostics.push({
      rule: 'unparsable',
      requirement: 'syntax',
      severity: 'error',
      message: `The file could not be parsed (${err instanceof Error ? err.message : String(err)}); Docker would likely reject it too.`,
      line: 1,
      endLine: 1,
      link: linkFor('syntax'),
    });
    return { passed: false, diagnostics };
  }
  const ctx = createRuleContext(model, options, diagnostics);
  for (const [requirement, rule] of RULES) {
    try {
      rule(ctx);
    } catch (err) {
      // A rule's own bug must not hide the other rules' findings.
      diagnostics.push({
        rule: 'rule-failed',
        requirement: requirement as LintDiagnostic['requirement'],
        severity: 'info',
        message: `CertDesk could not evaluate the ${requirement} rules on this file (${err instanceof Error ? err.message : String(err)}). Please report it.`,
        line: 1,
        endLine: 1,
        link: linkFor(requirement as LintDiagnostic['requirement']),
      });
    }
  }
  diagnostics.sort((a, b) => a.line - b.line || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const final = finalStage(model);
  const finalBaseImage = final ? rootImage(final).image : undefined;
  return { passed: !diagnostics.some((d) => d.severity === 'error'), diagnostics, ...(finalBaseImage ? { finalBaseImage } : {}) };
}

/** NUL and the other control characters that don't occur in text (tab, LF, FF, CR do), and U+FFFD. */
const SUSPICIOUS_CHARACTER = /[\x00-\x08\x0B\x0E-\x1F\uFFFD]/;

/** Empty, whitespace-only or binary text: nothing a Dockerfile parser should be asked about. */
function unreadableReason(text: string): { rule: string; message: string } | null {
  // \S and trim() agree on what whitespace is; the test doesn't copy the text.
  if (!/\S/.test(text)) return { rule: 'empty-file', message: 'The Dockerfile is empty. Start it with FROM and a Red Hat base image, or use "New Dockerfile" to generate a starter.' };
  const sample = text.slice(0, 8192);
  // Nearly every file has none of the characters counted below: one regex pass instead of a loop.
  if (!SUSPICIOUS_CHARACTER.test(sample)) return null;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return { rule: 'binary-file', message: 'This is a binary file (it contains NUL bytes), not a Dockerfile. Check the path.' };
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd) control++;
  }
  if (control > sample.length * 0.1) return { rule: 'binary-file', message: 'This looks like a binary file (many control or undecodable characters), not a Dockerfile. Check the path and the encoding (UTF-8).' };
  return null;
}
