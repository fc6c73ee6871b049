package io.github.mcpoauthgateway.authserver.cimd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PublicAddressesTests {

	@ParameterizedTest
	@ValueSource(strings = { "8.8.8.8", "1.1.1.1", "93.184.215.14", "100.63.255.255", "100.128.0.0", "172.15.255.255",
			"172.32.0.1", "192.169.0.1", "198.20.0.1", "223.255.255.254", "2606:4700::1111", "2001:4860:4860::8888",
			"2a00:1450:4001:82b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2001:200::1" })
	void isPublicWhenGlobalUnicastThenTrue(String address) {
		assertThat(PublicAddresses.isPublic(StubResolver.literal(address))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// IPv4: "this network", private, shared, loopback, link-local
			"0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.255", "127.0.0.1",
			"127.1.2.3", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.168.255.255",
			// IPv4: IETF protocol, documentation, benchmarking, 6to4 relay, multicast,
			// reserved, broadcast
			"192.0.0.1", "192.0.0.170", "192.0.2.1", "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9",
			"192.88.99.1", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
			// IPv6: unspecified, loopback, IPv4-compatible, IPv4-mapped private or
			// loopback
			"::", "::1", "::10.0.0.1", "::8.8.8.8", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
			// NAT64 with a private IPv4, local-use NAT64, 6to4 with a private IPv4
			"64:ff9b::a00:1", "64:ff9b::7f00:1", "64:ff9b:1::808:808", "2002:a00:1::1", "2002:7f00:1::",
			// Teredo, benchmarking, ORCHID, documentation
			"2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:2::1", "2001:20::1", "2001:db8::1", "3fff::1",
			// link-local, site-local, unique local, multicast, discard
			"fe80::1", "febf::1", "fec0::1", "fc00::1", "fd12:3456:789a::1", "ff02::1", "ff0e::1", "100::1" })
	void isPublicWhenNotGlobalUnicastThenFalse(String address) {
		assertThat(PublicAddresses.isPublic(StubResolver.literal(address))).isFalse();
	}

	@Test
	void isPublicWhenIpv4MappedKeptAsIpv6ThenEmbeddedAddressJudged() {
		assertThat(StubResolver.literal("::ffff:10.0.0.1").getAddress()).hasSize(16);
		assertThat(PublicAddresses.isPublic(StubResolver.literal("::ffff:10.0.0.1"))).isFalse();
	}

	@Test
	void isPublicWhenNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> PublicAddresses.isPublic(null));
	}

}
