/** Rate limits of public routes count per network, not per address. */
/** The network a client is in: its IPv4 /24 or IPv6 /64, so one host cannot dodge the cap by hopping addresses. */
export function networkOf(ip: string | null): string | null {
  if (!ip) return null;
  const v4 = ip.replace(/^::ffff:/i, "").match(/^(\d+\.\d+\.\d+)\.\d+$/);
  if (v4) return `${v4[1]}.0/24`;
  if (!ip.includes(":")) return ip;
  const parts = ip.toLowerCase().split("::");
  const head = parts[0] ? parts[0].split(":") : [];
  const tail = parts[1] ? parts[1].split(":") : [];
  const full = parts.length === 2 ? [...head, ...Array<string>(Math.max(0, 8 - head.length - tail.length)).fill("0"), ...tail] : head;
  return `${full.slice(0, 4).map((g) => g.replace(/^0+/, "") || "0").join(":")}::/64`;
}
