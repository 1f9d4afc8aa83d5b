import { DockerfileParser, type Dockerfile, type From, type Instruction } from 'dockerfile-ast';
import { Util } from 'dockerfile-ast/lib/util.js';
import { InstructionView } from './instruction-view';

// dockerfile-ast tests for a byte-order mark with Node's Buffer, which the renderer doesn't have (the parse
// then throws "Buffer is not defined"); on the decoded string the same test is one comparison.
Util.isUTF8BOM = (char: string) => char === '\uFEFF';

/**
 * The parsed file as the rules see it: dockerfile-ast's instructions grouped into build stages, with the
 * stage each one inherits from, plus a line table for turning positions into offsets (for fixes).
 */
export interface Stage {
  index: number;
  /** `AS name`, lower-cased (Docker compares stage names case-insensitively). */
  name: string | null;
  from: From;
  /** The FROM image after global ARG defaults were substituted; undefined when it can't be resolved. */
  image: string | undefined;
  /** The raw image text as written. */
  rawImage: string;
  /** When the FROM names an earlier stage, that stage (its labels, USER and layers carry over). */
  parent: Stage | null;
  /** Instructions after FROM, in order. */
  instructions: Instruction[];
}

export interface DockerfileModel {
  text: string;
  lines: string[];
  /** Offset of the first character of each line. */
  lineStarts: number[];
  ast: Dockerfile;
  /** Every instruction in file order (dockerfile-ast rebuilds this list on each call, so it is kept). */
  instructions: Instruction[];
  /** Each instruction's keyword, lines and arguments, read once for all rules (see instruction-view.ts). */
  views: Map<Instruction, InstructionView>;
  escape: string;
  /** Instructions before the first FROM (only ARG is allowed there). */
  preamble: Instruction[];
  stages: Stage[];
  /** Global ARG defaults (declared before the first FROM): the only variables FROM can use. */
  globalArgs: Map<string, string | null>;
}

export function splitLines(text: string): { lines: string[]; lineStarts: number[] } {
  const lines: string[] = [];
  const lineStarts: number[] = [];
  const re = /\r\n|\r|\n/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lineStarts.push(last);
    lines.push(text.slice(last, m.index));
    last = m.index + m[0].length;
  }
  lineStarts.push(last);
  lines.push(text.slice(last));
  return { lines, lineStarts };
}

export function parseDockerfile(text: string): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  const { lines, lineStarts } = splitLines(text);
  const escape = ast.getEscapeCharacter();
  const document = { text, lineStarts, escape };
  const views = new Map<Instruction, InstructionView>();
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  const globalArgs = new Map<string, string | null>();
  const byName = new Map<string, Stage>();
  let current: Stage | null = null;

  const instructions = ast.getInstructions();
  for (const instruction of instructions) {
    const view = new InstructionView(instruction, document);
    views.set(instruction, view);
    const keyword = view.keyword;
    if (keyword === 'FROM') {
      const from = instruction as From;
      // The image argument as written (flags like --platform skipped), or '' when there is none.
      const rawImage = view.values[0] ?? '';
      const image = rawImage === '' ? undefined : expandVariables(rawImage, (name) => globalArgs.get(name));
      const parent = image !== undefined ? (byName.get(image.toLowerCase()) ?? null) : null;
      const name = from.getBuildStage()?.toLowerCase() ?? null;
      current = { index: stages.length, name, from, image, rawImage, parent, instructions: [] };
      stages.push(current);
      // A later stage with the same name shadows nothing in Docker (it is an error), but keep the first.
      if (name && !byName.has(name)) byName.set(name, current);
    } else if (current) {
      current.instructions.push(instruction);
    } else {
      preamble.push(instruction);
      if (keyword === 'ARG') {
        for (const [name, value] of argDeclarations(view)) globalArgs.set(name, value);
      }
    }
  }
  return { text, lines, lineStarts, ast, instructions, views, escape, preamble, stages, globalArgs };
}

/** The view of an instruction of this model (made on the spot for one that isn't, which shouldn't happen). */
export function viewOf(model: Pick<DockerfileModel, 'views' | 'text' | 'lineStarts' | 'escape'>, instruction: Instruction): InstructionView {
  let view = model.views.get(instruction);
  if (!view) {
    view = new InstructionView(instruction, model);
    model.views.set(instruction, view);
  }
  return view;
}

/** `ARG a=1 b` → [[a,'1'],[b,null]]. Quotes around the value are removed like Docker does. */
export function argDeclarations(view: InstructionView): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  for (const raw of view.values) {
    const eq = raw.indexOf('=');
    if (eq < 0) out.push([raw, null]);
    else out.push([raw.slice(0, eq), unquote(raw.slice(eq + 1))]);
  }
  return out;
}

export function unquote(value: string): string {
  if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
    return value.slice(1, -1);
  }
  return value;
}

/**
 * Shell-style substitution the way Docker does it in FROM, USER and LABEL: `$X`, `${X}`, `${X:-default}`,
 * `${X-default}`, `${X:+alt}`. Returns undefined when a variable is unknown and has no default.
 */
export function expandVariables(value: string, lookup: (name: string) => string | null | undefined): string | undefined {
  let unresolved = false;
  const out = value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const found = lookup(name);
    const set = found !== undefined && found !== null;
    const nonEmpty = set && found !== '';
    if (op === ':-') return nonEmpty ? found : (word ?? '');
    if (op === '-') return set ? found : (word ?? '');
    if (op === ':+') return nonEmpty ? (word ?? '') : '';
    if (op === '+') return set ? (word ?? '') : '';
    if (!set) {
      unresolved = true;
      return '';
    }
    return found;
  });
  return unresolved ? undefined : out;
}

/** The stage and every stage it builds on, oldest first: what ends up in that stage's image. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<Stage>();
  for (let s: Stage | null = stage; s && !seen.has(s); s = s.parent) {
    seen.add(s);
    chain.unshift(s);
  }
  return chain;
}

/** The stage the image is built from: the last one (what `docker build` tags without --target). */
export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages[model.stages.length - 1];
}

/** The external image a stage finally rests on (following stage references). */
export function rootImage(stage: Stage): { image: string | undefined; rawImage: string; from: From } {
  const root = stageChain(stage)[0] ?? stage;
  return { image: root.image, rawImage: root.rawImage, from: root.from };
}

/** A variable's value for an instruction inside a stage chain: ARG/ENV in the chain, global ARG defaults. */
export function stageLookup(model: DockerfileModel, chain: Stage[], beforeLine: number): (name: string) => string | null | undefined {
  const values = new Map<string, string | null>();
  for (const stage of chain) {
    for (const instruction of stage.instructions) {
      const view = viewOf(model, instruction);
      if (view.startLine >= beforeLine) break;
      const keyword = view.keyword;
      if (keyword === 'ARG') {
        for (const [name, value] of argDeclarations(view)) {
          // `ARG X` inside a stage re-imports the global default.
          values.set(name, value ?? model.globalArgs.get(name) ?? null);
        }
      } else if (keyword === 'ENV') {
        for (const property of (instruction as unknown as { getProperties(): Array<{ getName(): string; getValue(): string | null }> }).getProperties()) {
          values.set(property.getName(), property.getValue());
        }
      }
    }
  }
  return (name) => values.get(name);
}

export function lineOf(instruction: { getRange(): { start: { line: number }; end: { line: number } } }): { line: number; endLine: number } {
  const range = instruction.getRange();
  return { line: range.start.line + 1, endLine: range.end.line + 1 };
}

/** Offset of (0-based line, character); clamps to the text. */
export function offsetAt(model: Pick<DockerfileModel, 'lineStarts' | 'text'>, line: number, character: number): number {
  const start = model.lineStarts[line];
  if (start === undefined) return model.text.length;
  return Math.min(start + character, model.text.length);
}

/** Offset just past the end of a 0-based line, including its line break. */
export function offsetAfterLine(model: Pick<DockerfileModel, 'lineStarts' | 'text'>, line: number): number {
  return model.lineStarts[line + 1] ?? model.text.length;
}
