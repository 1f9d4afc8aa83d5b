/**
 * A command line typed into a field, split into words the way a POSIX shell quotes (no expansion):
 * `sh -c "cat /hi; echo done"` is three words. The words go to the engine as an argv, never to a shell.
 */
export type CommandWords = { ok: true; words: string[] } | { ok: false; error: string };

export function splitCommand(text: string): CommandWords {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] as string)) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < text.length) word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { ok: false, error: `A ${quote === '"' ? 'double' : 'single'} quote is not closed.` };
  if (inWord) words.push(word);
  if (words.length === 0) return { ok: false, error: 'Type a command, e.g. id or sh -c "cat /etc/os-release".' };
  return { ok: true, words };
}
