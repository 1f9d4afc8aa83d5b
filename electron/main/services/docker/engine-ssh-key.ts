import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { normalizeHost } from '@shared/engine/engine-candidates';

/** The keychain name of an ssh:// engine's private key (what create-services' `sshKeyFor` reads). */
export function engineSshKeyName(host: string): string {
  return `engine-ssh-key:${normalizeHost(host)}`;
}

/**
 * Reads a private key file for an ssh:// engine (in the main process: the key text never crosses
 * to the renderer) and checks that ssh2 can use it as it is. Passphrase-protected keys are refused:
 * the app logs in unattended, so load such a key into the SSH agent instead.
 */
export async function readEngineSshKey(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new AppError(ErrorCode.FileUnreadable, `Could not read the SSH key file ${path}.`, { hint: 'Give the path of the private key (e.g. ~/.ssh/id_ed25519).', cause: err });
  }
  if (/^(ssh-|ecdsa-)\S+ AAAA/.test(text.trim())) {
    throw new AppError(ErrorCode.KeyInvalid, `${path} is a public key; the engine login needs the private key.`, { hint: 'Use the file without .pub.' });
  }
  const parsed = ssh2.utils.parseKey(text);
  if (parsed instanceof Error) {
    if (/passphrase|encrypted/i.test(parsed.message)) {
      throw new AppError(ErrorCode.PassphraseRequired, `The SSH key in ${path} is protected by a passphrase.`, {
        hint: 'Load it into your SSH agent (ssh-add) and set the engine without a key file: CertDesk then uses the agent.',
      });
    }
    throw new AppError(ErrorCode.KeyInvalid, `${path} is not a private key ssh2 can use (${parsed.message}).`, {
      hint: 'Use an OpenSSH or PEM private key (ed25519, ECDSA or RSA).',
    });
  }
  return text;
}
