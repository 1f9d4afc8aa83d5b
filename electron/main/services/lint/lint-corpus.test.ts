import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINT_REQUIREMENTS, type LintRequirement } from '@shared/contract/lint';
import { LintService } from './lint-service';

/** The corpus: every fixture with the rule ids it must raise (exactly) and whether it passes. */
const dir = join(import.meta.dirname, '../../../../e2e/fixtures/dockerfiles');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, { passed: boolean; rules: string[]; context?: string }>;
const service = new LintService();

describe('Dockerfile corpus', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.Dockerfile')).sort();

  it('has at least 30 Dockerfiles, each in the manifest', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(manifest).sort()).toEqual(files);
  });

  for (const file of files) {
    it(file, async () => {
      const entry = manifest[file];
      if (!entry) throw new Error(`${file} is missing from manifest.json`);
      const result = await service.lintFile(join(dir, file), entry.context ? join(dir, entry.context) : undefined);
      const rules = [...new Set(result.report.diagnostics.map((d) => d.rule))].sort();
      expect(rules).toEqual([...entry.rules].sort());
      expect(result.report.passed).toBe(entry.passed);
      for (const d of result.report.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.endLine).toBeGreaterThanOrEqual(d.line);
        expect(d.link).toMatch(/^https:\/\/access\.redhat\.com\//);
        expect(d.message.length).toBeGreaterThan(10);
      }
    });
  }

  it('covers every requirement both ways: some file raises it, some file is clean of it', async () => {
    const fired = new Set<LintRequirement>();
    const quiet = new Set<LintRequirement>();
    for (const file of files) {
      const entry = manifest[file];
      const result = await service.lintFile(join(dir, file), entry?.context ? join(dir, entry.context) : undefined);
      const here = new Set(result.report.diagnostics.map((d) => d.requirement));
      for (const r of LINT_REQUIREMENTS) (here.has(r) ? fired : quiet).add(r);
    }
    expect([...fired].sort()).toEqual([...LINT_REQUIREMENTS].sort());
    expect([...quiet].sort()).toEqual([...LINT_REQUIREMENTS].sort());
  });
});
