import { ip2long, long2ip, Netmask } from "netmask";

/** Broadest range accepted as a client network: anything wider is the internet. */
export const MIN_CLIENT_PREFIX_LENGTH = 8;

/** A parsed IPv4 CIDR block in canonical form (no host bits set). */
export interface Ipv4Cidr {
  readonly block: Netmask;
  readonly prefixLength: number;
}

/**
 * Parses an IPv4 CIDR block, returning a reason instead of throwing so that callers can report
 * every problem at once. Non-canonical input (`10.0.0.1/16`) is refused: the reviewer of the
 * generated Terraform should see exactly the range that is opened.
 */
export function parseIpv4Cidr(text: string): Ipv4Cidr | { readonly reason: string } {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) {
    return { reason: "is not an IPv4 CIDR block such as 10.0.0.0/16" };
  }
  const [address = "", prefix = ""] = text.split("/");
  if (/(^|\.)0\d/.test(address) || /^0\d/.test(prefix)) {
    // Netmask, like inet_aton, would read 010 as octal 8: the block would not be the one meant.
    const plain = `${address
      .split(".")
      .map((octet) => String(Number.parseInt(octet, 10)))
      .join(".")}/${String(Number.parseInt(prefix, 10))}`;
    return { reason: `has leading zeros, which are not allowed (some tools read them as octal); write ${plain}` };
  }
  let block: Netmask;
  try {
    block = new Netmask(text);
  } catch {
    return { reason: "is not a valid IPv4 CIDR block (octets 0-255, prefix length 0-32)" };
  }
  const canonical = `${block.base}/${block.bitmask}`;
  if (canonical !== text) {
    return { reason: `has host bits set; the block it denotes is ${canonical}` };
  }
  return { block, prefixLength: block.bitmask };
}

/** True when the inner block lies entirely inside the outer block. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return outer.block.contains(inner.block);
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.block.contains(b.block.base) || b.block.contains(a.block.base);
}

/** Addresses AWS keeps in every subnet: the first four and the last. */
const AWS_RESERVED_HEAD = 4;

/** The `index`th address of a block (0 is the network address). */
export function nthAddress(cidr: Ipv4Cidr, index: number): string {
  return long2ip(ip2long(cidr.block.base) + index);
}

/**
 * Why `address` cannot be given to an interface in `subnet`, or undefined when it can: outside
 * the subnet, or one of the five addresses AWS reserves in each subnet.
 */
export function unusableInSubnet(address: string, subnet: Ipv4Cidr): string | undefined {
  if (
    !/^\d{1,3}(\.\d{1,3}){3}$/.test(address) ||
    address.split(".").some((octet) => Number(octet) > 255 || /^0\d/.test(octet))
  ) {
    return "is not an IPv4 address such as 10.0.0.10";
  }
  if (!subnet.block.contains(address)) {
    return `is outside its subnet ${subnet.block.toString()}`;
  }
  const offset = ip2long(address) - ip2long(subnet.block.base);
  if (offset < AWS_RESERVED_HEAD || address === subnet.block.broadcast) {
    return `is one of the five addresses AWS reserves in ${subnet.block.toString()} (the first four and the last)`;
  }
  return undefined;
}
