import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareEvr } from '../rpm/rpm-version';
import { isCsafDocument, parseCsaf, rpmFromProductId, rpmFromPurl } from './csaf-parse';
import { OvalDefinitionSplitter, parseOvalText } from './oval-parse';
import { emptyIndex, matchVulnerabilities, mergeIndex, normalizeSeverity, type VulnIndex } from './vuln-index';

/**
 * Security data files are downloaded by the user from wherever: CSAF/VEX JSON and OVAL XML must
 * parse to an index (unknown shapes skipped) and never throw, and what they yield must stay usable
 * by the matcher, whatever package, CVE or product names they carry.
 */

const NOW = new Date('2025-03-01T00:00:00Z');
/** Names that are keys of Object.prototype: data must never be read as the prototype. */
const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

const CSAF = {
  document: {
    csaf_version: '2.0',
    category: 'csaf_vex',
    aggregate_severity: { text: 'Critical' },
    tracking: { id: 'CVE-2099-0001', initial_release_date: '2024-01-01T00:00:00Z', current_release_date: '2024-01-02T00:00:00Z' },
  },
  product_tree: {
    branches: [{ branches: [{ product: { product_id: 'openssl-1:3.0.7-99.el9.x86_64', product_identification_helper: { purl: 'pkg:rpm/redhat/openssl@3.0.7-99.el9?arch=x86_64&epoch=1' } } }, { product: { product_id: 'zlib' } }] }],
    relationships: [{ product_reference: 'openssl-1:3.0.7-99.el9.x86_64', relates_to_product_reference: 'BaseOS-9', full_product_name: { product_id: 'BaseOS-9:openssl-1:3.0.7-99.el9.x86_64' } }],
  },
  vulnerabilities: [
    {
      cve: 'CVE-2099-0001',
      product_status: { fixed: ['BaseOS-9:openssl-1:3.0.7-99.el9.x86_64'], known_affected: ['bash'], known_not_affected: ['red_hat_enterprise_linux_9:zlib'] },
      threats: [{ category: 'impact', details: 'Critical' }],
      remediations: [{ category: 'vendor_fix', url: 'https://access.redhat.com/errata/RHSA-2099:0001', product_ids: ['BaseOS-9:openssl-1:3.0.7-99.el9.x86_64'] }],
    },
  ],
};

const OVAL_DEFINITION = `<definition class="patch" id="oval:com.redhat.rhsa:def:20991234" version="1"><metadata><title>RHSA-2099:1234: bash (Important)</title><reference ref_id="RHSA-2099:1234" source="RHSA"/><advisory><severity>Important</severity><issued date="2024-01-01"/><cve>CVE-2099-1234</cve></advisory></metadata><criteria><criterion comment="bash is earlier than 0:5.1.8-9.el9" test_ref="x"/><criterion comment="bash is signed with Red Hat redhatrelease2 key" test_ref="y"/></criteria></definition>`;
const OVAL = `<?xml version="1.0"?><oval_definitions><definitions>${OVAL_DEFINITION}</definitions></oval_definitions>`;

/** Strings a hostile or broken file puts where names, ids and purls go. */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(...PROTO_NAMES),
  fc.constantFrom('pkg:rpm/redhat/%zz@1-1', 'pkg:rpm/redhat/a@%E0%A4%A?epoch=x', 'pkg:rpm/redhat/openssl@%', 'pkg:rpm//@', 'openssl-1:-.x86_64', 'CVE-2099-0001', 'a--1-1'),
  fc.constantFrom(...PROTO_NAMES).map((n) => `pkg:rpm/redhat/${n}@1.0-1.el9?epoch=1`),
  fc.constantFrom(...PROTO_NAMES).map((n) => `${n}-1:1.0-1.el9.x86_64`),
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `pkg:rpm/redhat/${a}@${b}`),
);
const jsonish = fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 3 }), nasty);

/** Replaces the value at a random path of a JSON document (a mutated valid document). */
function mutate(doc: unknown, path: readonly number[], value: unknown): unknown {
  if (path.length === 0 || doc === null || typeof doc !== 'object') return value;
  const [step, ...rest] = path as [number, ...number[]];
  if (Array.isArray(doc)) {
    if (doc.length === 0) return [value];
    const i = step % doc.length;
    return doc.map((v, j) => (j === i ? mutate(v, rest, value) : v));
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) return { [String(value).slice(0, 20)]: value };
  const key = keys[step % keys.length]!;
  return { ...(doc as Record<string, unknown>), [key]: mutate((doc as Record<string, unknown>)[key], rest, value) };
}
const mutatedCsaf = fc
  .array(fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 7 }), jsonish), { minLength: 1, maxLength: 4 })
  .map((edits) => edits.reduce<unknown>((doc, [path, value]) => mutate(doc, path, value), CSAF));

function expectUsable(index: VulnIndex): void {
  expect(index.version).toBe(1);
  for (const [name, records] of Object.entries(index.packages)) {
    expect(Array.isArray(records), `records of ${name}`).toBe(true);
    for (const r of records) expect(typeof r.cve).toBe('string');
  }
  for (const pkgs of Object.values(index.notAffected)) expect(Array.isArray(pkgs)).toBe(true);
  // The index survives being stored and loaded, and the matcher reads it for any installed names.
  const stored = JSON.parse(JSON.stringify(index)) as VulnIndex;
  const installed = [...Object.keys(index.packages), ...PROTO_NAMES, 'openssl', 'bash'].map((name) => ({ name, epoch: 0, version: '1.0', release: '1.el9' }));
  for (const candidate of [index, stored]) {
    const findings = matchVulnerabilities(installed, candidate, compareEvr);
    for (const f of findings) expect(typeof f.packageName).toBe('string');
  }
  const merged = emptyIndex(NOW);
  mergeIndex(merged, stored);
  expect(Object.keys(merged.packages).sort()).toEqual(Object.keys(stored.packages).sort());
}

describe('CSAF/VEX parsing under fuzzing', () => {
  it('reads arbitrary JSON values without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 6 }), fc.anything({ maxDepth: 4 })), (doc) => {
        expect(typeof isCsafDocument(doc)).toBe('boolean');
        expectUsable(parseCsaf(doc, 'x.json', NOW));
      }),
      { numRuns: 1500 },
    );
  });

  it('reads mutated valid documents without throwing, and the index stays usable', () => {
    fc.assert(
      fc.property(mutatedCsaf, (doc) => {
        expectUsable(parseCsaf(doc, 'cve.json', NOW));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads any purl and product id to a package or nothing', () => {
    fc.assert(
      fc.property(nasty, (text) => {
        for (const rpm of [rpmFromPurl(text), rpmFromProductId(text)]) if (rpm) expect(typeof rpm.name).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('regression: a malformed percent escape in a purl, and packages named like Object.prototype keys', () => {
    const doc = mutate(mutate(CSAF, [1, 0, 0, 0, 0, 0, 1, 0], 'pkg:rpm/redhat/%zz@1-1'), [2, 0, 1, 1, 0], 'constructor');
    expectUsable(parseCsaf(doc, 'cve.json', NOW));
    const proto = { ...CSAF, document: { ...CSAF.document, tracking: { ...CSAF.document.tracking, id: 'constructor' } }, vulnerabilities: [{ cve: '__proto__', product_status: { known_affected: ['constructor', 'toString'], known_not_affected: ['hasOwnProperty'] } }] };
    const index = parseCsaf(proto, 'cve.json', NOW);
    expectUsable(index);
    expect(index.packages.constructor).toEqual([expect.objectContaining({ cve: '__proto__', state: 'affected' })]);
  });

  it('regression: a severity that is an object without toString (found by this fuzz test in CI) is Unknown, not a crash', () => {
    const hostile = { toString: false };
    const doc = { ...CSAF, document: { ...CSAF.document, aggregate_severity: { text: hostile } }, vulnerabilities: CSAF.vulnerabilities.map((v) => ({ ...v, threats: [{ category: 'impact', details: hostile }] })) };
    expectUsable(parseCsaf(doc, 'cve.json', NOW));
    expect(normalizeSeverity(hostile)).toBe('Unknown');
    expect(normalizeSeverity(' Critical ')).toBe('Critical');
  });
});

const xmlPiece = fc.oneof(
  fc.constantFrom('<definition ', '</definition>', 'class="patch"', '<severity>', '</severity>', 'Critical', '<issued date="', '"/>', '<cve>', '</cve>', 'CVE-2024-1234', 'ref_id="RHSA-2024:0001"', 'ref_id="CVE-2024-9"', '<reference ', ' is earlier than ', 'comment="', '0:1.0-1.el9', '"', '>', '<', '&amp;', '&lt;', '\n'),
  fc.constantFrom(...PROTO_NAMES),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
);
const xmlish = fc.oneof(
  fc.string({ maxLength: 500 }),
  fc.array(xmlPiece, { maxLength: 60 }).map((parts) => parts.join('')),
  // A valid stream with a random cut and splice.
  fc.tuple(fc.nat(), fc.nat(), fc.array(xmlPiece, { maxLength: 6 })).map(([a, b, parts]) => {
    const i = a % (OVAL.length + 1);
    const j = Math.max(i, b % (OVAL.length + 1));
    return OVAL.slice(0, i) + parts.join('') + OVAL.slice(j);
  }),
  fc.constantFrom(...PROTO_NAMES).map((n) => OVAL.replace(/bash is earlier/, `${n} is earlier`).replace('CVE-2099-1234', 'CVE-0000-0')),
  // One piece repeated thousands of times inside a definition: the shape that makes regexes quadratic.
  fc.tuple(xmlPiece, fc.integer({ min: 1000, max: 4000 })).map(([p, n]) => `<definition class="patch">${p.repeat(n)}</definition>`),
);

describe('OVAL parsing under fuzzing', () => {
  it('reads XML-ish text without throwing, whole or in chunks, and the index stays usable', () => {
    fc.assert(
      fc.property(xmlish, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const index = parseOvalText(text, 'x.xml', NOW);
        expectUsable(index);
        // Streamed in arbitrary chunks, the splitter sees no definition the whole text lacks.
        const whole: string[] = [];
        new OvalDefinitionSplitter().push(text, (xml) => whole.push(xml));
        const chunked: string[] = [];
        const splitter = new OvalDefinitionSplitter();
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y);
        let from = 0;
        for (const p of [...points, text.length]) {
          splitter.push(text.slice(from, p), (xml) => chunked.push(xml));
          from = p;
        }
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('OVAL parsing of hostile sizes', () => {
  // Regression: `<reference[^>]*` rescanned to the end from each of 200k `<reference` (minutes of CPU);
  // without the bound this test runs into the test timeout.
  it('reads a 1 MB definition of unclosed tags without quadratic rescans', () => {
    for (const piece of ['<reference ', '<cve ', 'comment="x is earlier than ']) {
      const xml = `<definition class="patch">${piece.repeat(Math.floor((1024 * 1024) / piece.length))}</definition>`;
      expectUsable(parseOvalText(xml, 'hostile.xml', NOW));
    }
  });
});
