import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built renderer sits relative to this bundle. Every entry (CLI, Electron main) is
 * bundled into dist/<entry>/, so the renderer is always dist/renderer.
 */
export function rendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, '..', 'renderer');
}
