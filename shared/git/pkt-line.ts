/**
 * git's pkt-line framing (gitprotocol-common): four hex digits of length (including themselves),
 * then the payload; "0000" is a flush, "0001" a delimiter. The reference advertisement that
 * upload-pack sends first is read from it.
 */
export type Packet = { type: 'data'; payload: Uint8Array } | { type: 'flush' } | { type: 'delim' } | { type: 'response-end' };

export class PktLineError extends Error {}

export const FLUSH_PKT = '0000';
/** Largest pkt-line git allows (LARGE_PACKET_MAX). */
const MAX_PKT = 65520;

/** Incremental parser: feed chunks as they arrive, take the packets that are complete. */
export class PktLineParser {
  private buffer = new Uint8Array(0);

  push(chunk: Uint8Array): Packet[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    const packets: Packet[] = [];
    let pos = 0;
    while (joined.length - pos >= 4) {
      const head = String.fromCharCode(...joined.subarray(pos, pos + 4));
      if (!/^[0-9a-f]{4}$/i.test(head)) throw new PktLineError(`Not a pkt-line: ${JSON.stringify(head)}`);
      const length = parseInt(head, 16);
      if (length === 0) packets.push({ type: 'flush' });
      else if (length === 1) packets.push({ type: 'delim' });
      else if (length === 2) packets.push({ type: 'response-end' });
      else if (length < 4 || length > MAX_PKT) throw new PktLineError(`Bad pkt-line length ${length}`);
      else {
        if (joined.length - pos < length) break;
        packets.push({ type: 'data', payload: joined.slice(pos + 4, pos + length) });
        pos += length;
        continue;
      }
      pos += 4;
    }
    this.buffer = joined.slice(pos);
    return packets;
  }

  get pending(): number {
    return this.buffer.length;
  }
}

export interface RefAdvertisement {
  refs: Array<{ name: string; oid: string }>;
  capabilities: string[];
  /** Target of HEAD from the `symref=HEAD:<ref>` capability, e.g. refs/heads/main. */
  headTarget?: string;
  /** Set when the server answered `ERR <message>` instead of refs. */
  error?: string;
}

const textDecoder = new TextDecoder();

/**
 * Reads protocol v0/v1 advertisement packets up to the first flush: `<oid> <ref>\0<caps>` first,
 * then `<oid> <ref>`; an empty repository sends `<zero-oid> capabilities^{}`. A smart-HTTP
 * `# service=...` preamble (with its flush) is skipped by the caller passing `skipServiceHeader`.
 */
export function parseRefAdvertisement(packets: Packet[]): RefAdvertisement {
  const refs: RefAdvertisement['refs'] = [];
  let capabilities: string[] = [];
  let first = true;
  for (const packet of packets) {
    if (packet.type === 'flush') break;
    if (packet.type !== 'data') continue;
    let line = textDecoder.decode(packet.payload);
    if (line.endsWith('\n')) line = line.slice(0, -1);
    if (line.startsWith('ERR ')) return { refs: [], capabilities: [], error: line.slice(4) };
    if (first && line === 'version 1') continue;
    let refPart = line;
    if (first) {
      const nul = line.indexOf('\0');
      if (nul >= 0) {
        refPart = line.slice(0, nul);
        capabilities = line.slice(nul + 1).split(' ').filter(Boolean);
      }
      first = false;
    }
    const match = /^([0-9a-f]{40}|[0-9a-f]{64}) (.+)$/.exec(refPart);
    if (!match) throw new PktLineError('Malformed ref line in the advertisement');
    const name = match[2] as string;
    if (name === 'capabilities^{}') continue;
    refs.push({ oid: match[1] as string, name });
  }
  const symref = capabilities.find((c) => c.startsWith('symref=HEAD:'));
  return { refs, capabilities, ...(symref ? { headTarget: symref.slice('symref=HEAD:'.length) } : {}) };
}

/** The reading the user sees: branches under refs/heads and the default branch. */
export function summariseRefs(ad: RefAdvertisement): { branches: string[]; defaultBranch?: string } {
  const branches = ad.refs.filter((r) => r.name.startsWith('refs/heads/')).map((r) => r.name.slice('refs/heads/'.length));
  let defaultBranch = ad.headTarget?.startsWith('refs/heads/') ? ad.headTarget.slice('refs/heads/'.length) : undefined;
  if (!defaultBranch) {
    // Old servers without the symref capability: HEAD's oid matches the branch it points to.
    const head = ad.refs.find((r) => r.name === 'HEAD');
    const candidates = head ? ad.refs.filter((r) => r.name.startsWith('refs/heads/') && r.oid === head.oid) : [];
    defaultBranch = (candidates.find((r) => r.name === 'refs/heads/main') ?? candidates[0])?.name.slice('refs/heads/'.length);
  }
  return { branches, ...(defaultBranch ? { defaultBranch } : {}) };
}

export function describeRefs(summary: { branches: string[]; defaultBranch?: string }): string {
  const count = `${summary.branches.length} branch${summary.branches.length === 1 ? '' : 'es'}`;
  return summary.defaultBranch ? `${count}, default branch ${summary.defaultBranch}` : `${count}, no default branch`;
}
