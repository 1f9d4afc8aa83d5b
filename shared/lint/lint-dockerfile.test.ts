import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RHOSP_VERSIONS, STARTER_COMPONENTS } from '../contract/lint';
import { expandVariables } from './dockerfile-model';
import { lintDockerfile } from './lint-dockerfile';
import { violatesRedHatTrademark } from './rules/label-rules';
import { packageNameOf } from './rules/package-rules';
import { isRootUser } from './rules/user-rules';
import { simpleCommands, repoToggles } from './shell-commands';
import { toSarif } from './sarif';
import { generateStarterDockerfile } from './starter-generator';
import { applyFix, lineDiff } from './text-edits';

const corpusDir = join(import.meta.dirname, '../../e2e/fixtures/dockerfiles');
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.Dockerfile'))
  .map((f) => ({ name: f, text: readFileSync(join(corpusDir, f), 'latin1') }));

describe('trademark (preflight trademark validator cases)', () => {
  it.each([
    ['Red Hat', true],
    ['Something for Red Hat OpenShift', false],
    ['Red-Hat', true],
    ['Red_Hat', true],
    ['For-Red-Hat', false],
    ['RED\t\tHAT\t', true],
    ['redhat', true],
    ['something by red hat for red hat', true],
    ['red hat product for red hat', true],
    ['VendorX', false],
  ])('%j → %s', (value, expected) => expect(violatesRedHatTrademark(value)).toBe(expected));
});

describe('pieces', () => {
  it('expands ARG defaults like Docker', () => {
    const vars = new Map<string, string | null>([['A', 'x'], ['E', ''], ['N', null]]);
    const get = (n: string) => vars.get(n);
    expect(expandVariables('${A}:$A', get)).toBe('x:x');
    expect(expandVariables('${E:-d}|${E-d}|${U:-d}', get)).toBe('d||d');
    expect(expandVariables('${A:+alt}${E:+alt}', get)).toBe('alt');
    expect(expandVariables('${N}', get)).toBeUndefined();
    expect(expandVariables('$MISSING', get)).toBeUndefined();
  });

  it('treats any root user part as root', () => {
    for (const u of ['root', '0', '0:0', 'root:root', '0:1001', '000', ' root ']) expect(isRootUser(u)).toBe(true);
    for (const u of ['1001', 'cinder', '1001:0', 'neutron:neutron']) expect(isRootUser(u)).toBe(false);
  });

  it('reads package names from operands', () => {
    expect(packageNameOf('kernel-core-5.14.0-70.el9.x86_64')).toBe('kernel-core');
    expect(packageNameOf('/tmp/kpatch-0.9.7-1.el9.noarch.rpm')).toBe('kpatch');
    expect(packageNameOf('kernel.x86_64')).toBe('kernel');
    expect(packageNameOf('python3-devel')).toBe('python3-devel');
  });

  it('splits shell commands and reads repo toggles', () => {
    expect(simpleCommands('FOO=1 sudo yum -y install a && /usr/bin/dnf clean all; echo "x && y"')).toEqual([
      ['yum', '-y', 'install', 'a'],
      ['dnf', 'clean', 'all'],
      ['echo', 'x && y'],
    ]);
    expect(repoToggles(['subscription-manager', 'repos', '--enable=a', '--disable', 'b'])).toEqual([
      { enable: true, repo: 'a' },
      { enable: false, repo: 'b' },
    ]);
  });
});

describe('parser edge cases the issue names', () => {
  const labels = 'LABEL name=a maintainer=b vendor=c version=1 release=1 summary=s description=d';
  it('reports a continuation that swallows the next instruction and fixes it', () => {
    const text = `FROM registry.redhat.io/ubi9/ubi:9.4\n${labels}\nCOPY LICENSE /licenses/\nRUN dnf install -y a && dnf clean all \\\n\n# back to a user\nUSER 1001\n`;
    const report = lintDockerfile(text);
    const swallowed = report.diagnostics.find((d) => d.rule === 'swallowed-instruction');
    expect(swallowed?.line).toBe(4);
    expect(swallowed?.endLine).toBe(7);
    const fixed = applyFix(text, swallowed?.fix ?? { title: '', edits: [] });
    expect(lintDockerfile(fixed).diagnostics).toEqual([]);
  });

  it('does not report a comment inside a continuation that carries on with arguments', () => {
    const text = `FROM registry.redhat.io/ubi9/ubi:9.4\n${labels}\nRUN dnf install -y \\\n# the plugin\n    a \\\n    && dnf clean all\nCOPY LICENSE /licenses/\nUSER 1001\n`;
    expect(lintDockerfile(text).diagnostics).toEqual([]);
  });

  it('handles CRLF line ends, a BOM and the escape directive', () => {
    const text = `\uFEFF# escape=\`\r\nFROM registry.redhat.io/ubi9/ubi:9.4\r\n${labels}\r\nRUN dnf install -y a \`\r\n    && dnf clean all\r\nCOPY LICENSE /licenses/\r\nUSER 1001\r\n`;
    expect(lintDockerfile(text).diagnostics).toEqual([]);
  });

  it('follows FROM <stage> for labels, user and base image', () => {
    const text = `FROM registry.redhat.io/ubi9/ubi:9.4 AS base\n${labels}\nUSER 1001\nFROM base\nCOPY LICENSE /licenses/\n`;
    expect(lintDockerfile(text).diagnostics).toEqual([]);
  });
});

describe('quick fixes', () => {
  it('applying every offered fix (repeatedly) removes the diagnostics they target', () => {
    const fixable = ['user-missing', 'user-root', 'required-label-missing', 'maintainer-deprecated', 'licenses-missing', 'swallowed-instruction', 'no-clean-all'];
    for (const { name, text } of corpus) {
      let current = text;
      for (let round = 0; round < 10; round++) {
        const fix = lintDockerfile(current).diagnostics.find((d) => d.fix && fixable.includes(d.rule))?.fix;
        if (!fix) break;
        current = applyFix(current, fix);
      }
      const left = lintDockerfile(current).diagnostics.filter((d) => fixable.includes(d.rule)).map((d) => d.rule);
      expect({ name, left }).toEqual({ name, left: [] });
    }
  });

  it('previews a fix as a line diff', () => {
    const diff = lineDiff('FROM a\nRUN x\n', 'FROM a\nRUN x\nUSER 1001\n');
    expect(diff.filter((l) => l.kind !== 'same')).toEqual([{ kind: 'added', text: 'USER 1001', line: 3 }]);
  });
});

describe('starter generator', () => {
  it('produces a Dockerfile with no diagnostics for every component, release and package source', () => {
    for (const component of STARTER_COMPONENTS) {
      for (const rhospVersion of RHOSP_VERSIONS) {
        for (const packageSource of [
          { kind: 'repo' as const, repoFile: 'vendorx.repo', packageName: 'python3-vendorx-plugin' },
          { kind: 'rpm' as const, rpmFile: 'rpms/vendorx-plugin-1.0-1.noarch.rpm' },
        ]) {
          const text = generateStarterDockerfile({
            component,
            rhospVersion,
            vendor: 'VendorX "Systems"',
            pluginName: 'PluginY',
            maintainer: 'support@vendorx.example',
            version: '3.7',
            release: '1',
            packageSource,
            licenseFile: 'LICENSE.txt',
          });
          expect({ component, rhospVersion, diagnostics: lintDockerfile(text).diagnostics }).toEqual({ component, rhospVersion, diagnostics: [] });
        }
      }
    }
  });
});

describe('SARIF', () => {
  it('has the 2.1.0 shape with one result per diagnostic', () => {
    const report = lintDockerfile('FROM ubuntu:22.04\n');
    const sarif = toSarif('/tmp/Dockerfile', report, '0.1.0') as { version: string; runs: Array<{ results: unknown[]; tool: { driver: { rules: unknown[] } } }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results).toHaveLength(report.diagnostics.length);
  });
});

describe('never throws (property)', () => {
  it('any string yields a report', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-composite' })), (text) => {
        const report = lintDockerfile(text);
        expect(Array.isArray(report.diagnostics)).toBe(true);
        expect(report.diagnostics.some((d) => d.rule === 'rule-failed')).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('any line-level mutation of a corpus file yields a report', () => {
    const fragments = ['\\', '`', '\\   ', '', '# escape=`', '# syntax=docker/dockerfile:1', 'FROM', 'FROM ${X:-', 'ARG', 'USER', 'LABEL a="', '<<EOF', 'EOF', 'RUN <<-"E"', '[', '["a",', 'COPY', 'ONBUILD ONBUILD', '\u0000', '$', '${', 'from scratch as a', 'FROM a AS a'];
    const file = fc.constantFrom(...corpus.map((c) => c.text));
    const mutation = fc.record({
      line: fc.nat(80),
      kind: fc.constantFrom('insert', 'replace', 'delete', 'append', 'truncate'),
      fragment: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 12 })),
    });
    fc.assert(
      fc.property(file, fc.array(mutation, { maxLength: 6 }), (text, mutations) => {
        const lines = text.split('\n');
        for (const m of mutations) {
          const at = lines.length === 0 ? 0 : m.line % lines.length;
          if (m.kind === 'insert') lines.splice(at, 0, m.fragment);
          else if (m.kind === 'replace') lines[at] = m.fragment;
          else if (m.kind === 'delete') lines.splice(at, 1);
          else if (m.kind === 'append') lines[at] = `${lines[at] ?? ''}${m.fragment}`;
          else lines[at] = (lines[at] ?? '').slice(0, m.fragment.length);
        }
        const report = lintDockerfile(lines.join('\n'));
        expect(report.diagnostics.some((d) => d.rule === 'rule-failed')).toBe(false);
        for (const d of report.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          for (const e of d.fix?.edits ?? []) expect(e.start).toBeLessThanOrEqual(e.end);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('in the renderer (no Node Buffer)', () => {
  it('parses without Buffer, as in the browser', () => {
    const saved = globalThis.Buffer;
    // @ts-expect-error: removing Node's Buffer to run like the web side
    delete globalThis.Buffer;
    try {
      const report = lintDockerfile('\uFEFFFROM registry.redhat.io/ubi9/ubi:9.4\n');
      expect(report.diagnostics.some((d) => d.rule === 'unparsable')).toBe(false);
    } finally {
      globalThis.Buffer = saved;
    }
  });
});
