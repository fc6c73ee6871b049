package io.github.mcpoauthgateway.authserver.cimd;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for DNS: host names map to chosen addresses, and lookups are counted.
 */
final class StubResolver implements AddressResolver {

	private final Map<String, List<InetAddress>> hosts = new ConcurrentHashMap<>();

	private final AtomicInteger lookups = new AtomicInteger();

	/** Maps a host to IP literals, which are parsed without any lookup. */
	StubResolver map(String host, String... addresses) {
		this.hosts.put(host, List.of(addresses).stream().map(StubResolver::literal).toList());
		return this;
	}

	int lookups() {
		return this.lookups.get();
	}

	@Override
	public List<InetAddress> resolve(String host) throws UnknownHostException {
		this.lookups.incrementAndGet();
		List<InetAddress> addresses = this.hosts.get(host);
		if (addresses == null) {
			throw new UnknownHostException(host);
		}
		return addresses;
	}

	/**
	 * An address from a literal, keeping IPv4-mapped IPv6 addresses as IPv6 (which
	 * {@link InetAddress#getByName} would turn into IPv4).
	 */
	static InetAddress literal(String literal) {
		try {
			InetAddress parsed = InetAddress.getByName(literal);
			if (literal.contains(":") && parsed.getAddress().length == 4) {
				byte[] mapped = new byte[16];
				mapped[10] = (byte) 0xff;
				mapped[11] = (byte) 0xff;
				System.arraycopy(parsed.getAddress(), 0, mapped, 12, 4);
				return Inet6Address.getByAddress(null, mapped, -1);
			}
			return parsed;
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(literal, ex);
		}
	}

}
