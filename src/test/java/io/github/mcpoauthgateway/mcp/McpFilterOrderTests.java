package io.github.mcpoauthgateway.mcp;

import java.util.Arrays;
import java.util.List;

import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import jakarta.servlet.Filter;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filters a request to the MCP endpoint passes through, in order: the servlet filters
 * Tomcat applies to it, and within Spring Security's the filters of the security chain
 * that matches it. The order is part of the design: the origin check before anything
 * else; after authorization the checks of headers alone, then the one filter that reads
 * the body; the answers to prompts and resources after every check. Stated for the
 * resource server alone: the embedded authorization server adds its database and session
 * filters.
 */
class McpFilterOrderTests extends AbstractMcpServerTests {

	@Autowired
	WebServerApplicationContext context;

	@Autowired
	FilterChainProxy springSecurityFilterChain;

	@Test
	void postWhenStatefulThenHeaderChecksThenBodyThenFeatureAnswers() {
		assertThat(servletFilters(this.context)).containsExactly("requestIdFilter", "characterEncodingFilter",
				"webMvcObservationFilter", "formContentFilter", "requestContextFilter", "springSecurityFilterChain",
				"mcpFeatureRequestFilter", "Tomcat WebSocket (JSR356) Filter");
		assertThat(securityFilters(this.springSecurityFilterChain)).containsExactly("DisableEncodeUrlFilter",
				"WebAsyncManagerIntegrationFilter", "SecurityContextHolderFilter", "HeaderWriterFilter",
				"OriginValidationFilter", "CorsFilter", "LogoutFilter", "OAuth2ProtectedResourceMetadataFilter",
				"BearerTokenAuthenticationFilter", "AuthenticationFilter", "SecurityContextHolderAwareRequestFilter",
				"AnonymousAuthenticationFilter", "SessionManagementFilter", "ExceptionTranslationFilter",
				"AuthorizationFilter", "ProtocolVersionFilter", "McpSessionBindingFilter", "ToolAuthorizationFilter");
	}

	@Test
	void otherChainsWhenBuiltThenWithoutTheEndpointFilters() {
		SecurityFilterChain endpointChain = chainFor(this.springSecurityFilterChain);
		assertThat(this.springSecurityFilterChain.getFilterChains()).filteredOn((chain) -> chain != endpointChain)
			.isNotEmpty()
			.allSatisfy((chain) -> assertThat(chain.getFilters())
				.noneMatch((filter) -> filter.getClass().getPackage() == McpEndpoint.class.getPackage()));
	}

	@Nested
	@TestPropertySource(properties = "mcp.stateless=true")
	class Stateless {

		// This class's own server: the enclosing instance has the stateful one.
		@Autowired
		WebServerApplicationContext context;

		@Autowired
		FilterChainProxy springSecurityFilterChain;

		@Test
		void postWhenStatelessThenNoSessionBindingAndJsonAnswersSentWhole() {
			assertThat(servletFilters(this.context)).containsExactly("requestIdFilter", "characterEncodingFilter",
					"webMvcObservationFilter", "formContentFilter", "requestContextFilter", "springSecurityFilterChain",
					"mcpJsonResponseFlushFilter", "mcpFeatureRequestFilter", "Tomcat WebSocket (JSR356) Filter");
			assertThat(securityFilters(this.springSecurityFilterChain)).containsExactly("DisableEncodeUrlFilter",
					"WebAsyncManagerIntegrationFilter", "SecurityContextHolderFilter", "HeaderWriterFilter",
					"OriginValidationFilter", "CorsFilter", "LogoutFilter", "OAuth2ProtectedResourceMetadataFilter",
					"BearerTokenAuthenticationFilter", "AuthenticationFilter",
					"SecurityContextHolderAwareRequestFilter", "AnonymousAuthenticationFilter",
					"SessionManagementFilter", "ExceptionTranslationFilter", "AuthorizationFilter",
					"ProtocolVersionFilter", "ToolAuthorizationFilter");
		}

	}

	/**
	 * The servlet filters Tomcat puts in front of the MCP servlet for a request, in
	 * Tomcat's order.
	 */
	private static List<String> servletFilters(WebServerApplicationContext context) {
		Context tomcat = (Context) ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().findChildren()[0];
		String servlet = tomcat.findServletMapping("/mcp");
		return Arrays.stream(tomcat.findFilterMaps())
			.filter((map) -> (map.getDispatcherMapping() & FilterMap.REQUEST) != 0)
			.filter((map) -> Arrays.asList(map.getServletNames()).contains(servlet)
					|| Arrays.stream(map.getURLPatterns()).anyMatch((pattern) -> matchesMcp(pattern)))
			.map(FilterMap::getFilterName)
			.toList();
	}

	private static boolean matchesMcp(String pattern) {
		return pattern.equals("/*") || pattern.equals("/mcp");
	}

	private static List<String> securityFilters(FilterChainProxy springSecurityFilterChain) {
		return chainFor(springSecurityFilterChain).getFilters()
			.stream()
			.map(Filter::getClass)
			.map(Class::getSimpleName)
			.toList();
	}

	/**
	 * The security chain Spring Security picks for a POST to the endpoint: the first that
	 * matches it.
	 */
	private static SecurityFilterChain chainFor(FilterChainProxy springSecurityFilterChain) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		return springSecurityFilterChain.getFilterChains()
			.stream()
			.filter((candidate) -> candidate.matches(request))
			.findFirst()
			.orElseThrow();
	}

}
