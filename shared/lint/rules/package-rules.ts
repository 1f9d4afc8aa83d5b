import type { Instruction } from 'dockerfile-ast';
import { isProhibitedPackage, PROHIBITED_PACKAGES } from '../../certification/prohibited-packages';
import { lineOf, offsetAt } from '../dockerfile-model';
import type { InstructionView } from '../instruction-view';
import type { RuleContext } from '../rule-context';
import { runCommands } from '../run-script';
import { isCacheClean, isInstall, packageCommand, repoPatternCovers, repoToggles, type PackageManager } from '../shell-commands';

export function packageNameOf(operand: string): string {
  let name = operand.replace(/^.*\//, '').replace(/\.rpm$/i, '');
  name = name.replace(/\.(x86_64|aarch64|ppc64le|s390x|noarch|i686)$/, '');
  name = name.replace(/[<>=].*$/, '');
  // name-version-release: strip from the first "-<digit>" segment.
  name = name.replace(/-\d[^/]*$/, '');
  return name.toLowerCase();
}

/** Which prohibited packages an operand may install (globs like kernel* count). */
function prohibitedMatches(operand: string): string[] {
  if (/[*?[]/.test(operand)) {
    const glob = operand.replace(/^.*\//, '').toLowerCase();
    const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    const hits = [...PROHIBITED_PACKAGES].filter((p) => re.test(p));
    if (re.test('kpatch')) hits.push('kpatch');
    return hits;
  }
  const name = packageNameOf(operand);
  return isProhibitedPackage(name) ? [name] : [];
}

function runsOf(ctx: RuleContext): Array<{ instruction: Instruction; commands: string[][] }> {
  return ctx.finalViews.filter((v) => v.keyword === 'RUN').map((view) => ({ instruction: view.instruction, commands: runCommands(view) }));
}

export function checkProhibitedPackages(ctx: RuleContext): void {
  for (const { instruction, commands } of runsOf(ctx)) {
    const found = new Set<string>();
    for (const words of commands) {
      const pkg = packageCommand(words);
      if (!pkg || !isInstall(pkg)) continue;
      for (const operand of pkg.operands) for (const hit of prohibitedMatches(operand)) found.add(hit);
    }
    if (found.size === 0) continue;
    ctx.report({
      rule: 'prohibited-package',
      requirement: 'prohibited_packages',
      severity: 'error',
      message: `Installs ${[...found].join(', ')} into the final image; certified containers may not ship a kernel, boot loader, firmware or kpatch. Remove ${found.size > 1 ? 'them' : 'it'}, or install in a build stage and copy only what you built.`,
      ...lineOf(instruction),
    });
  }
}

/** Atomic recommended practices: a cache left behind bloats the layer, and repos left on leak into users' builds. */
export function checkPackageHygiene(ctx: RuleContext): void {
  const enabled = new Map<string, Instruction>();
  const repoFiles = new Map<string, Instruction>();
  for (const view of ctx.finalViews) {
    const { keyword, instruction } = view;
    if (keyword === 'COPY' || keyword === 'ADD') {
      const words = view.values.filter((w) => !w.startsWith('--'));
      const dest = words[words.length - 1] ?? '';
      if (/^\/etc\/yum\.repos\.d(\/|$)/.test(dest)) {
        const names = dest.endsWith('.repo') ? [dest.replace(/^.*\//, '')] : words.slice(0, -1).map((s) => s.replace(/^.*\//, ''));
        for (const name of names) repoFiles.set(name, instruction);
      }
      continue;
    }
    if (keyword !== 'RUN') continue;
    const commands = runCommands(view);
    let pendingInstall: PackageManager | null = null;
    for (const words of commands) {
      for (const toggle of repoToggles(words)) {
        if (toggle.enable) enabled.set(toggle.repo, instruction);
        else for (const repo of [...enabled.keys()]) if (repoPatternCovers(toggle.repo, repo)) enabled.delete(repo);
      }
      if (words[0] === 'rm') {
        for (const w of words.slice(1)) {
          const m = /^\/etc\/yum\.repos\.d\/(.*)$/.exec(w);
          if (!m) continue;
          const pattern = m[1] ?? '';
          for (const name of [...repoFiles.keys()]) if (pattern === '' || repoPatternCovers(pattern, name)) repoFiles.delete(name);
        }
      }
      const pkg = packageCommand(words);
      if (pkg && isInstall(pkg) && pkg.manager !== 'rpm') pendingInstall = pkg.manager;
      if (isCacheClean(words)) pendingInstall = null;
    }
    if (pendingInstall) reportNoClean(ctx, view, pendingInstall);
  }
  for (const [repo, instruction] of enabled) {
    ctx.report({
      rule: 'repo-left-enabled',
      requirement: 'best_practice',
      severity: 'warning',
      message: `Repository ${repo} is enabled here and never disabled, so it stays on in the image. Disable it after installing (yum-config-manager --disable ${repo}), or use yum --enablerepo=${repo} install … for that one command.`,
      ...lineOf(instruction),
    });
  }
  for (const [name, instruction] of repoFiles) {
    ctx.report({
      rule: 'repo-file-left',
      requirement: 'best_practice',
      severity: 'info',
      message: `${name} is added to /etc/yum.repos.d and stays in the image, so anyone building on it gets your repository. Remove it in the RUN that installs (rm -f /etc/yum.repos.d/${name}).`,
      ...lineOf(instruction),
    });
  }
}

function reportNoClean(ctx: RuleContext, view: InstructionView, manager: PackageManager): void {
  const { instruction } = view;
  const clean = `${manager === 'microdnf' ? 'microdnf' : manager === 'dnf' ? 'dnf' : 'yum'} clean all`;
  const content = view.content ?? '';
  const shellForm = !content.trimStart().startsWith('[') && !/<<-?["']?[A-Za-z_]/.test(content);
  const range = instruction.getRange();
  const end = offsetAt(ctx.model, range.end.line, range.end.character);
  ctx.report({
    rule: 'no-clean-all',
    requirement: 'best_practice',
    severity: 'warning',
    message: `Packages are installed without "${clean}" in the same RUN, so the package cache stays in this layer. Append && ${clean} (a later RUN can't shrink this layer).`,
    ...lineOf(instruction),
    ...(shellForm ? { fix: { title: `Append && ${clean}`, edits: [{ start: end, end, newText: ` && ${clean}` }] } } : {}),
  });
}
