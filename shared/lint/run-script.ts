import type { InstructionView } from './instruction-view';
import { simpleCommands } from './shell-commands';

const commandsCache = new WeakMap<InstructionView, string[][]>();

/** The simple commands of a RUN, read once per lint however many rules ask. */
export function runCommands(view: InstructionView): string[][] {
  let commands = commandsCache.get(view);
  if (!commands) {
    commands = simpleCommands(runScript(view));
    commandsCache.set(view, commands);
  }
  return commands;
}

/**
 * The shell text a RUN executes: the shell form as Docker joins it (continuations removed, heredoc bodies
 * included), or the exec form's words; `sh -c "…"` in exec form yields the inner script.
 */
export function runScript(view: InstructionView): string {
  const content = view.content ?? '';
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
