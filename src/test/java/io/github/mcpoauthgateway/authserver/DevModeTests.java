package io.github.mcpoauthgateway.authserver;

import java.net.InetAddress;

import io.github.mcpoauthgateway.testsupport.AbstractDevStackTests;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What makes the local stack safe to run on a laptop.
 */
class DevModeTests extends AbstractDevStackTests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void serverWhenDevModeThenListensOnLoopbackOnly() {
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		assertThat(connector.getProperty("address")).isInstanceOfSatisfying(InetAddress.class,
				(address) -> assertThat(address.isLoopbackAddress()).isTrue());
	}

}
