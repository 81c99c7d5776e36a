/**
 * Leading bits of an IPv6 address that stand for one client. Any host has a whole /64 to pick
 * addresses from, and an ISP commonly gives one customer a /56: counting by single addresses
 * would give an IPv6 client billions of fresh starts.
 */
const IPV6_CLIENT_PREFIX_BITS = 56;

/** The eight 16-bit groups of an IPv6 address (a zone and an IPv4 tail allowed). */
function groupsOf(address: string): number[] {
  let text = address.split('%')[0];
  const ipv4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (ipv4Tail) {
    const [a, b, c, d] = ipv4Tail.slice(1).map(Number);
    text = `${text.slice(0, ipv4Tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16) || 0);
}

/**
 * The address a request counts as for per-address limits (failed authentications, anonymous
 * callers' rate limit): an IPv4 address as it is, an IPv4-mapped IPv6 address as its IPv4
 * address, and any other IPv6 address as its /56 (`2001:db8:1:200:0:0:0:0/56`).
 */
export function clientAddressOf(ip: string): string {
  if (!ip.includes(':')) return ip;
  const groups = groupsOf(ip);
  if (groups.length !== 8) return ip;
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  const kept = groups.map((group, index) => {
    const bits = Math.min(16, Math.max(0, IPV6_CLIENT_PREFIX_BITS - 16 * index));
    return (group & ((0xffff << (16 - bits)) & 0xffff)).toString(16);
  });
  return `${kept.join(':')}/${IPV6_CLIENT_PREFIX_BITS}`;
}
