#!/usr/bin/env node
// `npm run bench`: every benchmark under bench/, one after another (they'd disturb each other's timings),
// inside the real test services. Each prints its table and writes bench/results/<name>.json.
import { spawnSync } from 'node:child_process';

const benches = ['bench/lint-bench.ts', 'bench/scan-bench.ts', 'bench/push-pull-bench.ts', 'bench/terminal-bench.ts'];
spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const result = spawnSync('npx', ['tsx', bench], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
