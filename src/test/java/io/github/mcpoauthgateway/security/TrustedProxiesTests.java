package io.github.mcpoauthgateway.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

import io.github.mcpoauthgateway.McpOAuthGatewayApplication;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may set {@code X-Forwarded-*}: by default the private ranges and loopback, and only
 * the configured proxies (the load balancer's subnets) when narrowed; from anyone else
 * the headers are ignored.
 */
class TrustedProxiesTests {

	static final String DOCUMENTED_DEFAULT = "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 127.0.0.0/8, ::1/128, fc00::/7";

	static ConfigurableApplicationContext start(String... extra) {
		int port = TestSocketUtils.findAvailableTcpPort();
		String[] base = { "--server.port=" + port, "--spring.profiles.active=local", "--dev.user-password=u-pw-1",
				"--dev.admin-password=a-pw-1", "--dev.client-secret=c-secret-1" };
		String[] all = Arrays.copyOf(base, base.length + extra.length);
		System.arraycopy(extra, 0, all, base.length, extra.length);
		return new SpringApplicationBuilder(McpOAuthGatewayApplication.class).run(all);
	}

	/**
	 * Where the server sends a browser to sign in: built from the request's scheme and
	 * host, so from forwarded headers when it trusts them.
	 */
	static String loginRedirectWithForwardedHeaders(ConfigurableApplicationContext context) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/oauth2/authorize?response_type=code&client_id=mcp-cli&redirect_uri=http://127.0.0.1/callback"
				+ "&scope=mcp:tools&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"))
			.header("Accept", "text/html")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "spoofed.example.test")
			.header("X-Forwarded-Port", "443")
			.build();
		HttpResponse<Void> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(302);
		return response.headers().firstValue("Location").orElseThrow();
	}

	@Test
	void serverWhenDefaultsThenTrustsExactlyTheDocumentedPrivateRangesAndLoopback() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			RemoteIpValve valve = remoteIpValve(context);
			// Tomcat keeps the CIDR list as a set: compare the entries, not their order.
			assertThat(valve.getInternalProxies().split(",\\s*"))
				.containsExactlyInAnyOrder(DOCUMENTED_DEFAULT.split(",\\s*"));
			// Loopback (a sidecar proxy) is trusted by default.
			assertThat(loginRedirectWithForwardedHeaders(context)).startsWith("https://spoofed.example.test/login");
		}
	}

	@Test
	void requestWhenFromAnAddressOutsideTheConfiguredProxiesThenForwardedHeadersIgnored() throws Exception {
		try (ConfigurableApplicationContext context = start(
				"--server.tomcat.remoteip.internal-proxies=10.0.0.0/24, 10.0.1.0/24")) {
			String location = loginRedirectWithForwardedHeaders(context);
			assertThat(location).startsWith("http://localhost:").doesNotContain("spoofed");
		}
	}

	private static RemoteIpValve remoteIpValve(ConfigurableApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
		for (Valve valve : server.getTomcat().getEngine().getPipeline().getValves()) {
			if (valve instanceof RemoteIpValve remoteIp) {
				return remoteIp;
			}
		}
		throw new AssertionError("no RemoteIpValve");
	}

}
