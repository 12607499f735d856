/**
 * The client's address, for per-address rate limits. `X-Forwarded-For` is believed only as far
 * as TRUST_PROXY says: by default not at all (anyone can send the header), else a number of
 * proxy hops in front of us or a list of the proxies' addresses/CIDRs.
 */
import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export type TrustProxy =
  | { kind: 'none' }
  | { kind: 'hops'; hops: number }
  | { kind: 'list'; entries: string[]; list: BlockList };

/** Without a socket (`app.request()` in tests, or a non-Node runtime) every client shares this. */
export const UNKNOWN_ADDRESS = 'unknown';

const KEYWORDS: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** "::ffff:10.0.0.1" → "10.0.0.1"; "[::1]" → "::1"; anything that is not an IP → null. */
function normaliseIp(raw: string): string | null {
  let s = raw.trim();
  if (s.startsWith('[') && s.includes(']')) s = s.slice(1, s.indexOf(']'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(s);
  if (mapped) s = mapped[1]!;
  return isIP(s) ? s.toLowerCase() : null;
}

const family = (ip: string) => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');

/**
 * TRUST_PROXY: unset/"false"/"0" → trust nobody; a number → that many proxy hops; otherwise a
 * comma- or space-separated list of addresses, CIDRs and the words `loopback`, `private`.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const s = (raw ?? '').trim();
  if (s === '' || s === 'false' || s === '0') return { kind: 'none' };
  if (/^\d+$/.test(s)) {
    const hops = Number(s);
    if (hops > 10) throw new Error('at most 10 proxy hops');
    return { kind: 'hops', hops };
  }
  const entries = s.split(/[\s,]+/).filter(Boolean);
  const list = new BlockList();
  for (const entry of entries.flatMap((e) => KEYWORDS[e] ?? [e])) {
    const [addr, prefix, extra] = entry.split('/');
    const ip = normaliseIp(addr ?? '');
    if (!ip || extra !== undefined) throw new Error(`"${entry}" is not an address, a CIDR, "loopback" or "private"`);
    if (prefix === undefined) {
      list.addAddress(ip, family(ip));
      continue;
    }
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 0 && bits <= (family(ip) === 'ipv6' ? 128 : 32))) throw new Error(`"${entry}" has a bad prefix length`);
    list.addSubnet(ip, bits, family(ip));
  }
  return { kind: 'list', entries, list };
}

function socketAddress(c: Context): string | null {
  try {
    const a = getConnInfo(c).remote.address;
    return a ? normaliseIp(a) : null;
  } catch {
    return null; // no Node socket behind this request (app.request() in tests)
  }
}

export function clientAddress(c: Context, trust: TrustProxy): string {
  const socket = socketAddress(c);
  if (trust.kind === 'none' || !socket) return socket ?? UNKNOWN_ADDRESS;
  // The chain as seen from us: the socket peer, then X-Forwarded-For from the right (nearest
  // proxy first). Each trusted hop vouches for the entry to its left.
  const forwarded = (c.req.header('X-Forwarded-For') ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .reverse();
  const chain = [socket, ...forwarded];
  if (trust.kind === 'hops') {
    const i = Math.min(trust.hops, chain.length - 1);
    // Past the hops we trust, an entry that is not an address is noise: keep the last good one.
    for (let j = i; j >= 0; j--) {
      const ip = normaliseIp(chain[j]!);
      if (ip) return ip;
    }
    return socket;
  }
  let last = socket;
  for (const raw of chain) {
    const ip = normaliseIp(raw);
    if (!ip) return last;
    if (!trust.list.check(ip, family(ip))) return ip;
    last = ip;
  }
  return last; // every hop is one of our proxies: the leftmost is as far as we can see
}

/**
 * What a per-address limit counts: an IPv4 address, or an IPv6 address's /64 — one subscriber
 * line usually gets a whole /64, so counting single IPv6 addresses would be no limit at all.
 */
export function addressBucket(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  // Expand "::" so the first four groups are the /64 prefix.
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups.slice(0, 4).map((g) => (g.replace(/^0+/, '') || '0').toLowerCase()).join(':')}::/64`;
}
