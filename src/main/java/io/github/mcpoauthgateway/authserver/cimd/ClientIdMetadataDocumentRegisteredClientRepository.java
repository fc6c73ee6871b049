package io.github.mcpoauthgateway.authserver.cimd;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.github.mcpoauthgateway.authserver.Clients;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.Assert;

/**
 * Resolves https client ids through their metadata documents; other ids go to the
 * delegate. A client id URL is fetched (through {@link PublicAddresses public addresses}
 * only), its document checked, and the resulting client cached as the response's
 * {@code Cache-Control} allows; a URL or document that is not acceptable makes the client
 * unknown, so that Spring Authorization Server answers {@code invalid_client} or
 * {@code invalid_request}.
 *
 * @see <a href=
 * "https://datatracker.ietf.org/doc/html/draft-ietf-oauth-client-id-metadata-document">OAuth
 * Client ID Metadata Document</a>
 */
public final class ClientIdMetadataDocumentRegisteredClientRepository implements RegisteredClientRepository {

	/** The client setting that tells how a client was registered. */
	public static final String REGISTRATION_SETTING = Clients.REGISTRATION;

	/** The value of {@link #REGISTRATION_SETTING} for clients of a metadata document. */
	public static final String REGISTRATION_CIMD = Clients.CIMD;

	/**
	 * The client setting that holds the host of the client id URL, for the consent page.
	 */
	public static final String HOST_SETTING = Clients.CIMD_HOST;

	/** The client setting that holds a document's inline {@code jwks}, as JSON. */
	static final String JWKS_SETTING = "mcp.cimd.jwks";

	/**
	 * How long a failed resolution is remembered, so a bad URL is not fetched each time.
	 */
	static final Duration FAILURE_TTL = Duration.ofSeconds(30);

	private static final String DOCUMENT = "client metadata document";

	private static final Log logger = LogFactory.getLog(ClientIdMetadataDocumentRegisteredClientRepository.class);

	private final RegisteredClientRepository delegate;

	private final ClientIdMetadataDocumentSettings settings;

	private final Set<String> scopesOffered;

	private final Consumer<RegisteredClient.Builder> clientDefaults;

	private final DocumentFetcher fetcher;

	private final ExpiringCache<Resolution> resolutions;

	/** The last problem of each client id, oldest first; guarded by itself. */
	private final Map<String, String> problems = new LinkedHashMap<>();

	/**
	 * Creates a repository that fetches through the system's name service.
	 * @param delegate the repository of the other clients
	 * @param settings the limits of fetching and caching
	 * @param scopesOffered the scopes a document's client may be granted
	 * @param clientDefaults the settings shared by all clients (PKCE, token lifetimes),
	 * applied before what the document decides
	 */
	public ClientIdMetadataDocumentRegisteredClientRepository(RegisteredClientRepository delegate,
			ClientIdMetadataDocumentSettings settings, Set<String> scopesOffered,
			Consumer<RegisteredClient.Builder> clientDefaults) {
		this(delegate, settings, scopesOffered, clientDefaults, AddressResolver.SYSTEM, Clock.systemUTC());
	}

	ClientIdMetadataDocumentRegisteredClientRepository(RegisteredClientRepository delegate,
			ClientIdMetadataDocumentSettings settings, Set<String> scopesOffered,
			Consumer<RegisteredClient.Builder> clientDefaults, AddressResolver resolver, Clock clock) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(scopesOffered, "scopesOffered cannot be null");
		Assert.notNull(clientDefaults, "clientDefaults cannot be null");
		Assert.notNull(resolver, "resolver cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.delegate = delegate;
		this.settings = settings;
		this.scopesOffered = Set.copyOf(scopesOffered);
		this.clientDefaults = clientDefaults;
		this.fetcher = new DocumentFetcher(settings, resolver);
		this.resolutions = new ExpiringCache<>(clock, settings.maxCachedDocuments());
		if (settings.allowLoopbackHttp()) {
			logger.warn("Client metadata documents are also fetched over plain http from loopback hosts: "
					+ "a development setting, never for production");
		}
	}

	/**
	 * Saves a client in the delegate.
	 * @param registeredClient the client, whose id and client id must not be URLs: those
	 * belong to metadata documents
	 */
	@Override
	public void save(RegisteredClient registeredClient) {
		Assert.notNull(registeredClient, "registeredClient cannot be null");
		Assert.isTrue(!isUrl(registeredClient.getId()) && !isUrl(registeredClient.getClientId()),
				"A client id that is a URL is reserved for client metadata documents");
		this.delegate.save(registeredClient);
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		Assert.hasText(id, "id cannot be empty");
		return isUrl(id) ? resolve(id) : this.delegate.findById(id);
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		Assert.hasText(clientId, "clientId cannot be empty");
		return isUrl(clientId) ? resolve(clientId) : this.delegate.findByClientId(clientId);
	}

	/**
	 * Whether the client id has the form of a client id URL: https, a host, a path, and
	 * no user information, query, fragment or dot segment. Nothing is fetched.
	 * @param clientId the client id
	 * @return {@code true} if it is a client id URL
	 */
	public static boolean isClientIdUrl(String clientId) {
		return clientId != null && UriRules.clientIdProblem(clientId, false) == null;
	}

	/**
	 * The problem found at the last failed resolution of this client id, for the browser
	 * error page; it quotes nothing from the document.
	 * @param clientId the client id
	 * @return the problem, or {@code null} if none
	 */
	public @Nullable String lastProblem(String clientId) {
		synchronized (this.problems) {
			return this.problems.get(clientId);
		}
	}

	private @Nullable RegisteredClient resolve(String clientId) {
		String urlProblem = UriRules.clientIdProblem(clientId, this.settings.allowLoopbackHttp());
		Resolution resolution = (urlProblem != null) ? refused(clientId, "The client id " + urlProblem)
				: this.resolutions.get(clientId, this::load);
		synchronized (this.problems) {
			this.problems.remove(clientId);
			if (resolution.problem() != null) {
				this.problems.put(clientId, resolution.problem());
				Iterator<String> oldest = this.problems.keySet().iterator();
				while (this.problems.size() > this.settings.maxCachedDocuments()) {
					oldest.next();
					oldest.remove();
				}
			}
		}
		return resolution.client();
	}

	private ExpiringCache.Loaded<Resolution> load(String clientId) {
		try {
			DocumentFetcher.Fetched fetched = this.fetcher.fetch(clientId, DOCUMENT);
			ClientIdMetadataDocument document = ClientIdMetadataDocument.parse(fetched.body(), clientId, this.settings);
			RegisteredClient client = DocumentClients.registeredClient(document, this.scopesOffered,
					this.clientDefaults);
			return new ExpiringCache.Loaded<>(new Resolution(client, null), fetched.timeToLive());
		}
		catch (ClientMetadataException ex) {
			return new ExpiringCache.Loaded<>(refused(clientId, ex.getMessage()), FAILURE_TTL);
		}
	}

	private static Resolution refused(String clientId, String problem) {
		logger.info("Refused client " + printable(clientId) + ": " + problem);
		return new Resolution(null, problem);
	}

	private static boolean isUrl(String value) {
		return value.regionMatches(true, 0, "https:", 0, 6) || value.regionMatches(true, 0, "http:", 0, 5);
	}

	/** The value cut short and stripped of anything that could forge a log line. */
	private static String printable(String value) {
		String shortened = (value.length() > 200) ? value.substring(0, 200) + "..." : value;
		return shortened.replaceAll("[^\\x21-\\x7e]", "?");
	}

	private record Resolution(@Nullable RegisteredClient client, @Nullable String problem) {
	}

}
