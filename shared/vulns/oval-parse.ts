import { addRecord, emptyIndex, noteDocumentDate, normalizeSeverity, parseEvr, type VulnIndex } from './vuln-index';

/**
 * Red Hat OVAL v2 streams: each `<definition class="patch">` names an advisory, its severity, its
 * CVEs and criteria "openssl is earlier than 1:1.1.1k-9.el8_7". Read definition by definition so a
 * large stream never sits in memory whole; anything unrecognised is skipped.
 */
export class OvalDefinitionSplitter {
  private buffer = '';
  /** A definition longer than this is broken or hostile: dropped. */
  private static readonly MAX_DEFINITION = 8 * 1024 * 1024;

  push(text: string, onDefinition: (xml: string) => void): void {
    this.buffer += text;
    while (true) {
      const start = this.buffer.indexOf('<definition ');
      if (start < 0) {
        this.buffer = this.buffer.slice(-64);
        return;
      }
      const end = this.buffer.indexOf('</definition>', start);
      if (end < 0) {
        this.buffer = this.buffer.slice(start);
        if (this.buffer.length > OvalDefinitionSplitter.MAX_DEFINITION) this.buffer = '';
        return;
      }
      onDefinition(this.buffer.slice(start, end + '</definition>'.length));
      this.buffer = this.buffer.slice(end + '</definition>'.length);
    }
  }
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function addOvalDefinition(index: VulnIndex, xml: string): boolean {
  if (!/class="patch"/.test(xml.slice(0, 300))) return false;
  const severity = normalizeSeverity(/<severity>([^<]*)<\/severity>/.exec(xml)?.[1]);
  const issued = /<issued\s+date="([^"]+)"/.exec(xml)?.[1];
  // Attribute runs are bounded: an unbounded `[^>]*` rescans to the end from every `<reference` of a
  // hostile 8 MB definition (quadratic, minutes). Real attributes are far shorter.
  const advisory = /<reference[^>]{0,1000}ref_id="(RH[SBE]A-\d{4}:\d+)"/.exec(xml)?.[1];
  const cves = new Set<string>();
  for (const m of xml.matchAll(/<cve[^>]{0,1000}>(CVE-\d{4}-\d+)<\/cve>/g)) cves.add(m[1]!);
  for (const m of xml.matchAll(/ref_id="(CVE-\d{4}-\d+)"/g)) cves.add(m[1]!);
  if (cves.size === 0 && advisory) cves.add(advisory);
  noteDocumentDate(index, issued);
  let added = false;
  for (const m of xml.matchAll(/comment="([^"]{1,1000}) is earlier than ([^"]{1,1000})"/g)) {
    const name = decode(m[1]!).trim();
    const fixed = decode(m[2]!).trim();
    if (!parseEvr(fixed)) continue;
    for (const cve of cves) {
      addRecord(index, name, {
        cve,
        severity,
        state: 'fixed',
        fixed: fixed.replace(/^0:/, ''),
        ...(advisory ? { advisory } : {}),
        ...(issued ? { released: issued } : {}),
      });
      added = true;
    }
  }
  return added;
}

export function parseOvalText(text: string, file: string, now: Date): VulnIndex {
  const index = emptyIndex(now);
  let definitions = 0;
  new OvalDefinitionSplitter().push(text, (xml) => {
    if (addOvalDefinition(index, xml)) definitions += 1;
  });
  index.sources.push({ file, kind: 'oval', documents: definitions });
  return index;
}
