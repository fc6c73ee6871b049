package io.github.mcpoauthgateway.operations;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A separate management port listens on loopback unless told otherwise, and nothing is
 * set without one (Spring Boot refuses an address for a port it shares).
 */
class ManagementAddressDefaultTests {

	private static String addressAfter(MockEnvironment environment) {
		new ManagementAddressDefault().postProcessEnvironment(environment, new SpringApplication());
		return environment.getProperty(ManagementAddressDefault.ADDRESS);
	}

	@Test
	void postProcessWhenSeparatePortThenLoopback() {
		assertThat(addressAfter(new MockEnvironment().withProperty("management.server.port", "9090")))
			.isEqualTo("127.0.0.1");
		assertThat(addressAfter(
				new MockEnvironment().withProperty("management.server.port", "0").withProperty("server.port", "0")))
			.isEqualTo("127.0.0.1");
	}

	@Test
	void postProcessWhenAddressGivenThenKept() {
		assertThat(addressAfter(new MockEnvironment().withProperty("management.server.port", "9090")
			.withProperty("management.server.address", "10.0.1.5"))).isEqualTo("10.0.1.5");
	}

	@Test
	void postProcessWhenNoSeparatePortThenNothingSet() {
		assertThat(addressAfter(new MockEnvironment())).isNull();
		assertThat(addressAfter(new MockEnvironment().withProperty("management.server.port", "8080"))).isNull();
		assertThat(addressAfter(new MockEnvironment().withProperty("management.server.port", "9000")
			.withProperty("server.port", "9000"))).isNull();
		assertThat(addressAfter(new MockEnvironment().withProperty("management.server.port", "-1"))).isNull();
	}

}
