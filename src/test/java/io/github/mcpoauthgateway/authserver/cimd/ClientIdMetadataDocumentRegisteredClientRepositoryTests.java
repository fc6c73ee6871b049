package io.github.mcpoauthgateway.authserver.cimd;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientIdMetadataDocumentRegisteredClientRepositoryTests {

	private static final String PATH = "/oauth/client-metadata.json";

	private static final Set<String> OFFERED = Set.of("mcp:tools");

	private static final Consumer<RegisteredClient.Builder> DEFAULTS = (builder) -> builder
		.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(5)).build());

	private final RegisteredClient staticClient = RegisteredClient.withId("static-id")
		.clientId("mcp-cli")
		.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("http://127.0.0.1/callback")
		.build();

	private final RegisteredClientRepository delegate = new InMemoryRegisteredClientRepository(this.staticClient);

	private final ClientIdMetadataDocumentSettings development = ClientIdMetadataDocumentSettings.defaults()
		.withAllowLoopbackHttp(true);

	private final MetadataServer server = new MetadataServer();

	private final MutableClock clock = new MutableClock();

	private final String clientId = this.server.url(PATH);

	private final ClientIdMetadataDocumentRegisteredClientRepository repository = repository(this.development,
			AddressResolver.SYSTEM);

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private ClientIdMetadataDocumentRegisteredClientRepository repository(ClientIdMetadataDocumentSettings settings,
			AddressResolver resolver) {
		return new ClientIdMetadataDocumentRegisteredClientRepository(this.delegate, settings, OFFERED, DEFAULTS,
				resolver, this.clock);
	}

	private void publish(Map<String, Object> document, String... headers) {
		this.server.json(PATH, TestDocuments.json(document), headers);
	}

	private Map<String, Object> document() {
		return TestDocuments.publicClient(this.clientId);
	}

	private RegisteredClient find(String clientId) {
		return this.repository.findByClientId(clientId);
	}

	private String lastProblem(String clientId) {
		return this.repository.lastProblem(clientId);
	}

	private void assertRefused(String problem) {
		String url = this.clientId;
		assertThat(find(url)).isNull();
		assertThat(lastProblem(url)).isEqualTo(problem);
	}

	private RegisteredClient find() {
		return find(this.clientId);
	}

	private int requests() {
		return this.server.requests(PATH);
	}

	private void advance(Duration duration) {
		this.clock.advance(duration);
	}

	@Test
	void findByClientIdWhenDocumentValidThenClientFromDocument() {
		publish(document());
		RegisteredClient client = find(this.clientId);
		assertThat(client).isNotNull();
		assertThat(client.getId()).isEqualTo(this.clientId);
		assertThat(client.getClientId()).isEqualTo(this.clientId);
		assertThat(client.getClientName()).isEqualTo("Example MCP Client");
		assertThat(client.getRedirectUris()).contains("https://app.example.com/oauth/callback");
		assertThat(client.getScopes()).containsExactly("mcp:tools");
		assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(5));
		assertThat(client.getClientSettings().<String>getSetting("mcp.cimd.host")).isEqualTo("127.0.0.1");
	}

	@Test
	void findByIdWhenClientIdUrlThenSameClientAsByClientId() {
		publish(document());
		String url = this.clientId;
		ClientIdMetadataDocumentRegisteredClientRepository repository = this.repository;
		assertThat(repository.findById(url)).isEqualTo(repository.findByClientId(url));
	}

	@Test
	void findByClientIdWhenDocumentClientIdHasTrailingSlashThenNull() {
		Map<String, Object> document = document();
		document.put("client_id", this.clientId + "/");
		publish(document);
		assertRefused("The client metadata document has a client_id other than its own URL");
	}

	@Test
	void findByClientIdWhenUrlHasTrailingSlashButDocumentNotThenNull() {
		MetadataServer server = this.server;
		server.json("/clients/", TestDocuments.json(TestDocuments.publicClient(server.url("/clients"))));
		String url = server.url("/clients/");
		assertThat(find(url)).isNull();
		assertThat(lastProblem(url)).isEqualTo("The client metadata document has a client_id other than its own URL");
	}

	@Test
	void findByClientIdWhenRedirectThenNullAndTargetNotFetched() {
		MetadataServer server = this.server;
		server.json("/elsewhere.json", TestDocuments.json(document()));
		server.respond(PATH, 302, "application/json", "", "Location", server.url("/elsewhere.json"));
		assertRefused("The client metadata document URL redirects (status 302), and redirects are not followed");
		assertThat(server.requests("/elsewhere.json")).isZero();
	}

	@Test
	void findByClientIdWhenSecretAuthenticationMethodThenNull() {
		Map<String, Object> document = document();
		document.put("token_endpoint_auth_method", "client_secret_basic");
		publish(document);
		assertRefused("The client metadata document uses a client secret, which a public document cannot keep secret");
	}

	@Test
	void findByClientIdWhenJavascriptRedirectUriThenNullAndProblemDoesNotEchoIt() {
		Map<String, Object> document = document();
		document.put("redirect_uris", List.of("javascript:alert('pwned')"));
		publish(document);
		assertRefused("The client metadata document has a redirect URI (number 1) that uses a forbidden scheme");
	}

	@Test
	void findByClientIdWhenDocumentTooLargeThenNull() {
		Map<String, Object> document = document();
		document.put("client_uri", "https://app.example.com/" + "x".repeat(6000));
		publish(document);
		assertRefused("The client metadata document is larger than 5120 bytes");
	}

	@Test
	void findByClientIdWhenServedAsHtmlThenNull() {
		this.server.respond(PATH, 200, "text/html", TestDocuments.json(document()));
		assertRefused("The client metadata document is not served as application/json");
	}

	@Test
	void findByClientIdWhenUrlHasFragmentThenNullWithoutFetch() {
		publish(document());
		String url = this.clientId + "#x";
		assertThat(find(url)).isNull();
		assertThat(lastProblem(url)).isEqualTo("The client id must not have a fragment");
		assertThat(this.server.requests()).isZero();
	}

	@Test
	void findByClientIdWhenUppercaseSchemeThenNullWithoutFetchOrDelegate() {
		publish(document());
		String url = "HTTPS://app.example.com/client.json";
		assertThat(find(url)).isNull();
		assertThat(lastProblem(url)).isEqualTo("The client id must be an https URL");
	}

	@Test
	void findByClientIdWhenLoopbackHttpNotAllowedThenNullWithoutRequest() {
		publish(document());
		ClientIdMetadataDocumentRegisteredClientRepository production = repository(
				ClientIdMetadataDocumentSettings.defaults(), AddressResolver.SYSTEM);
		String url = this.clientId;
		assertThat(production.findByClientId(url)).isNull();
		assertThat(production.lastProblem(url)).isEqualTo("The client id must be an https URL");
		assertThat(this.server.requests()).isZero();
	}

	@Test
	void findByClientIdWhenHostResolvesToPrivateAddressThenNullWithoutConnection() throws Exception {
		try (ConnectionCounter listener = new ConnectionCounter()) {
			StubResolver resolver = new StubResolver().map("cimd.attacker.test", "8.8.8.8", "::ffff:127.0.0.1");
			ClientIdMetadataDocumentRegisteredClientRepository production = repository(
					ClientIdMetadataDocumentSettings.defaults(), resolver);
			String url = "https://cimd.attacker.test:" + listener.port() + "/client.json";
			assertThat(production.findByClientId(url)).isNull();
			assertThat(production.lastProblem(url))
				.isEqualTo("The client metadata document host has an address that is not public");
			assertThat(listener.connections()).isZero();
		}
	}

	@Test
	void findByClientIdWhenNotUrlThenDelegate() {
		assertThat(find("mcp-cli")).isEqualTo(this.staticClient);
		assertThat(this.server.requests()).isZero();
	}

	@Test
	void findByIdWhenNotUrlThenDelegate() {
		assertThat(this.repository.findById("static-id")).isEqualTo(this.staticClient);
	}

	@Test
	void findByClientIdWhenUnknownPlainIdThenNull() {
		assertThat(find("nobody")).isNull();
		assertThat(lastProblem("nobody")).isNull();
	}

	@Test
	void saveWhenPlainClientIdThenSavedInDelegate() {
		RegisteredClient registered = RegisteredClient.from(this.staticClient)
			.id("dcr-id")
			.clientId("dcr-client")
			.build();
		this.repository.save(registered);
		assertThat(this.delegate.findByClientId("dcr-client")).isEqualTo(registered);
	}

	@Test
	void saveWhenClientIdIsHttpsUrlThenIllegalArgument() {
		RegisteredClient squatter = RegisteredClient.from(this.staticClient)
			.id("squatter-id")
			.clientId("https://claude.ai/oauth/claude-code-client-metadata")
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.repository.save(squatter))
			.withMessage("A client id that is a URL is reserved for client metadata documents");
		assertThat(this.delegate.findById("squatter-id")).isNull();
	}

	@Test
	void saveWhenIdIsUrlThenIllegalArgument() {
		RegisteredClient squatter = RegisteredClient.from(this.staticClient)
			.id("http://127.0.0.1/client.json")
			.clientId("squatter")
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.repository.save(squatter));
	}

	@Test
	void isClientIdUrlWhenHttpsUrlWithPathThenTrue() {
		assertThat(ClientIdMetadataDocumentRegisteredClientRepository
			.isClientIdUrl("https://claude.ai/oauth/claude-code-client-metadata")).isTrue();
	}

	@Test
	void isClientIdUrlWhenPlainIdOrLoopbackHttpOrRootThenFalse() {
		assertThat(ClientIdMetadataDocumentRegisteredClientRepository.isClientIdUrl("mcp-cli")).isFalse();
		assertThat(ClientIdMetadataDocumentRegisteredClientRepository.isClientIdUrl("http://127.0.0.1/c")).isFalse();
		assertThat(ClientIdMetadataDocumentRegisteredClientRepository.isClientIdUrl("https://claude.ai/")).isFalse();
	}

	@Test
	void findByClientIdWhenNoCacheControlThenKeptForDefaultTtl() {
		publish(document());
		find();
		advance(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(find()).isNotNull();
		assertThat(requests()).isOne();
		advance(Duration.ofSeconds(1));
		assertThat(find()).isNotNull();
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void findByClientIdWhenMaxAgeThenKeptThatLong() {
		publish(document(), "Cache-Control", "public, max-age=120");
		find();
		advance(Duration.ofSeconds(119));
		find();
		assertThat(requests()).isOne();
		advance(Duration.ofSeconds(1));
		find();
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void findByClientIdWhenMaxAgeBelowMinimumThenKeptForMinimum() {
		publish(document(), "Cache-Control", "max-age=1");
		find();
		advance(Duration.ofSeconds(59));
		find();
		assertThat(requests()).isOne();
	}

	@Test
	void findByClientIdWhenMaxAgeAboveMaximumThenKeptForMaximum() {
		publish(document(), "Cache-Control", "max-age=31536000");
		find();
		advance(Duration.ofHours(24));
		find();
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void findByClientIdWhenNoStoreThenFetchedEachTime() {
		publish(document(), "Cache-Control", "no-store");
		assertThat(find()).isNotNull();
		assertThat(find()).isNotNull();
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void findByClientIdWhenRefusedThenFailureKept30Seconds() {
		Map<String, Object> document = document();
		document.put("client_id", "https://evil.example/client.json");
		publish(document);
		assertThat(find()).isNull();
		advance(Duration.ofSeconds(29));
		assertThat(find()).isNull();
		assertThat(requests()).isOne();
		advance(Duration.ofSeconds(1));
		publish(document());
		assertThat(find()).isNotNull();
		assertThat(requests()).isEqualTo(2);
		assertThat(lastProblem(this.clientId)).isNull();
	}

	@Test
	void findByClientIdWhenMoreDocumentsThanCacheHoldsThenOldestFetchedAgain() {
		MetadataServer server = this.server;
		ClientIdMetadataDocumentSettings small = new ClientIdMetadataDocumentSettings(true, 5 * 1024,
				Duration.ofSeconds(3), Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(24), 2, 10);
		ClientIdMetadataDocumentRegisteredClientRepository repository = repository(small, AddressResolver.SYSTEM);
		for (String path : List.of("/a.json", "/b.json", "/c.json")) {
			server.json(path, TestDocuments.json(TestDocuments.publicClient(server.url(path))));
			assertThat(repository.findByClientId(server.url(path))).isNotNull();
		}
		repository.findByClientId(server.url("/c.json"));
		repository.findByClientId(server.url("/a.json"));
		assertThat(server.requests("/a.json")).isEqualTo(2);
		assertThat(server.requests("/c.json")).isOne();
	}

	@Test
	void findByClientIdWhenDocumentChangedAfterExpiryThenNewRedirectUris() {
		publish(document(), "Cache-Control", "max-age=60");
		assertThat(find().getRedirectUris()).doesNotContain("https://app.example.com/new");
		Map<String, Object> changed = document();
		changed.put("redirect_uris", List.of("https://app.example.com/new"));
		publish(changed);
		advance(Duration.ofSeconds(60));
		assertThat(find().getRedirectUris()).containsExactly("https://app.example.com/new");
	}

}
