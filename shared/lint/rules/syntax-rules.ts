import type { Instruction } from 'dockerfile-ast';
import { lineOf, offsetAt, viewOf } from '../dockerfile-model';
import type { InstructionView } from '../instruction-view';
import type { RuleContext } from '../rule-context';

/** Every instruction Docker's frontend knows (dockerfile-ast upper-cases the keyword for us). */
const KNOWN = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** Instructions Docker rejects without arguments. */
const NEEDS_ARGUMENTS = new Set(['ADD', 'ARG', 'COPY', 'ENV', 'EXPOSE', 'FROM', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** Forms Docker reads as JSON when they start with `[`, falling back to shell form when the JSON is bad. */
const JSON_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'VOLUME', 'SHELL']);

export function checkSyntax(ctx: RuleContext): void {
  const { model } = ctx;
  checkDirectives(ctx);
  checkContinuations(ctx);

  if (model.stages.length === 0) {
    ctx.report({
      rule: 'no-from',
      requirement: 'syntax',
      severity: 'error',
      message: 'There is no FROM instruction, so there is nothing to build. Start the file with FROM and a Red Hat base image.',
      line: 1,
    });
  }
  for (const instruction of model.preamble) {
    const { keyword } = viewOf(model, instruction);
    if (keyword === 'ARG' || !KNOWN.has(keyword)) continue;
    ctx.report({
      rule: 'instruction-before-from',
      requirement: 'syntax',
      severity: 'error',
      message: `${keyword} comes before the first FROM; only ARG may. Move it after FROM.`,
      ...lineOf(instruction),
    });
  }

  const stageNames = new Map<string, number>();
  for (const stage of model.stages) {
    if (stage.rawImage === '') {
      ctx.report({ rule: 'missing-arguments', requirement: 'syntax', severity: 'error', message: 'FROM needs an image, e.g. FROM registry.redhat.io/ubi9/ubi.', ...lineOf(stage.from) });
    }
    if (stage.name) {
      const first = stageNames.get(stage.name);
      if (first !== undefined) {
        ctx.report({
          rule: 'duplicate-stage-name',
          requirement: 'syntax',
          severity: 'error',
          message: `Stage name "${stage.name}" is already used on line ${first}; Docker rejects duplicate stage names. Rename one.`,
          ...lineOf(stage.from),
        });
      } else stageNames.set(stage.name, lineOf(stage.from).line);
    }
  }

  for (const view of ctx.views) checkInstruction(ctx, view);
}

function checkInstruction(ctx: RuleContext, view: InstructionView): void {
  const { keyword, instruction } = view;
  if (!KNOWN.has(keyword)) {
    const shown = instruction.getInstruction().slice(0, 40);
    ctx.report({
      rule: 'unknown-instruction',
      requirement: 'syntax',
      severity: 'error',
      message: `"${shown}" is not a Dockerfile instruction; Docker stops the build here. Check the spelling, or a continuation line missing its backslash.`,
      ...lineOf(instruction),
    });
    return;
  }
  const args = view.content;
  const where = { line: view.startLine + 1, endLine: view.endLine + 1 };
  if (NEEDS_ARGUMENTS.has(keyword) && (args === null || args.trim() === '') && keyword !== 'FROM') {
    ctx.report({ rule: 'missing-arguments', requirement: 'syntax', severity: 'error', message: `${keyword} has no arguments; Docker rejects it.`, ...where });
    return;
  }
  if ((keyword === 'COPY' || keyword === 'ADD') && args !== null && !args.trimStart().startsWith('[') && !/<<-?["']?[A-Za-z_]/.test(args)) {
    if (view.values.length < 2) {
      ctx.report({ rule: 'missing-arguments', requirement: 'syntax', severity: 'error', message: `${keyword} needs a source and a destination.`, ...where });
    }
  }
  if (JSON_FORM.has(keyword) && args !== null && args.trimStart().startsWith('[')) {
    if (!isJsonStringArray(args.trim())) {
      ctx.report({
        rule: 'invalid-json-form',
        requirement: 'syntax',
        severity: keyword === 'SHELL' ? 'error' : 'warning',
        message:
          keyword === 'SHELL'
            ? 'SHELL needs a JSON array of strings with double quotes, e.g. SHELL ["/bin/bash", "-c"].'
            : `This ${keyword} starts with "[" but is not a JSON array of double-quoted strings, so Docker runs it in shell form (/bin/sh -c '[…'). Use double quotes: ["a", "b"].`,
        ...where,
      });
    }
  }
  if (keyword === 'ONBUILD') {
    const inner = (args ?? '').trim().split(/\s+/)[0]?.toUpperCase();
    if (inner === 'ONBUILD' || inner === 'FROM' || inner === 'MAINTAINER') {
      ctx.report({ rule: 'invalid-onbuild', requirement: 'syntax', severity: 'error', message: `ONBUILD ${inner} is not allowed.`, ...where });
    }
  }
}

function isJsonStringArray(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}

function checkDirectives(ctx: RuleContext): void {
  const { model } = ctx;
  const directives = model.ast.getDirectives();
  const directiveLines = new Set(directives.map((d) => d.getRange().start.line));
  for (const directive of directives) {
    if (directive.getName().toLowerCase() === 'escape') {
      const value = directive.getValue();
      if (value !== '\\' && value !== '`') {
        ctx.report({
          rule: 'invalid-escape-directive',
          requirement: 'syntax',
          severity: 'error',
          message: `The escape directive accepts only \\ or \`, not "${value}"; Docker rejects the file.`,
          ...lineOf(directive),
        });
      }
    }
  }
  // A directive after the first instruction, comment or blank line is an ordinary comment: it does nothing.
  model.lines.forEach((text, index) => {
    if (directiveLines.has(index)) return;
    const m = /^\s*#\s*(escape|syntax|check)\s*=/i.exec(text);
    if (!m) return;
    ctx.report({
      rule: 'misplaced-directive',
      requirement: 'syntax',
      severity: 'warning',
      message: `"# ${m[1]?.toLowerCase()}=" only works on the first lines of the file, before any comment, blank line or instruction; here Docker treats it as a comment. Move it to the top.`,
      line: index + 1,
    });
  });
}

/**
 * Line continuations: Docker drops blank and comment lines inside a continuation and joins what follows.
 * When the escape character ends the last line of an instruction by mistake, the next instruction becomes
 * arguments of this one (`RUN yum install foo USER 1001`) and silently disappears.
 */
function checkContinuations(ctx: RuleContext): void {
  const { model } = ctx;
  const escape = model.escape;
  const trailingEscape = escape === '`' ? TRAILING_BACKTICK : TRAILING_BACKSLASH;
  const endsWithEscape = (line: string) => line.includes(escape) && trailingEscape.test(line);
  for (const view of ctx.views) {
    if (view.endLine === view.startLine) continue;
    const { instruction } = view;
    const range = { start: { line: view.startLine }, end: { line: view.endLine } };
    // Asking dockerfile-ast for heredocs re-reads the instruction; only do it when one may be there.
    let mayHaveHeredoc = false;
    for (let l = range.start.line; l <= range.end.line && !mayHaveHeredoc; l++) mayHaveHeredoc = (model.lines[l] ?? '').includes('<<');
    const heredocLines = mayHaveHeredoc ? heredocBodyLines(instruction) : null;
    for (let i = range.start.line; i < range.end.line; i++) {
      if (heredocLines?.has(i)) continue;
      const text = model.lines[i] ?? '';
      if (!endsWithEscape(text)) continue;
      if (/[ \t]$/.test(text)) {
        ctx.report({
          rule: 'whitespace-after-escape',
          requirement: 'syntax',
          severity: 'info',
          message: `Spaces after the line-continuation character on line ${i + 1}. Docker still continues the line, but other tools and reviewers may not; remove them.`,
          line: i + 1,
        });
      }
      // Look past blank and comment lines to the line the continuation really joins.
      let j = i + 1;
      let sawBlank = false;
      let sawComment = false;
      while (j <= range.end.line) {
        const next = model.lines[j] ?? '';
        if (next.trim() === '') sawBlank = true;
        else if (/^\s*#/.test(next)) sawComment = true;
        else break;
        j++;
      }
      const joined = model.lines[j];
      if (joined === undefined || j > range.end.line) continue;
      const first = /^(\s*)([A-Za-z]+)(\s|$)/.exec(joined);
      const looksLikeInstruction = first !== null && KNOWN.has((first[2] ?? '').toUpperCase()) && (sawBlank || sawComment || (first[1] === '' && first[2] === first[2]?.toUpperCase()));
      if (looksLikeInstruction) {
        const textBefore = text.replace(trailingEscape, '').replace(/[ \t]+$/, '');
        const start = offsetAt(model, i, textBefore.length);
        const end = offsetAt(model, i, text.length);
        ctx.report({
          rule: 'swallowed-instruction',
          requirement: 'syntax',
          severity: 'error',
          message: `Line ${i + 1} ends with "${escape}", so Docker joins line ${j + 1} ("${joined.trim().slice(0, 40)}") into this ${view.keyword} as arguments${sawBlank || sawComment ? ', skipping the blank or comment lines in between' : ''}. That instruction never runs. Remove the trailing "${escape}".`,
          line: i + 1,
          endLine: j + 1,
          fix: { title: `Remove the trailing "${escape}" on line ${i + 1}`, edits: [{ start, end, newText: '' }] },
        });
      } else if (sawBlank) {
        ctx.report({
          rule: 'empty-continuation-line',
          requirement: 'syntax',
          severity: 'warning',
          message: `A blank line inside the continuation starting on line ${i + 1}; Docker skips it with a deprecation warning and may reject it in future. Remove the blank line.`,
          line: i + 2,
          endLine: j,
        });
      }
    }
  }
}

/** The escape character, then only spaces or tabs, at the end of a line (the two escapes Docker allows). */
const TRAILING_BACKSLASH = /\\[ \t]*$/;
const TRAILING_BACKTICK = /`[ \t]*$/;

function heredocBodyLines(instruction: Instruction): Set<number> {
  const lines = new Set<number>();
  const getter = (instruction as unknown as { getHeredocs?: () => Array<{ getContentRange(): { start: { line: number }; end: { line: number } } | null; getDelimiterRange(): { start: { line: number } } | null }> }).getHeredocs;
  if (typeof getter !== 'function') return lines;
  for (const heredoc of getter.call(instruction)) {
    const content = heredoc.getContentRange();
    if (content) for (let l = content.start.line; l <= content.end.line; l++) lines.add(l);
    const delimiter = heredoc.getDelimiterRange();
    if (delimiter) lines.add(delimiter.start.line);
  }
  return lines;
}
