package io.github.mcpoauthgateway.authserver.cimd;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to the addresses a fetch may connect to; replaceable so tests can
 * stand in for DNS.
 */
@FunctionalInterface
interface AddressResolver {

	/** The resolver of the JVM, which asks the system's name service. */
	AddressResolver SYSTEM = (host) -> List.of(InetAddress.getAllByName(host));

	/**
	 * All addresses of the host.
	 * @param host a host name or an IP literal, without brackets
	 * @return the addresses, never empty
	 * @throws UnknownHostException if the host has none
	 */
	List<InetAddress> resolve(String host) throws UnknownHostException;

}
