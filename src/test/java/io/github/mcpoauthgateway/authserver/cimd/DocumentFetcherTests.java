package io.github.mcpoauthgateway.authserver.cimd;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DocumentFetcherTests {

	private static final String WHAT = "client metadata document";

	private static final String BODY = "{\"client_id\":\"x\"}";

	private final ClientIdMetadataDocumentSettings development = ClientIdMetadataDocumentSettings.defaults()
		.withAllowLoopbackHttp(true);

	private final MetadataServer server = new MetadataServer();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private DocumentFetcher fetcher(ClientIdMetadataDocumentSettings settings) {
		return new DocumentFetcher(settings, AddressResolver.SYSTEM);
	}

	private DocumentFetcher.Fetched fetch(String path) {
		return fetcher(this.development).fetch(this.server.url(path), WHAT);
	}

	private String problem(String path) {
		return problem(fetcher(this.development), this.server.url(path));
	}

	private static String problem(DocumentFetcher fetcher, String url) {
		return assertThatExceptionOfType(ClientMetadataException.class).isThrownBy(() -> fetcher.fetch(url, WHAT))
			.actual()
			.getMessage();
	}

	@Test
	void fetchWhenJsonDocumentThenBodyAndDefaultTtl() {
		this.server.json("/client.json", BODY);
		DocumentFetcher.Fetched fetched = fetch("/client.json");
		assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo(BODY);
		assertThat(fetched.timeToLive()).isEqualTo(Duration.ofMinutes(5));
		assertThat(this.server.lastAccept("/client.json")).isEqualTo("application/json");
	}

	@Test
	void fetchWhenContentTypeHasCharsetThenAccepted() {
		this.server.respond("/client.json", 200, "application/json; charset=utf-8", BODY);
		assertThat(fetch("/client.json").body()).hasSize(BODY.length());
	}

	@Test
	void fetchWhenJwkSetContentTypeThenAccepted() {
		this.server.respond("/jwks.json", 200, "application/jwk-set+json", BODY);
		assertThat(fetch("/jwks.json").body()).hasSize(BODY.length());
	}

	@ParameterizedTest
	@ValueSource(ints = { 301, 302, 303, 307, 308 })
	void fetchWhenRedirectThenRefusedAndTargetNotFetched(int status) {
		this.server.json("/internal.json", BODY);
		this.server.respond("/client.json", status, "application/json", "", "Location",
				this.server.url("/internal.json"));
		assertThat(problem("/client.json")).isEqualTo(
				"The client metadata document URL redirects (status " + status + "), and redirects are not followed");
		assertThat(this.server.requests("/internal.json")).isZero();
	}

	@ParameterizedTest
	@ValueSource(ints = { 201, 204, 404, 500 })
	void fetchWhenStatusNot200ThenRefused(int status) {
		this.server.respond("/client.json", status, "application/json", BODY);
		assertThat(problem("/client.json"))
			.isEqualTo("The client metadata document URL answered status " + status + " instead of 200");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "text/plain", "application/javascript", "application/jsonp" })
	void fetchWhenNotJsonContentTypeThenRefused(String contentType) {
		this.server.respond("/client.json", 200, contentType, BODY);
		assertThat(problem("/client.json")).isEqualTo("The client metadata document is not served as application/json");
	}

	@Test
	void fetchWhenContentLengthAboveCapThenRefused() {
		this.server.json("/client.json", " ".repeat(5 * 1024) + "{}");
		assertThat(problem("/client.json")).isEqualTo("The client metadata document is larger than 5120 bytes");
	}

	@Test
	void fetchWhenBodyExactlyAtCapThenAccepted() {
		this.server.json("/client.json", " ".repeat(5 * 1024 - 2) + "{}");
		assertThat(fetch("/client.json").body()).hasSize(5 * 1024);
	}

	@Test
	void fetchWhenEndlessBodyWithoutLengthThenCutOffAtCap() {
		this.server.endless("/client.json");
		String problem = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problem("/client.json"));
		assertThat(problem).isEqualTo("The client metadata document is larger than 5120 bytes");
	}

	@Test
	void fetchWhenServerSlowerThanTimeoutThenRefused() {
		this.server.delayed("/client.json", BODY, Duration.ofMillis(1500));
		ClientIdMetadataDocumentSettings quick = new ClientIdMetadataDocumentSettings(true, 5 * 1024,
				Duration.ofMillis(200), Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(24), 1000, 10);
		assertThat(problem(fetcher(quick), this.server.url("/client.json")))
			.isEqualTo("The client metadata document could not be fetched (SocketTimeoutException)");
	}

	@Test
	void fetchWhenNothingListensThenRefused() {
		int port = this.server.port();
		this.server.close();
		assertThat(problem(fetcher(this.development), "http://127.0.0.1:" + port + "/client.json"))
			.isEqualTo("The client metadata document could not be fetched (HttpHostConnectException)");
	}

	@Test
	void fetchWhenLoopbackHttpNotAllowedThenRefusedWithoutRequest() {
		this.server.json("/client.json", BODY);
		assertThat(problem(fetcher(ClientIdMetadataDocumentSettings.defaults()), this.server.url("/client.json")))
			.isEqualTo("The client metadata document URL must be an https URL");
		assertThat(this.server.requests()).isZero();
	}

	@Test
	void fetchWhenLocalhostResolvesOnlyToLoopbackThenFetchedFromCheckedAddress() {
		this.server.json("/client.json", BODY);
		StubResolver resolver = new StubResolver().map("localhost", "127.0.0.1");
		DocumentFetcher fetcher = new DocumentFetcher(this.development, resolver);
		fetcher.fetch("http://localhost:" + this.server.port() + "/client.json", WHAT);
		assertThat(resolver.lookups()).isOne();
		assertThat(this.server.requests("/client.json")).isOne();
	}

	@Test
	void fetchWhenLocalhostResolvesToPrivateAddressThenRefused() {
		StubResolver resolver = new StubResolver().map("localhost", "127.0.0.1", "10.0.0.1");
		assertThat(problem(new DocumentFetcher(this.development, resolver),
				"http://localhost:" + this.server.port() + "/client.json"))
			.isEqualTo("The client metadata document host has an address that is not public");
		assertThat(this.server.requests()).isZero();
	}

	@Test
	void fetchWhenResponseHasMaxAgeThenTimeToLiveFromIt() {
		this.server.json("/client.json", BODY, "Cache-Control", "max-age=120");
		assertThat(fetch("/client.json").timeToLive()).isEqualTo(Duration.ofMinutes(2));
	}

	/**
	 * Host names an attacker controls, resolving to addresses of this server's network:
	 * each fetch must be refused before any connection is made, which the loopback port
	 * behind most of these addresses would count.
	 */
	@Nested
	class AddressChecks {

		private final ConnectionCounter listener = new ConnectionCounter();

		@AfterEach
		void stopListener() throws Exception {
			this.listener.close();
		}

		private String refusedProblem(ClientIdMetadataDocumentSettings settings, String... addresses) {
			StubResolver resolver = new StubResolver().map("cimd.attacker.test", addresses);
			String problem = problem(new DocumentFetcher(settings, resolver),
					"https://cimd.attacker.test:" + this.listener.port() + "/client.json");
			assertThat(resolver.lookups()).isOne();
			assertThat(this.listener.connections()).isZero();
			return problem;
		}

		@ParameterizedTest
		@ValueSource(strings = { "127.0.0.1", "::1", "::ffff:127.0.0.1", "0.0.0.0", "::", "64:ff9b::7f00:1",
				"2002:7f00:1::1" })
		void fetchWhenHostResolvesToDisguisedLoopbackThenRefusedBeforeConnecting(String address) {
			assertThat(refusedProblem(ClientIdMetadataDocumentSettings.defaults(), address))
				.isEqualTo("The client metadata document host has an address that is not public");
		}

		@ParameterizedTest
		@ValueSource(strings = { "10.0.0.1", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.169.254",
				"::ffff:10.0.0.1", "64:ff9b::a00:1", "64:ff9b:1::a00:1", "fd00::1", "fe80::1" })
		void fetchWhenHostResolvesToPrivateAddressThenRefusedBeforeConnecting(String address) {
			assertThat(refusedProblem(ClientIdMetadataDocumentSettings.defaults(), address))
				.isEqualTo("The client metadata document host has an address that is not public");
		}

		@ParameterizedTest
		@CsvSource({ "8.8.8.8, 127.0.0.1", "127.0.0.1, 8.8.8.8", "2606:4700::1111, 10.0.0.1",
				"1.1.1.1, ::ffff:127.0.0.1" })
		void fetchWhenHostResolvesToPublicAndPrivateAddressesThenRefusedBeforeConnecting(String first, String second) {
			assertThat(refusedProblem(ClientIdMetadataDocumentSettings.defaults(), first, second))
				.isEqualTo("The client metadata document host has an address that is not public");
		}

		@Test
		void fetchWhenLoopbackHttpAllowedButHttpsHostIsLoopbackThenStillRefused() {
			assertThat(refusedProblem(ClientIdMetadataDocumentSettings.defaults().withAllowLoopbackHttp(true),
					"127.0.0.1"))
				.isEqualTo("The client metadata document host has an address that is not public");
		}

		@Test
		void fetchWhenHostDoesNotResolveThenRefused() {
			StubResolver resolver = new StubResolver();
			assertThat(problem(new DocumentFetcher(ClientIdMetadataDocumentSettings.defaults(), resolver),
					"https://nowhere.attacker.test/client.json"))
				.isEqualTo("The client metadata document host does not resolve");
		}

		@Test
		void fetchWhenDnsAnswersDifferentlyLaterThenConnectionPinnedToCheckedAddress() throws Exception {
			// DNS rebinding: the first answer (127.0.0.2) is checked; a second lookup
			// would
			// give 10.0.0.1, and the system resolver 127.0.0.1, where nothing listens.
			// Only a
			// connection pinned to the checked address reaches the server.
			MetadataServer pinned;
			try {
				pinned = new MetadataServer(InetAddress.getByName("127.0.0.2"));
			}
			catch (UncheckedIOException ex) {
				Assumptions.abort("127.0.0.2 is not a loopback address here");
				return;
			}
			try (pinned) {
				pinned.json("/client.json", BODY);
				RebindingResolver resolver = new RebindingResolver();
				new DocumentFetcher(DocumentFetcherTests.this.development, resolver)
					.fetch("http://localhost:" + pinned.port() + "/client.json", WHAT);
				assertThat(resolver.lookups).isOne();
				assertThat(pinned.requests("/client.json")).isOne();
			}
		}

	}

	/**
	 * Answers loopback first, then a private address, as a rebinding DNS server would.
	 */
	private static final class RebindingResolver implements AddressResolver {

		private int lookups;

		@Override
		public List<InetAddress> resolve(String host) {
			this.lookups++;
			return List.of(StubResolver.literal((this.lookups == 1) ? "127.0.0.2" : "10.0.0.1"));
		}

	}

}
