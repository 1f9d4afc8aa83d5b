import type { Instruction, Label } from 'dockerfile-ast';
import { classifyBaseImage } from '../base-image-catalog';
import { expandVariables, lineOf, offsetAfterLine, offsetAt, rootImage, stageLookup } from '../dockerfile-model';
import type { RuleContext } from '../rule-context';

/** REFERENCE.md HasRequiredLabel (the guide's list plus description), in the guide's order. */
export const REQUIRED_LABELS = ['name', 'maintainer', 'vendor', 'version', 'release', 'summary', 'description'] as const;

/** Labels a Red Hat base sets for itself: inheriting name/vendor/maintainer trips the trademark check too. */
const INHERITED_IS_ERROR = new Set(['name', 'vendor', 'maintainer']);

const PLACEHOLDER = /^\s*(TODO|CHANGE[-_ ]?ME|FIXME|XXX)\b/i;

export interface FinalLabel {
  name: string;
  /** After variable substitution; undefined when a variable has no value at build time. */
  value: string | undefined;
  raw: string;
  instruction: Instruction;
}

/** Labels the final image gets from this Dockerfile (later LABELs override earlier ones, as in Docker). */
export function finalLabels(ctx: RuleContext): Map<string, FinalLabel> {
  return ctx.memo('finalLabels', () => collectFinalLabels(ctx));
}

function collectFinalLabels(ctx: RuleContext): Map<string, FinalLabel> {
  const labels = new Map<string, FinalLabel>();
  for (const view of ctx.finalViews) {
    if (view.keyword !== 'LABEL') continue;
    const instruction = view.instruction;
    for (const property of (instruction as Label).getProperties()) {
      const raw = property.getValue() ?? '';
      const name = property.getName();
      // Most labels are literals; only build the variable scope when there is something to expand.
      const value = raw.includes('$') ? expandVariables(raw, stageLookup(ctx.model, ctx.finalChain, view.startLine)) : raw;
      labels.set(name, { name, raw, value, instruction });
    }
  }
  return labels;
}

export function checkRequiredLabels(ctx: RuleContext): void {
  const { final, model } = ctx;
  if (!final) return;
  const labels = finalLabels(ctx);
  const missing = REQUIRED_LABELS.filter((name) => !labels.has(name));
  const root = rootImage(final).image;
  const redHatBase = root !== undefined && classifyBaseImage(root).kind === 'red-hat';

  if (missing.length > 0) {
    const maintainerInstruction = ctx.finalViews.find((v) => v.keyword === 'MAINTAINER');
    const maintainerFromInstruction = maintainerInstruction?.content?.trim();
    const block = labelBlock(missing, maintainerFromInstruction);
    const fromLine = final.from.getRange().end.line;
    const insertAt = offsetAfterLine(model, fromLine);
    const needsNewline = insertAt === model.text.length && !/\n$/.test(model.text);
    const fix = { title: `Add the missing labels (${missing.join(', ')}) with placeholders`, edits: [{ start: insertAt, end: insertAt, newText: `${needsNewline ? '\n' : ''}${block}` }] };
    const hard = redHatBase ? missing.filter((n) => INHERITED_IS_ERROR.has(n)) : missing;
    const soft = redHatBase ? missing.filter((n) => !INHERITED_IS_ERROR.has(n)) : [];
    const where = lineOf(final.from);
    if (hard.length > 0) {
      ctx.report({
        rule: 'required-label-missing',
        requirement: 'required_labels',
        severity: 'error',
        message: `Missing label${hard.length > 1 ? 's' : ''} ${hard.join(', ')} in the final stage.${redHatBase ? ' The Red Hat base image would supply its own values (vendor "Red Hat, Inc."), which describe Red Hat\'s image and fail the trademark check.' : ''} Add LABEL ${hard.map((n) => `${n}="…"`).join(' ')}.`,
        ...where,
        fix,
      });
    }
    if (soft.length > 0) {
      ctx.report({
        rule: 'required-label-inherited',
        requirement: 'required_labels',
        severity: 'warning',
        message: `Label${soft.length > 1 ? 's' : ''} ${soft.join(', ')} not set here; the Red Hat base image supplies its own, which describe Red Hat's image, not your plugin (the scan settles whether they are present). Set your own.`,
        ...where,
        ...(hard.length === 0 ? { fix } : {}),
      });
    }
  }

  for (const name of REQUIRED_LABELS) {
    const label = labels.get(name);
    if (!label) continue;
    const where = lineOf(label.instruction);
    if (label.value === undefined) {
      ctx.report({
        rule: 'required-label-unresolved',
        requirement: 'required_labels',
        severity: 'warning',
        message: `Label ${name}="${label.raw}" uses a build argument without a default; it is empty unless every build passes --build-arg. Give the ARG a default.`,
        ...where,
      });
    } else if (label.value.trim() === '') {
      ctx.report({ rule: 'required-label-empty', requirement: 'required_labels', severity: 'error', message: `Label ${name} is empty; the scan wants a value.`, ...where });
    } else if (PLACEHOLDER.test(label.value)) {
      ctx.report({ rule: 'required-label-placeholder', requirement: 'required_labels', severity: 'warning', message: `Label ${name}="${label.value}" is still a placeholder; put the real value in.`, ...where });
    }
  }
}

function labelBlock(names: readonly string[], maintainer: string | undefined): string {
  const placeholder: Record<string, string> = {
    name: 'TODO-namespace/image-name',
    maintainer: maintainer || 'TODO-maintainer@example.com',
    vendor: 'TODO-your-company',
    version: 'TODO-1.0',
    release: 'TODO-1',
    summary: 'TODO-one-line summary',
    description: 'TODO-what the image contains',
  };
  const lines = names.map((n) => `${n}="${escapeLabelValue(placeholder[n] ?? 'TODO')}"`);
  return `LABEL ${lines.join(' \\\n      ')}\n`;
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, ' ');
}

/** REFERENCE.md HasNoProhibitedLabels, the same test preflight's trademark validator runs. */
export function violatesRedHatTrademark(value: string): boolean {
  const lower = value.toLowerCase();
  const startsWith = /^[^a-z0-9]*red[^a-z0-9]*hat/.test(lower);
  let count = (lower.match(/red[^a-z0-9]*hat/g) ?? []).length;
  if (startsWith) count -= 1;
  if (/for[^a-z0-9]*red[^a-z0-9]*hat/.test(lower)) count -= 1;
  return startsWith || count > 0;
}

export function checkTrademark(ctx: RuleContext): void {
  const labels = finalLabels(ctx);
  for (const name of ['name', 'vendor', 'maintainer']) {
    const label = labels.get(name);
    if (!label?.value || !violatesRedHatTrademark(label.value)) continue;
    ctx.report({
      rule: 'label-trademark',
      requirement: 'trademark',
      severity: 'error',
      message: `Label ${name}="${label.value}" starts with or names "Red Hat"; the scan refuses it. Use your company and product names (once "for Red Hat …" is fine, e.g. "VendorX driver for Red Hat OpenStack Platform").`,
      ...lineOf(label.instruction),
    });
  }
}

/** MAINTAINER is deprecated (Docker docs); the maintainer label is the one the scan reads. */
export function checkMaintainer(ctx: RuleContext): void {
  const labels = finalLabels(ctx);
  for (const view of ctx.views) {
    if (view.keyword !== 'MAINTAINER') continue;
    const instruction = view.instruction;
    const value = view.content?.trim() ?? '';
    const range = instruction.getRange();
    const start = offsetAt(ctx.model, range.start.line, range.start.character);
    const end = offsetAt(ctx.model, range.end.line, range.end.character);
    const replacement = labels.has('maintainer') || value === '' ? '' : `LABEL maintainer="${escapeLabelValue(value)}"`;
    ctx.report({
      rule: 'maintainer-deprecated',
      requirement: 'best_practice',
      severity: 'warning',
      message: `MAINTAINER is deprecated and does not set the maintainer label the scan reads. Use LABEL maintainer="${value}".`,
      ...lineOf(instruction),
      fix: {
        title: replacement ? 'Replace MAINTAINER with LABEL maintainer' : 'Remove MAINTAINER (the maintainer label is already set)',
        edits: [replacement ? { start, end, newText: replacement } : { start, end: offsetAfterLine(ctx.model, range.end.line), newText: '' }],
      },
    });
  }
}
