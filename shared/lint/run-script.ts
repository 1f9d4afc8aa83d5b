import type { Instruction } from 'dockerfile-ast';

/**
 * The shell text a RUN executes: the shell form as Docker joins it (continuations removed, heredoc bodies
 * included), or the exec form's words; `sh -c "…"` in exec form yields the inner script.
 */
export function runScript(instruction: Instruction): string {
  const content = instruction.getArgumentsContent() ?? '';
  const trimmed = content.trimStart();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((x): x is string => typeof x === 'string')) {
        const [program, flag, script] = parsed;
        if (program !== undefined && /(^|\/)(ba)?sh$/.test(program) && flag === '-c' && script !== undefined) return script;
        return parsed.map((w) => (/[\s'"]/.test(w) ? `'${w.replace(/'/g, '')}'` : w)).join(' ');
      }
    } catch {
      // Not JSON: Docker runs it in shell form, so read it as shell.
    }
  }
  // RUN flags (--mount, --network) come before the command.
  return content.replace(/^\s*(--[a-z-]+(=\S*)?\s+)*/i, '');
}
