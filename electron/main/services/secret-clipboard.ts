/**
 * The system clipboard, which only the desktop app has (Electron passes one in; `serve` and the CLI
 * have none, so an explicit copy returns the value to the page or terminal that asked instead).
 */
export interface SecretClipboard {
  /** Copies a secret and clears it again after a while, unless something else was copied since. */
  copySecret(text: string): Promise<void>;
}
