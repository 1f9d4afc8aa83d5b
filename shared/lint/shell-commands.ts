/**
 * Just enough shell reading to see which programs a RUN line calls with which words: split on `&&`, `||`,
 * `;`, `|`, `&`, newlines and parentheses outside quotes, then into words with quotes removed. It is not a
 * shell (no expansion); the rules only need command names and their literal arguments.
 */
export function simpleCommands(script: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;

  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };

  for (let i = 0; i < script.length; i++) {
    const c = script[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < script.length) word += script[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === '\\' && i + 1 < script.length) {
      const next = script[++i] as string;
      if (next !== '\n') {
        word += next;
        inWord = true;
      }
      continue;
    }
    if (c === '#' && !inWord) {
      // A comment runs to the end of the line.
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
      continue;
    }
    if (c === ';' || c === '&' || c === '|' || c === '\n' || c === '(' || c === ')' || c === '`') {
      endCommand();
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      continue;
    }
    word += c;
    inWord = true;
  }
  endCommand();
  return commands.map(stripPrefixes).filter((c) => c.length > 0);
}

/** `FOO=1 sudo -E yum …` → `yum …`: assignments and wrappers don't change which program runs. */
function stripPrefixes(words: string[]): string[] {
  let i = 0;
  for (;;) {
    const w = words[i];
    if (w === undefined) break;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) {
      i++;
    } else if (w === 'sudo' || w === 'command' || w === 'exec' || w === 'nohup' || w === 'time' || w === 'env') {
      i++;
      while (words[i]?.startsWith('-')) i++;
    } else if (w === '!' || w === '{' || w === 'then' || w === 'else' || w === 'do' || w === 'if' || w === 'while') {
      i++;
    } else break;
  }
  return words.slice(i).map((w, idx) => (idx === 0 ? programName(w) : w));
}

function programName(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash >= 0 ? word.slice(slash + 1) : word;
}

export type PackageManager = 'yum' | 'dnf' | 'microdnf' | 'rpm';

export interface PackageCommand {
  manager: PackageManager;
  /** install, reinstall, localinstall, groupinstall, clean, ... (rpm: install/upgrade) */
  action: string;
  /** Non-option words after the action: package names, files, `all`. */
  operands: string[];
}

/** Options of yum/dnf/microdnf that take the next word as their value (when not written `--opt=value`). */
const OPTIONS_WITH_VALUE = new Set([
  '-c',
  '--config',
  '-x',
  '--exclude',
  '--enablerepo',
  '--disablerepo',
  '--repo',
  '--repoid',
  '--setopt',
  '--releasever',
  '--installroot',
  '-d',
  '--debuglevel',
  '-e',
  '--errorlevel',
  '--rpmverbosity',
  '--color',
  '--downloaddir',
  '--destdir',
]);

export function packageCommand(words: string[]): PackageCommand | null {
  const program = words[0];
  if (program === undefined) return null;
  const manager = /^(yum|yum-3|dnf|dnf-3|dnf4|dnf5|microdnf|tdnf)$/.test(program)
    ? (program.startsWith('yum') ? 'yum' : program === 'microdnf' ? 'microdnf' : 'dnf')
    : program === 'rpm'
      ? 'rpm'
      : null;
  if (!manager) return null;
  if (manager === 'rpm') {
    const install = words.some((w) => /^-[a-zA-Z]*[iU][a-zA-Z]*$/.test(w) || w === '--install' || w === '--upgrade' || w === '--freshen');
    if (!install) return null;
    return { manager, action: 'install', operands: words.slice(1).filter((w) => !w.startsWith('-')) };
  }
  let action: string | undefined;
  const operands: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as string;
    if (w.startsWith('-')) {
      if (!w.includes('=') && OPTIONS_WITH_VALUE.has(w)) i++;
      continue;
    }
    if (action === undefined) action = w;
    else operands.push(w);
  }
  if (action === undefined) return null;
  return { manager, action, operands };
}

const INSTALL_ACTIONS = new Set(['install', 'reinstall', 'localinstall', 'groupinstall', 'in', 'upgrade-to', 'install-n', 'install-na', 'install-nevra']);

export function isInstall(cmd: PackageCommand): boolean {
  return INSTALL_ACTIONS.has(cmd.action) || (cmd.manager === 'dnf' && cmd.action === 'group' && cmd.operands[0] === 'install');
}

/** `yum clean all` (or `clean packages`/`metadata`), or deleting the cache directory outright. */
export function isCacheClean(words: string[]): boolean {
  const pkg = packageCommand(words);
  if (pkg && pkg.action === 'clean') return true;
  if (words[0] === 'rm') return words.some((w) => /^\/var\/cache\/(yum|dnf|microdnf)\/?(\*)?$/.test(w));
  return false;
}

/** A repository switched on or off by name: yum-config-manager, dnf config-manager, subscription-manager. */
export interface RepoToggle {
  enable: boolean;
  repo: string;
}

export function repoToggles(words: string[]): RepoToggle[] {
  const program = words[0];
  let args: string[];
  if (program === 'yum-config-manager') args = words.slice(1);
  else if ((program === 'dnf' || program === 'yum' || program === 'dnf-3') && words.includes('config-manager')) args = words.slice(words.indexOf('config-manager') + 1);
  else if (program === 'subscription-manager' && words[1] === 'repos') args = words.slice(2);
  else return [];
  const toggles: RepoToggle[] = [];
  let mode: boolean | null = null;
  for (const w of args) {
    const m = /^--(enable|disable|set-enabled|set-disabled)(?:=(.*))?$/.exec(w);
    if (m) {
      mode = m[1] === 'enable' || m[1] === 'set-enabled';
      if (m[2] !== undefined && m[2] !== '') {
        for (const repo of m[2].split(',')) toggles.push({ enable: mode, repo });
        mode = program === 'subscription-manager' ? null : mode;
      }
      continue;
    }
    if (w.startsWith('-')) {
      mode = null;
      continue;
    }
    if (mode !== null) toggles.push({ enable: mode, repo: w });
  }
  return toggles;
}

/** Does this repo pattern (as given to --disable, which takes globs) cover that repo id? */
export function repoPatternCovers(pattern: string, repo: string): boolean {
  if (pattern === repo) return true;
  if (!/[*?]/.test(pattern)) return false;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(repo);
}
