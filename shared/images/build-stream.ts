/**
 * Reads the engine's build stream: `{stream}` log text, `{aux:{ID}}` the image id, `{errorDetail}`
 * a failed build (inside a 200 response), and the step counter from `Step 3/9 :` (legacy
 * builder) or `#5 [2/4] RUN …` (BuildKit's plain progress).
 */

export interface BuildStreamEvent {
  stream?: string;
  status?: string;
  aux?: { ID?: string } | unknown;
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

export interface StepCounter {
  step: number;
  total: number;
  instruction?: string;
}

const LEGACY_STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const BUILDKIT_STEP = /^#\d+ \[(?:[\w.-]+ )?(\d+)\/(\d+)\] (.*)$/;

export function parseStep(line: string): StepCounter | undefined {
  const m = LEGACY_STEP.exec(line) ?? BUILDKIT_STEP.exec(line);
  if (!m) return undefined;
  return { step: Number(m[1]), total: Number(m[2]), ...(m[3] ? { instruction: m[3].trim() } : {}) };
}

export interface BuildStreamState {
  step?: StepCounter;
  imageId?: string;
  error?: string;
  /** The text after "Successfully built" (legacy) when no aux id came. */
  builtId?: string;
  /** Text of a line not yet ended: the engine sends "Step 1/5 : FROM x" and its "\n" apart. */
  partial?: string;
}

/** Splits a chunk of the stream text into complete lines, keeping the unfinished tail. */
export function splitLines(pending: string, chunk: string): { lines: string[]; rest: string } {
  const text = pending + chunk;
  const parts = text.split(/\r?\n/);
  const rest = parts.pop() ?? '';
  return { lines: parts, rest };
}

/** The complete log lines this event ends (a line split over events comes out once, whole). */
export function applyBuildEvent(state: BuildStreamState, event: BuildStreamEvent): string[] {
  if (event.errorDetail?.message || event.error) {
    state.error = event.errorDetail?.message ?? event.error;
    return [...flushBuildStream(state), `ERROR: ${state.error}`];
  }
  const aux = event.aux as { ID?: string } | undefined;
  if (aux && typeof aux === 'object' && typeof aux.ID === 'string') state.imageId = aux.ID;
  const text = event.stream ?? (event.status ? `${event.status}\n` : '');
  if (!text) return [];
  const { lines, rest } = splitLines(state.partial ?? '', text);
  state.partial = rest;
  for (const line of lines) noteLine(state, line);
  return lines;
}

/** The unfinished last line, once the stream has ended. */
export function flushBuildStream(state: BuildStreamState): string[] {
  const rest = state.partial ?? '';
  state.partial = '';
  if (rest === '') return [];
  noteLine(state, rest);
  return [rest];
}

function noteLine(state: BuildStreamState, line: string): void {
  const step = parseStep(line);
  if (step) state.step = step;
  const built = /^Successfully built ([a-f0-9]+)/.exec(line);
  if (built?.[1]) state.builtId = built[1];
}

/**
 * Errors that are the Dockerfile's or its inputs' own: a command's exit code (not 137/143, a kill),
 * COPY/ADD sources, the base image, the target stage, the Dockerfile's syntax. Anything else may be
 * the engine breaking down (see BuildService.engineWentAway).
 */
const DOCKERFILE_ERROR =
  /returned a non-zero code: (?!137\b|143\b)\d+|COPY failed|ADD failed|failed to compute cache key|pull access denied|manifest unknown|failed to reach build target|dockerfile parse error|unknown instruction|invalid reference format|failed to process/i;

export function isDockerfileError(message: string): boolean {
  return DOCKERFILE_ERROR.test(message);
}
