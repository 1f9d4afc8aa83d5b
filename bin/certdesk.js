#!/usr/bin/env node
// The CLI entry: the bundled CLI is built by `npm ci` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/cli.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('certdesk: the CLI is not built yet. Run `npm ci` or `npm run build` in the CertDesk folder.\n');
  process.exit(2);
}
await import(bundle);
