import type { Env } from 'dockerfile-ast';
import { argDeclarations, lineOf } from '../dockerfile-model';
import type { RuleContext } from '../rule-context';

/** Variable names that hold credentials by convention. */
const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credentials?|auth)$|^(pass(word|wd)?|secret|token)|_pass(word|wd)?_|registry[_-]?key/i;
/** Values that are credentials whatever they are called. */
const SECRET_VALUE = /-----BEGIN [A-Z ]*PRIVATE KEY-----|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{30,}|\bxox[abp]-[A-Za-z0-9-]{10,}/;
/** `https://user:password@host` in a URL. */
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@"']+:[^\s/@"']+@/i;

function isLiteral(value: string): boolean {
  // A value that is only a variable reference copies a build argument; the name itself is what to flag then.
  return value.trim() !== '' && !/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value.trim());
}

export function checkSecrets(ctx: RuleContext): void {
  const finalSet = new Set(ctx.finalInstructions);
  for (const view of ctx.views) {
    const { keyword, instruction } = view;
    if (keyword !== 'ENV' && keyword !== 'ARG' && keyword !== 'RUN' && keyword !== 'ADD') continue;
    const inFinal = finalSet.has(instruction);
    const where = lineOf(instruction);
    if (keyword === 'ENV' || keyword === 'ARG') {
      const pairs: Array<[string, string | null]> =
        keyword === 'ENV' ? (instruction as Env).getProperties().map((p) => [p.getName(), p.getValue()]) : argDeclarations(view);
      for (const [name, value] of pairs) {
        const nameHit = SECRET_NAME.test(name);
        const valueHit = value !== null && SECRET_VALUE.test(value);
        if (!nameHit && !valueHit) continue;
        const literal = value !== null && isLiteral(value);
        if (keyword === 'ENV' && (literal || valueHit)) {
          ctx.report({
            rule: 'credential-in-env',
            requirement: 'secret',
            severity: inFinal ? 'error' : 'warning',
            message: `ENV ${name} puts a credential into the image configuration, where anyone who pulls the image reads it. Pass it at build time with RUN --mount=type=secret, or at run time.`,
            ...where,
          });
        } else if (keyword === 'ARG' && (nameHit || valueHit)) {
          ctx.report({
            rule: 'credential-in-arg',
            requirement: 'secret',
            severity: literal ? 'error' : 'warning',
            message: literal
              ? `ARG ${name} has a credential as its default, written in the Dockerfile and kept in the image history. Remove the default and use RUN --mount=type=secret.`
              : `ARG ${name} looks like a credential; build arguments are kept in the image history. Use RUN --mount=type=secret,id=${name.toLowerCase()} instead.`,
            ...where,
          });
        }
      }
    } else if (keyword === 'RUN' || keyword === 'ADD') {
      const text = view.content ?? '';
      if (URL_WITH_PASSWORD.test(text) || SECRET_VALUE.test(text)) {
        ctx.report({
          rule: 'credential-in-command',
          requirement: 'secret',
          severity: 'error',
          message: `This ${keyword} has a password or key written in it (e.g. https://user:password@host); it stays in the Dockerfile and the image history. Use RUN --mount=type=secret.`,
          ...where,
        });
      }
    }
  }
}
