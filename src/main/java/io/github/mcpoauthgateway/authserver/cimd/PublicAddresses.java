package io.github.mcpoauthgateway.authserver.cimd;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

import org.springframework.util.Assert;

/**
 * Whether an address may be fetched: only public unicast addresses, so that a client
 * metadata document URL cannot reach this server's own network (SSRF). IPv4 addresses
 * embedded in IPv6 ones (IPv4-mapped, NAT64, 6to4) are judged as IPv4.
 *
 * @see <a href=
 * "https://www.iana.org/assignments/iana-ipv4-special-registry/iana-ipv4-special-registry.xhtml">IANA
 * IPv4 Special-Purpose Address Registry</a>
 * @see <a href=
 * "https://www.iana.org/assignments/iana-ipv6-special-registry/iana-ipv6-special-registry.xhtml">IANA
 * IPv6 Special-Purpose Address Registry</a>
 */
public final class PublicAddresses {

	private PublicAddresses() {
	}

	/**
	 * Whether the address is a public unicast one.
	 * @param address the address to judge
	 * @return {@code false} for loopback, private, shared, link-local, multicast,
	 * reserved, documentation and transition addresses that embed one of these
	 */
	public static boolean isPublic(InetAddress address) {
		Assert.notNull(address, "address cannot be null");
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return isPublicIpv4(bytes);
		}
		if (address instanceof Inet6Address) {
			return isPublicIpv6(bytes);
		}
		return false;
	}

	private static boolean isPublicIpv4(byte[] bytes) {
		int a = bytes[0] & 0xff;
		int b = bytes[1] & 0xff;
		int c = bytes[2] & 0xff;
		return !(a == 0 // "this network", 0.0.0.0
				|| a == 10 // private
				|| (a == 100 && (b & 0xc0) == 64) // shared (CGNAT) 100.64/10
				|| a == 127 // loopback
				|| (a == 169 && b == 254) // link-local
				|| (a == 172 && (b & 0xf0) == 16) // private 172.16/12
				|| (a == 192 && b == 0 && (c == 0 || c == 2)) // IETF protocol, TEST-NET-1
				|| (a == 192 && b == 88 && c == 99) // 6to4 relay anycast
				|| (a == 192 && b == 168) // private
				|| (a == 198 && (b & 0xfe) == 18) // benchmarking 198.18/15
				|| (a == 198 && b == 51 && c == 100) // TEST-NET-2
				|| (a == 203 && b == 0 && c == 113) // TEST-NET-3
				|| a >= 224); // multicast 224/4, reserved 240/4, broadcast
	}

	private static boolean isPublicIpv6(byte[] bytes) {
		if (startsWithZeros(bytes, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
			return isPublicIpv4(Arrays.copyOfRange(bytes, 12, 16)); // IPv4-mapped
																	// ::ffff:0:0/96
		}
		if (startsWithZeros(bytes, 12)) {
			return false; // unspecified, loopback and the deprecated IPv4-compatible
							// ::/96
		}
		int first = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
		int second = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
		if (first == 0x0064 && second == 0xff9b && isZero(bytes, 4, 12)) {
			return isPublicIpv4(Arrays.copyOfRange(bytes, 12, 16)); // NAT64 64:ff9b::/96
		}
		if (first == 0x2002) {
			return isPublicIpv4(Arrays.copyOfRange(bytes, 2, 6)); // 6to4 2002::/16
		}
		// CAUTION: only global unicast 2000::/3 from here on; this refuses ULA fc00::/7,
		// link-local fe80::/10, site-local fec0::/10, multicast ff00::/8, discard
		// 100::/64
		// and the local-use NAT64 prefix 64:ff9b:1::/48.
		if ((first & 0xe000) != 0x2000) {
			return false;
		}
		boolean ietfProtocol = first == 0x2001 && second < 0x0200; // 2001::/23, with
																	// Teredo 2001::/32
		boolean documentation = (first == 0x2001 && second == 0x0db8) || (first == 0x3fff && second < 0x1000);
		return !ietfProtocol && !documentation;
	}

	private static boolean startsWithZeros(byte[] bytes, int count) {
		return isZero(bytes, 0, count);
	}

	private static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

}
