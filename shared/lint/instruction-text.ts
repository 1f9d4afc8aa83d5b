import type { Instruction } from 'dockerfile-ast';

/**
 * dockerfile-ast works out an instruction's arguments again on every call; several rules read the same
 * instruction, so the text and words are kept per instruction for the length of one lint.
 */
const contentCache = new WeakMap<Instruction, string | null>();
const valuesCache = new WeakMap<Instruction, string[]>();

export function argumentsContent(instruction: Instruction): string | null {
  if (contentCache.has(instruction)) return contentCache.get(instruction) ?? null;
  const content = instruction.getArgumentsContent();
  contentCache.set(instruction, content);
  return content;
}

export function argumentValues(instruction: Instruction): string[] {
  let values = valuesCache.get(instruction);
  if (!values) {
    values = instruction.getArguments().map((a) => a.getValue());
    valuesCache.set(instruction, values);
  }
  return values;
}
