import { clipboard } from 'electron';
import type { SecretClipboard } from '../services/secret-clipboard';

/** A copied registry key or private key stays on the clipboard for a minute (issue: secrets), then goes. */
const CLEAR_AFTER_MS = 60_000;

export const electronSecretClipboard: SecretClipboard = {
  async copySecret(text) {
    await clipboard.writeText(text);
    const timer = setTimeout(() => {
      // Only clear what we put there: the user may have copied something else meanwhile.
      void clipboard.readText().then(
        (current) => {
          if (current === text) clipboard.clear();
        },
        () => clipboard.clear(),
      );
    }, CLEAR_AFTER_MS);
    timer.unref?.();
  },
};
