import { expandVariables, lineOf, stageLookup } from '../dockerfile-model';
import type { RuleContext } from '../rule-context';

/** The user the starter and the fix switch to: an unprivileged uid, present or not in /etc/passwd. */
export const DEFAULT_NON_ROOT_USER = '1001';

/** `root`, `0`, `root:root`, `0:0`, `0:1001`: any user part that is root makes the container run as root. */
export function isRootUser(value: string): boolean {
  const user = value.trim().split(':')[0]?.trim() ?? '';
  return user === '' || user === 'root' || /^0+$/.test(user);
}

/**
 * Partner guide, Dockerfile Requirements item 4; REFERENCE.md RunAsNonRoot (stricter: `0:0` counts as root).
 * Only the last USER of the final image matters: switching to root to install and back is fine.
 */
export function checkNonRootUser(ctx: RuleContext): void {
  const { final, model } = ctx;
  if (!final) return;
  const last = ctx.finalViews.findLast((v) => v.keyword === 'USER');
  if (!last) {
    const prefix = model.text.length > 0 && !/\n$/.test(model.text) ? '\n' : '';
    ctx.report({
      rule: 'user-missing',
      requirement: 'non_root_user',
      severity: 'error',
      message: `The final stage never sets USER, so the container runs as the base image's user (root for UBI and RHEL). End the file with the component's user (e.g. USER cinder) or USER ${DEFAULT_NON_ROOT_USER}.`,
      ...lineOf(final.from),
      fix: { title: `Add USER ${DEFAULT_NON_ROOT_USER} at the end`, edits: [{ start: model.text.length, end: model.text.length, newText: `${prefix}USER ${DEFAULT_NON_ROOT_USER}\n` }] },
    });
    return;
  }
  const raw = (last.content ?? '').trim();
  const value = raw.includes('$') ? expandVariables(raw, stageLookup(model, ctx.finalChain, last.startLine)) : raw;
  const where = lineOf(last.instruction);
  if (value === undefined) {
    ctx.report({
      rule: 'user-unresolved',
      requirement: 'non_root_user',
      severity: 'warning',
      message: `USER ${raw} uses a variable without a default, so the user can't be checked; if it is empty at build time the container runs as root. Give the ARG a default.`,
      ...where,
    });
    return;
  }
  if (isRootUser(value)) {
    const prefix = model.text.length > 0 && !/\n$/.test(model.text) ? '\n' : '';
    ctx.report({
      rule: 'user-root',
      requirement: 'non_root_user',
      severity: 'error',
      message: `The final USER is ${value === raw ? raw : `${raw} (= ${value})`}, so the container runs as root. Switch back to the component's user (e.g. USER cinder) or USER ${DEFAULT_NON_ROOT_USER} after the steps that need root.`,
      ...where,
      fix: {
        title: `Add USER ${DEFAULT_NON_ROOT_USER} at the end`,
        edits: [{ start: model.text.length, end: model.text.length, newText: `${prefix}USER ${DEFAULT_NON_ROOT_USER}\n` }],
      },
    });
  }
}
