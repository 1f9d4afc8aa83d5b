import { addNotAffected, addRecord, emptyIndex, noteDocumentDate, normalizeSeverity, parseEvr, type VulnIndex } from './vuln-index';

/**
 * Red Hat CSAF advisories and per-CVE VEX files (CSAF 2.0 JSON). Products are RPMs named by purl
 * (`pkg:rpm/redhat/openssl@1.1.1k-9.el8_7?arch=x86_64&epoch=1`) or by a NEVRA product id; fixed
 * products live under `platform:product` relationship ids. Unknown shapes are skipped, never thrown.
 */

type Json = Record<string, unknown>;

const asObj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

interface ProductRpm {
  name: string;
  evr?: string;
}

export function isCsafDocument(doc: unknown): boolean {
  const d = asObj(asObj(doc)?.document);
  return !!d && typeof d.csaf_version === 'string';
}

export function parseCsaf(doc: unknown, file: string, now: Date): VulnIndex {
  const index = emptyIndex(now);
  const root = asObj(doc);
  const document = asObj(root?.document);
  if (!root || !document) return index;
  const tracking = asObj(document.tracking);
  const trackingId = asStr(tracking?.id) ?? '';
  const released = asStr(tracking?.initial_release_date) ?? asStr(tracking?.current_release_date);
  noteDocumentDate(index, asStr(tracking?.current_release_date) ?? released);
  const aggregate = normalizeSeverity(asObj(document.aggregate_severity)?.text);
  const isVex = /^CVE-/i.test(trackingId) || asStr(document.category) === 'csaf_vex';
  index.sources.push({ file, kind: isVex ? 'vex' : 'csaf', documents: 1 });

  const products = new Map<string, ProductRpm>();
  collectBranches(asObj(root.product_tree)?.branches, products);
  for (const rel of asArr(asObj(root.product_tree)?.relationships)) {
    const r = asObj(rel);
    const full = asObj(r?.full_product_name);
    const id = asStr(full?.product_id);
    const ref = asStr(r?.product_reference);
    if (!id || !ref) continue;
    const rpm = products.get(ref) ?? rpmFromProductId(ref);
    if (rpm) products.set(id, rpm);
  }
  const resolve = (id: string): ProductRpm | undefined => products.get(id) ?? rpmFromProductId(id.includes(':') ? id.slice(id.indexOf(':') + 1) : id);

  for (const v of asArr(root.vulnerabilities)) {
    const vuln = asObj(v);
    if (!vuln) continue;
    const cve = asStr(vuln.cve) ?? (/^CVE-/i.test(trackingId) ? trackingId : undefined);
    if (!cve) continue;
    const severityOf = (productId: string) => {
      for (const t of asArr(vuln.threats)) {
        const threat = asObj(t);
        if (asStr(threat?.category) !== 'impact') continue;
        const ids = asArr(threat?.product_ids);
        if (ids.length === 0 || ids.includes(productId)) return normalizeSeverity(threat?.details);
      }
      return aggregate;
    };
    const advisoryOf = (productId: string): string | undefined => {
      for (const rem of asArr(vuln.remediations)) {
        const remediation = asObj(rem);
        if (asStr(remediation?.category) !== 'vendor_fix') continue;
        const ids = asArr(remediation?.product_ids);
        if (ids.length > 0 && !ids.includes(productId)) continue;
        const url = asStr(remediation?.url) ?? '';
        const m = /(RH[SBE]A-\d{4}:\d+)/.exec(url) ?? /(RH[SBE]A-\d{4}:\d+)/.exec(asStr(remediation?.details) ?? '');
        if (m) return m[1];
      }
      return /^RH[SBE]A-/.test(trackingId) ? trackingId : undefined;
    };
    const vulnReleased = asStr(vuln.release_date) ?? released;
    const status = asObj(vuln.product_status);
    for (const id of asArr(status?.fixed).map(asStr)) {
      if (!id) continue;
      const rpm = resolve(id);
      if (!rpm?.evr) continue;
      const advisory = advisoryOf(id);
      addRecord(index, rpm.name, {
        cve,
        severity: severityOf(id),
        state: 'fixed',
        fixed: rpm.evr,
        ...(advisory ? { advisory } : {}),
        ...(vulnReleased ? { released: vulnReleased } : {}),
      });
    }
    for (const id of [...asArr(status?.known_affected), ...asArr(status?.under_investigation)].map(asStr)) {
      if (!id) continue;
      const rpm = resolve(id);
      if (!rpm) continue;
      addRecord(index, rpm.name, { cve, severity: severityOf(id), state: 'affected', ...(vulnReleased ? { released: vulnReleased } : {}) });
    }
    for (const id of asArr(status?.known_not_affected).map(asStr)) {
      if (!id) continue;
      const rpm = resolve(id);
      if (rpm) addNotAffected(index, cve, rpm.name);
    }
  }
  return index;
}

function collectBranches(branches: unknown, out: Map<string, ProductRpm>, depth = 0): void {
  if (depth > 12) return;
  for (const b of asArr(branches)) {
    const branch = asObj(b);
    if (!branch) continue;
    const product = asObj(branch.product);
    const id = asStr(product?.product_id);
    if (id) {
      const purl = asStr(asObj(product?.product_identification_helper)?.purl);
      const rpm = (purl ? rpmFromPurl(purl) : undefined) ?? rpmFromProductId(id);
      if (rpm) out.set(id, rpm);
    }
    collectBranches(branch.branches, out, depth + 1);
  }
}

/** `pkg:rpm/redhat/openssl@1.1.1k-9.el8_7?arch=x86_64&epoch=1` → openssl, 1:1.1.1k-9.el8_7. */
export function rpmFromPurl(purl: string): ProductRpm | undefined {
  const m = /^pkg:rpm\/[^/]+\/([^@?#]+)(?:@([^?#]+))?(?:\?([^#]*))?/.exec(purl);
  if (!m) return undefined;
  const name = percentDecode(m[1]!);
  if (name === undefined) return undefined;
  const version = m[2] === undefined ? undefined : percentDecode(m[2]);
  if (!version) return { name };
  const params = new URLSearchParams(m[3] ?? '');
  const epoch = params.get('epoch');
  const evr = `${epoch && epoch !== '0' ? `${epoch}:` : ''}${version}`;
  return parseEvr(evr) ? { name, evr } : { name };
}

/** A malformed escape (`%zz`) makes the purl unusable, not the document unreadable. */
function percentDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** `openssl-1:1.1.1k-9.el8_7.x86_64` (NEVRA) or a bare component name (`openssl`, as VEX uses for affected). */
export function rpmFromProductId(id: string): ProductRpm | undefined {
  const nevra = /^(.+)-(?:(\d+):)?([^-:]+)-([^-:]+?)(?:\.(x86_64|aarch64|ppc64le|s390x|noarch|src|i686|i386))?$/.exec(id);
  if (nevra && /\d/.test(nevra[3]!)) {
    const evr = `${nevra[2] && nevra[2] !== '0' ? `${nevra[2]}:` : ''}${nevra[3]}-${nevra[4]}`;
    return { name: nevra[1]!, evr };
  }
  if (/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(id)) return { name: id };
  return undefined;
}
