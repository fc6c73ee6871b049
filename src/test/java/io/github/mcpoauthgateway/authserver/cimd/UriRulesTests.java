package io.github.mcpoauthgateway.authserver.cimd;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UriRulesTests {

	@Nested
	class ClientId {

		@ParameterizedTest
		@ValueSource(strings = { "https://claude.ai/oauth/claude-code-client-metadata",
				"https://vscode.dev/oauth/client-metadata.json", "https://app.example.com:8443/.well-known/client",
				"https://app.example.com/clients/", "https://app.example.com/a/..b/c.d" })
		void clientIdProblemWhenHttpsUrlWithPathThenNone(String url) {
			assertThat(UriRules.clientIdProblem(url, false)).isNull();
		}

		@ParameterizedTest
		@CsvSource(delimiter = '|', textBlock = """
				http://app.example.com/client             | must be an https URL
				HTTPS://app.example.com/client            | must be an https URL
				ftp://app.example.com/client              | must be an https URL
				https:/client                             | must have a host
				https:client                              | must have a host
				https://app.example.com                   | must have a path
				https://app.example.com/                  | must have a path
				https://app.example.com/client#frag       | must not have a fragment
				https://app.example.com/client#           | must not have a fragment
				https://app.example.com/client?x=1        | must not have a query
				https://app.example.com/client?           | must not have a query
				https://user@app.example.com/client       | must not contain user information
				https://user:pw@app.example.com/client    | must not contain user information
				https://app_example.com/client            | must have a valid host
				https://app.example.com/a/../client       | must not contain dot segments
				https://app.example.com/a/./client        | must not contain dot segments
				https://app.example.com/a/..              | must not contain dot segments
				https://app.example.com/a/%2e%2e/client   | must not contain dot segments
				https://app.example.com/a/%2E%2E/client   | must not contain dot segments
				https://app.example.com/a/.%2E/client     | must not contain dot segments
				https://app.example.com/a/%2e/client      | must not contain dot segments
				https://app.example.com/a%2f..%2fclient   | must not contain encoded slashes
				https://app.example.com/a%5C..%5Cclient   | must not contain encoded slashes
				""")
		void clientIdProblemWhenMalformedThenProblem(String url, String problem) {
			assertThat(UriRules.clientIdProblem(url, false)).isEqualTo(problem);
		}

		@ParameterizedTest
		@ValueSource(strings = { "", "https://app.example.com/cli ent", "https://app.example.com/clïent",
				"https://app.example.com/client\n", "https://app.example.com/\u0000" })
		void clientIdProblemWhenNotPrintableAsciiThenInvalid(String url) {
			assertThat(UriRules.clientIdProblem(url, false))
				.isEqualTo("is not a valid URL of at most 2000 printable ASCII characters");
		}

		@Test
		void clientIdProblemWhenLongerThan2000ThenInvalid() {
			String url = "https://app.example.com/" + "a".repeat(2000 - 24);
			assertThat(UriRules.clientIdProblem(url, false)).isNull();
			assertThat(UriRules.clientIdProblem(url + "a", false))
				.isEqualTo("is not a valid URL of at most 2000 printable ASCII characters");
		}

		@ParameterizedTest
		@ValueSource(strings = { "http://127.0.0.1:8080/client", "http://[::1]/client", "http://localhost:1/client",
				"http://LOCALHOST/client" })
		void clientIdProblemWhenLoopbackHttpAllowedThenNone(String url) {
			assertThat(UriRules.clientIdProblem(url, true)).isNull();
		}

		@ParameterizedTest
		@ValueSource(strings = { "http://127.0.0.1:8080/client", "http://[::1]/client", "http://localhost/client" })
		void clientIdProblemWhenLoopbackHttpNotAllowedThenHttpsRequired(String url) {
			assertThat(UriRules.clientIdProblem(url, false)).isEqualTo("must be an https URL");
		}

		@ParameterizedTest
		@ValueSource(strings = { "http://10.0.0.1/client", "http://127.0.0.1.evil.example/client",
				"http://localhost.evil.example/client", "http://127.0.0.2/client" })
		void clientIdProblemWhenHttpToOtherHostEvenInDevelopmentThenHttpsRequired(String url) {
			assertThat(UriRules.clientIdProblem(url, true)).isEqualTo("must be an https URL");
		}

	}

	@Nested
	class RedirectUri {

		@ParameterizedTest
		@ValueSource(
				strings = { "https://claude.ai/api/mcp/auth_callback", "https://chatgpt.com/connector/oauth/abc123",
						"https://app.example.com/cb?tenant=1", "http://127.0.0.1:33418/", "http://127.0.0.1/callback",
						"http://[::1]/callback", "http://localhost:8787/callback", "http://localhost/callback",
						"cursor://anysphere.cursor-mcp/oauth/callback",
						"com.example.app:/oauth2redirect/example-provider", "com.example.app://callback" })
		void redirectUriProblemWhenAcceptableThenNone(String uri) {
			assertThat(UriRules.redirectUriProblem(uri)).isNull();
		}

		@ParameterizedTest
		@CsvSource(delimiter = '|', textBlock = """
				javascript:alert(1)                         | uses a forbidden scheme
				JavaScript://example.com/%0aalert(1)        | uses a forbidden scheme
				data:text/html;base64,PHNjcmlwdD4=          | uses a forbidden scheme
				file:///etc/passwd                          | uses a forbidden scheme
				vbscript:msgbox(1)                          | uses a forbidden scheme
				about:blank                                 | uses a forbidden scheme
				blob:https://app.example.com/uuid           | uses a forbidden scheme
				ftp://files.example.com/cb                  | uses a forbidden scheme
				/callback                                   | is not absolute
				//evil.example/callback                     | is not absolute
				mailto:victim@example.com                   | is not hierarchical
				com.example.app:callback                    | is not hierarchical
				https://app.example.com/cb#fragment         | must not have a fragment
				https://app.example.com/cb#                 | must not have a fragment
				https://app.example.com@evil.example/cb     | must not contain user information
				https://user:pw@app.example.com/cb          | must not contain user information
				https://app.example.com/a/../cb             | must not contain dot segments
				https://app.example.com/a/%2e%2e/cb         | must not contain dot segments
				https://app.example.com/a/%2E%2E/cb         | must not contain dot segments
				https:/cb                                   | must have a host
				http://app.example.com/cb                   | may use http only with a loopback host
				http://10.0.0.1/cb                          | may use http only with a loopback host
				http://127.0.0.1.evil.example/cb            | may use http only with a loopback host
				http://user@127.0.0.1/cb                    | must not contain user information
				myapp://callback                            | uses a private-use scheme not named after a domain
				myapp:/callback                             | uses a private-use scheme not named after a domain
				""")
		void redirectUriProblemWhenUnsafeThenProblem(String uri, String problem) {
			assertThat(UriRules.redirectUriProblem(uri)).isEqualTo(problem);
		}

		@ParameterizedTest
		@ValueSource(strings = { "", "https://app.example.com/c b", "https://app.example.com/cb\r\nX: y" })
		void redirectUriProblemWhenNotPrintableAsciiThenInvalid(String uri) {
			assertThat(UriRules.redirectUriProblem(uri))
				.isEqualTo("is not a valid URI of at most 2000 printable ASCII characters");
		}

	}

}
