import { JSONInstruction, ModifiableInstruction, type Argument, type Instruction } from 'dockerfile-ast';

/**
 * One instruction as the rules read it, worked out once per lint. dockerfile-ast splits an instruction's
 * arguments again on every getArguments() call, getArgumentsContent() splits them twice more, and
 * getKeyword() upper-cases on every call; several rules read the same instruction, so the view keeps the
 * keyword and line span, and splits the arguments at most once, on first use. A one-line instruction
 * without the escape character (most of them) is split here directly, with the same result.
 */
export class InstructionView {
  readonly keyword: string;
  /** 0-based first and last line of the instruction (continuations and heredocs included). */
  readonly startLine: number;
  readonly endLine: number;
  #values: string[] | undefined;
  #content: string | null | undefined;

  constructor(
    readonly instruction: Instruction,
    private readonly document: TextLines,
  ) {
    this.keyword = instruction.getKeyword();
    const range = instruction.getRange();
    this.startLine = range.start.line;
    this.endLine = range.end.line;
  }

  /** The arguments' values, as getArguments().map(a => a.getValue()) (flags like --mount left out). */
  get values(): string[] {
    if (this.#values === undefined) this.#split();
    return this.#values as string[];
  }

  /** The same text as dockerfile-ast's getArgumentsContent(). */
  get content(): string | null {
    if (this.#content === undefined) this.#split();
    return this.#content as string | null;
  }

  #split(): void {
    const simple = this.startLine === this.endLine ? splitSimpleLine(this.instruction, this.document) : null;
    if (simple) {
      this.#values = simple.values;
      this.#content = simple.content;
      return;
    }
    const args = this.instruction.getArguments();
    this.#values = args.map((a) => a.getValue());
    this.#content = argumentsContentOf(args, this.document);
  }
}

/**
 * The arguments of a one-line instruction with no escape character after its keyword, as dockerfile-ast
 * splits them (Instruction.getRawArguments): with no escape there is nothing to join or unescape, so the
 * arguments are the runs of characters between spaces, tabs and line breaks. Instructions that take flags
 * drop as many leading arguments as dockerfile-ast counted flags (ModifiableInstruction.getArguments);
 * for JSON-form instructions it counted them while parsing, FROM and HEALTHCHECK go the long way.
 * Returns null when the fast path doesn't apply.
 */
function splitSimpleLine(instruction: Instruction, doc: TextLines): { values: string[]; content: string | null } | null {
  let skip = 0;
  if (instruction instanceof ModifiableInstruction) {
    if (!(instruction instanceof JSONInstruction)) return null;
    skip = instruction.getFlags().length;
  }
  const from = offsetAt(doc, instruction.getInstructionRange().end);
  const to = offsetAt(doc, instruction.getRange().end);
  const text = doc.text;
  const escape = text.indexOf(doc.escape, from);
  if (escape !== -1 && escape < to) return null;
  const values: string[] = [];
  let contentStart = -1;
  let contentEnd = -1;
  let found = -1;
  for (let i = from; i <= to; i++) {
    const code = i < to ? text.charCodeAt(i) : 32;
    if (code === 32 || code === 9 || code === 10 || code === 13) {
      if (found === -1) continue;
      if (skip > 0) skip--;
      else {
        values.push(text.slice(found, i));
        if (contentStart === -1) contentStart = found;
        contentEnd = i;
      }
      found = -1;
    } else if (found === -1) found = i;
  }
  return { values, content: contentStart === -1 ? null : text.slice(contentStart, contentEnd) };
}

/** The text and line table of the file, enough to turn argument positions into offsets. */
export interface TextLines {
  text: string;
  /** Offset of the first character of each line. */
  lineStarts: number[];
  escape: string;
}

interface Position {
  line: number;
  character: number;
}

// The position arithmetic of vscode-languageserver-textdocument, which dockerfile-ast's document uses:
// the ported code below turns positions into offsets exactly as getArgumentsContent() does.
function offsetAt(doc: TextLines, position: Position): number {
  const { lineStarts, text } = doc;
  if (position.line >= lineStarts.length) return text.length;
  if (position.line < 0) return 0;
  const lineOffset = lineStarts[position.line] as number;
  if (position.character <= 0) return lineOffset;
  const nextLineOffset = position.line + 1 < lineStarts.length ? (lineStarts[position.line + 1] as number) : text.length;
  let offset = Math.min(lineOffset + position.character, nextLineOffset);
  while (offset > lineOffset && isEol(text.charCodeAt(offset - 1))) offset--;
  return offset;
}

function positionAt(doc: TextLines, offset: number): Position {
  const { lineStarts, text } = doc;
  offset = Math.max(Math.min(offset, text.length), 0);
  let low = 0;
  let high = lineStarts.length;
  if (high === 0) return { line: 0, character: offset };
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if ((lineStarts[mid] as number) > offset) high = mid;
    else low = mid + 1;
  }
  const line = low - 1;
  return { line, character: offset - (lineStarts[line] as number) };
}

function isEol(code: number): boolean {
  return code === 13 || code === 10;
}

/**
 * getArgumentsContent() of dockerfile-ast 0.7 (Instruction.getArgumentsRanges), ported to take the
 * arguments instead of splitting them again: the text from the first to the last argument, with escaped
 * line breaks and comment lines inside the continuation left out.
 */
function argumentsContentOf(args: Argument[], doc: TextLines): string | null {
  const first = args[0];
  const last = args[args.length - 1];
  if (first === undefined || last === undefined) return null;
  const firstStart = first.getRange().start;
  const lastEnd = last.getRange().end;
  if (firstStart.line === lastEnd.line) return doc.text.substring(offsetAt(doc, firstStart), offsetAt(doc, lastEnd));

  const ranges: Array<[Position, Position]> = [];
  const escapeChar = doc.escape;
  let end = -1;
  let startPosition: Position | null = firstStart;
  const offset = offsetAt(doc, firstStart);
  const fullArgs = doc.text.substring(offset, offsetAt(doc, lastEnd));
  let comment = false;
  for (let i = 0; i < fullArgs.length; i++) {
    const char = fullArgs.charAt(i);
    if (char === escapeChar) {
      const next = fullArgs.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        whitespaceCheck: for (let j = i + 2; j < fullArgs.length; j++) {
          switch (fullArgs.charAt(j)) {
            case ' ':
            case '\t':
              continue;
            case '\r':
            case '\n':
              // A CRLF continues past the LF too.
              if (fullArgs.charAt(j) === '\r') j++;
              if (startPosition !== null) ranges.push([startPosition, positionAt(doc, offset + end + 1)]);
              startPosition = null;
              comment = false;
              i = j;
              break whitespaceCheck;
            default:
              break whitespaceCheck;
          }
        }
      } else if (next === '\r') {
        if (startPosition !== null) {
          ranges.push([startPosition, positionAt(doc, offset + end + 1)]);
          startPosition = null;
        }
        comment = false;
        i += 2;
      } else if (next === '\n') {
        if (startPosition !== null) ranges.push([startPosition, positionAt(doc, offset + end + 1)]);
        startPosition = null;
        comment = false;
        i++;
      } else {
        i++;
      }
    } else if (char === '\r' || char === '\n') {
      if (comment) {
        startPosition = null;
        comment = false;
      }
    } else if (!comment) {
      if (startPosition === null) {
        if (char === '#') {
          comment = true;
          continue;
        }
        const position = positionAt(doc, offset + i);
        if (position.character !== 0) startPosition = { line: position.line, character: 0 };
      }
      end = i;
    }
  }
  if (startPosition === null) ranges.push([positionAt(doc, offset + end), positionAt(doc, offset + end + 1)]);
  else ranges.push([startPosition, positionAt(doc, offset + end + 1)]);

  let content = '';
  for (const [start, stop] of ranges) content += doc.text.substring(offsetAt(doc, start), offsetAt(doc, stop));
  return content;
}
