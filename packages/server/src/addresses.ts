import { BlockList, isIP } from 'node:net';

/** Ranges no webhook may reach unless its host is allowed, each with what it is; the first match names it. */
const INTERNAL_RANGES: ReadonlyArray<readonly [what: string, cidrs: readonly string[]]> = [
  ['the cloud metadata address', ['169.254.169.254/32', 'fd00:ec2::254/128']],
  ['a loopback address', ['127.0.0.0/8', '::1/128']],
  ['a private address', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fec0::/10']],
  ['a link-local address', ['169.254.0.0/16', 'fe80::/10']],
  ['a shared (CGNAT) address', ['100.64.0.0/10']],
  ['an unspecified ("this network") address', ['0.0.0.0/8', '::/128']],
  ['a multicast address', ['224.0.0.0/4', 'ff00::/8']],
  ['a reserved address', ['240.0.0.0/4']],
];

/** The names `proxy-addr` (and so Fastify's `trustProxy`) knows, as the ranges they stand for. */
const NAMED_RANGES: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

function familyOf(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

function blockList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefix] = cidr.split('/');
    if (prefix === undefined) list.addAddress(address, familyOf(address));
    else list.addSubnet(address, Number(prefix), familyOf(address));
  }
  return list;
}

const INTERNAL = INTERNAL_RANGES.map(([what, cidrs]) => ({ what, list: blockList(cidrs) }));
/** IPv6 forms that carry an IPv4 address in their last 32 bits: mapped, compatible (deprecated) and NAT64. */
const EMBEDS_IPV4 = blockList(['::ffff:0:0/96', '::/96', '64:ff9b::/96']);

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted quad read). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/** An address in its plainest form: IPv6 brackets dropped, an IPv4 address carried in IPv6 unwrapped. */
export function plainAddress(address: string): string {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare) !== 6 || bare === '::' || bare === '::1' || !EMBEDS_IPV4.check(bare, 'ipv6')) return bare;
  const groups = ipv6Groups(bare);
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * What kind of internal address `address` is — loopback, private, link-local, CGNAT, unspecified,
 * multicast, reserved or the cloud metadata address — or `undefined` for a public one.
 *
 * @example internalKind('127.0.0.1') // 'a loopback address'
 */
export function internalKind(address: string): string | undefined {
  const plain = plainAddress(address);
  if (!isIP(plain)) return undefined;
  return INTERNAL.find(({ list }) => list.check(plain, familyOf(plain)))?.what;
}

/**
 * Whether `entry` names addresses: an IP, a CIDR (`10.0.0.0/8`) or one of `proxy-addr`'s names
 * (`loopback`, `linklocal`, `uniquelocal`).
 */
export function isAddressOrRange(entry: string): boolean {
  if (entry in NAMED_RANGES) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Addresses and CIDRs with `proxy-addr`'s names written out, for Fastify's `trustProxy`. */
export function expandRanges(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => NAMED_RANGES[entry] ?? [entry]);
}

/** A check whether an address falls in `entries` (IPs, CIDRs or `proxy-addr`'s names). */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = blockList(expandRanges(entries));
  return (address) => {
    const plain = plainAddress(address);
    return isIP(plain) !== 0 && list.check(plain, familyOf(plain));
  };
}
