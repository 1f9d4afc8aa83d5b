import type { Instruction } from 'dockerfile-ast';
import { lineOf, offsetAt, type DockerfileModel } from '../dockerfile-model';
import type { InstructionView } from '../instruction-view';
import { createRuleContext, type RuleContext } from '../rule-context';
import { runCommands } from '../run-script';

const NOT_TEXT_EXTENSION = /\.(pdf|docx?|odt|rtf|pages|zip|gz|tgz|xz|bz2|png|jpe?g|gif)$/i;

interface LicenseCopy {
  instruction: Instruction;
  /** Sources as written; empty for heredocs and --from copies (nothing to check in the context). */
  sources: string[];
  fromStage: boolean;
}

function copyParts(view: InstructionView): { sources: string[]; dest: string; fromStage: boolean; heredoc: boolean } | null {
  const { keyword, instruction } = view;
  if (keyword !== 'COPY' && keyword !== 'ADD') return null;
  const content = view.content ?? '';
  const flags = (instruction as unknown as { getFlags?: () => Array<{ getName(): string }> }).getFlags?.() ?? [];
  const fromStage = flags.some((f) => f.getName().toLowerCase() === 'from');
  const heredoc = /<<-?["']?[A-Za-z_]/.test(content);
  let words: string[];
  if (content.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(content.trim());
      words = Array.isArray(parsed) ? parsed.map(String) : [];
    } catch {
      words = view.values;
    }
  } else if (heredoc) {
    // `COPY <<EOF /licenses/LICENSE`: the destination is the last word on the first line.
    const firstLine = content.split(/\r?\n/)[0] ?? '';
    words = firstLine.trim().split(/\s+/);
  } else {
    words = view.values;
  }
  words = words.filter((w) => !/^--[a-z-]+(=.*)?$/i.test(w));
  const dest = words[words.length - 1];
  if (dest === undefined) return null;
  return { sources: heredoc ? [] : words.slice(0, -1), dest, fromStage, heredoc };
}

function isLicensesPath(path: string): boolean {
  return /^\/?licenses(\/|$)/.test(path.replace(/^\.\//, '')) && path.startsWith('/');
}

function licenseCopies(ctx: RuleContext): LicenseCopy[] {
  const copies: LicenseCopy[] = [];
  for (const view of ctx.finalViews) {
    const parts = copyParts(view);
    const instruction = view.instruction;
    if (!parts || !isLicensesPath(parts.dest)) continue;
    copies.push({ instruction, sources: parts.fromStage ? [] : parts.sources.filter((s) => !/^https?:\/\//i.test(s)), fromStage: parts.fromStage });
  }
  return copies;
}

/** A RUN that puts something into /licenses (cp, mv, install, curl -o, a redirect), not just mkdir. */
function runWritesLicenses(view: InstructionView): boolean {
  if (view.keyword !== 'RUN') return false;
  if (!(view.content ?? '').includes('/licenses')) return false;
  return runCommands(view).some((words) => words[0] !== 'mkdir' && words[0] !== 'chmod' && words[0] !== 'chown' && words.slice(1).some((w) => /(^|[>=])\/licenses(\/|$)/.test(w)));
}

/** License sources the service should look up in the build context (final image only). */
export function licenseSourcesToInspect(model: DockerfileModel): string[] {
  const ctx = createRuleContext(model, {}, []);
  return [...new Set(licenseCopies(ctx).flatMap((c) => c.sources))];
}

/** Partner guide, Dockerfile Requirements item 3 and FAQ 5; REFERENCE.md HasLicense. */
export function checkLicenses(ctx: RuleContext): void {
  const { final, model } = ctx;
  if (!final) return;
  const copies = licenseCopies(ctx);
  const byRun = ctx.finalViews.some(runWritesLicenses);
  if (copies.length === 0 && !byRun) {
    ctx.report({
      rule: 'licenses-missing',
      requirement: 'licenses',
      severity: 'error',
      message: 'Nothing is copied into /licenses. Add your license as a text file (not PDF): COPY LICENSE /licenses/.',
      ...lineOf(final.from),
      fix: licensesFix(ctx),
    });
    return;
  }
  for (const copy of copies) {
    const where = lineOf(copy.instruction);
    for (const source of copy.sources) {
      if (NOT_TEXT_EXTENSION.test(source)) {
        ctx.report({ rule: 'license-not-text', requirement: 'licenses', severity: 'error', message: `${source} is not a text file; licenses must be plain text (txt), not PDF. Convert it and copy the .txt.`, ...where });
        continue;
      }
      const fact = ctx.options.context?.sources[source];
      if (!fact) continue;
      if (fact.status === 'missing') {
        ctx.report({ rule: 'license-source-missing', requirement: 'licenses', severity: 'error', message: `${source} is not in the build context; the build fails at this COPY. Add the file or fix the path.`, ...where });
      } else if (fact.status === 'outside') {
        ctx.report({ rule: 'license-source-missing', requirement: 'licenses', severity: 'error', message: `${source} points outside the build context; Docker can't copy it. Put the license inside the context.`, ...where });
      } else if (fact.status === 'unreadable') {
        ctx.report({ rule: 'license-source-unreadable', requirement: 'licenses', severity: 'warning', message: `${source} could not be read to check it is text.`, ...where });
      } else {
        for (const file of fact.files) {
          if (file.kind !== 'text') {
            ctx.report({ rule: 'license-not-text', requirement: 'licenses', severity: 'error', message: `${file.path} is ${file.kind === 'pdf' ? 'a PDF' : 'binary'}; licenses must be plain text. Convert it to .txt.`, ...where });
          } else if (file.size === 0) {
            ctx.report({ rule: 'license-empty', requirement: 'licenses', severity: 'error', message: `${file.path} is empty; the scan needs a non-empty license file.`, ...where });
          }
        }
        if (fact.files.length === 0) {
          ctx.report({ rule: 'license-empty', requirement: 'licenses', severity: 'error', message: `${source} holds no files; the scan needs at least one non-empty license file.`, ...where });
        }
      }
    }
  }
}

/** Inserts the licenses block before the final USER (or at the end), where the guide's example has it. */
function licensesFix(ctx: RuleContext) {
  const { model } = ctx;
  const block = '# License texts (plain text, not PDF) for the certification scan\nCOPY LICENSE /licenses/\n';
  const lastUser = ctx.finalViews.findLast((v) => v.keyword === 'USER');
  const last = ctx.finalViews[ctx.finalViews.length - 1];
  let at: number;
  if (lastUser && lastUser === last) at = offsetAt(model, lastUser.startLine, 0);
  else at = model.text.length;
  const prefix = at === model.text.length && model.text.length > 0 && !/\n$/.test(model.text) ? '\n' : '';
  return { title: 'Copy a LICENSE file into /licenses', edits: [{ start: at, end: at, newText: `${prefix}${block}` }] };
}
