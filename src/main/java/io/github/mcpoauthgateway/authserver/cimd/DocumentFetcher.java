package io.github.mcpoauthgateway.authserver.cimd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Fetches a small JSON document from a URL without letting the URL reach this server's
 * network: every address of the host must be public (or loopback, for loopback http in
 * development), the connection goes only to those checked addresses, redirects are not
 * followed, and size and time are capped.
 */
final class DocumentFetcher {

	/**
	 * A fetched body and how long it may be cached.
	 *
	 * @param body the response body, at most {@code maxDocumentBytes}
	 * @param timeToLive from {@code Cache-Control}; zero when it must not be cached
	 */
	record Fetched(byte[] body, Duration timeToLive) {
	}

	private final ClientIdMetadataDocumentSettings settings;

	private final AddressResolver resolver;

	private final TlsSocketStrategy tls = DefaultClientTlsStrategy.createDefault();

	DocumentFetcher(ClientIdMetadataDocumentSettings settings, AddressResolver resolver) {
		this.settings = settings;
		this.resolver = resolver;
	}

	/**
	 * GETs the document.
	 * @param url a URL that {@link UriRules#clientIdProblem} accepts
	 * @param what what the document is, for messages, e.g. "client metadata document"
	 * @return the body and its cache lifetime
	 * @throws ClientMetadataException if it cannot be fetched or is refused
	 */
	Fetched fetch(String url, String what) {
		URI uri = URI.create(url);
		HttpGet get = new HttpGet(uri);
		get.setHeader(HttpHeaders.ACCEPT, "application/json");
		CloseableHttpClient client = client(checkedAddresses(uri, what));
		try {
			return read(client.executeOpen(null, get, null), what);
		}
		catch (IOException ex) {
			throw new ClientMetadataException(
					"The " + what + " could not be fetched (" + ex.getClass().getSimpleName() + ")");
		}
		finally {
			// CAUTION: closing a response reads the rest of its body to reuse the
			// connection; cancel first, so that an endless body is cut off instead.
			get.cancel();
			client.close(CloseMode.IMMEDIATE);
		}
	}

	private List<InetAddress> checkedAddresses(URI uri, String what) {
		boolean loopbackHttp = this.settings.allowLoopbackHttp() && "http".equals(uri.getScheme())
				&& UriRules.isLoopbackHost(uri.getHost());
		if (!"https".equals(uri.getScheme()) && !loopbackHttp) {
			throw new ClientMetadataException("The " + what + " URL must be an https URL");
		}
		String host = uri.getHost();
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		List<InetAddress> addresses;
		try {
			addresses = List.copyOf(this.resolver.resolve(host));
		}
		catch (UnknownHostException ex) {
			addresses = List.of();
		}
		if (addresses.isEmpty()) {
			throw new ClientMetadataException("The " + what + " host does not resolve");
		}
		for (InetAddress address : addresses) {
			if (loopbackHttp ? !address.isLoopbackAddress() : !PublicAddresses.isPublic(address)) {
				throw new ClientMetadataException("The " + what + " host has an address that is not public");
			}
		}
		return addresses;
	}

	private CloseableHttpClient client(List<InetAddress> addresses) {
		Timeout timeout = Timeout.of(this.settings.timeout());
		BasicHttpClientConnectionManager connections = BasicHttpClientConnectionManager.create(
				DefaultSchemePortResolver.INSTANCE, pinnedTo(addresses),
				RegistryBuilder.<TlsSocketStrategy>create().register("https", this.tls).build(),
				ManagedHttpClientConnectionFactory.builder()
					.http1Config(Http1Config.custom().setMaxLineLength(8192).setMaxHeaderCount(100).build())
					.build());
		connections.setConnectionConfig(
				ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build());
		// NOTE: HttpClients.custom() ignores the system proxy settings, as wanted here.
		return HttpClients.custom()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setRedirectsEnabled(false)
				.setResponseTimeout(timeout)
				.setConnectionRequestTimeout(timeout)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.disableConnectionState()
			.setUserAgent("mcp-oauth-gateway")
			.build();
	}

	/**
	 * A resolver that answers the addresses already checked, whatever DNS says now: a
	 * second lookup could return another address (DNS rebinding).
	 */
	private static DnsResolver pinnedTo(List<InetAddress> addresses) {
		InetAddress[] checked = addresses.toArray(new InetAddress[0]);
		return new DnsResolver() {

			@Override
			public InetAddress[] resolve(String host) {
				return checked.clone();
			}

			@Override
			public String resolveCanonicalHostname(String host) {
				return host;
			}

		};
	}

	private Fetched read(ClassicHttpResponse response, String what) throws IOException {
		int status = response.getCode();
		if (status >= 300 && status < 400) {
			throw new ClientMetadataException(
					"The " + what + " URL redirects (status " + status + "), and redirects are not followed");
		}
		if (status != 200) {
			throw new ClientMetadataException("The " + what + " URL answered status " + status + " instead of 200");
		}
		if (!isJson(response.getFirstHeader(HttpHeaders.CONTENT_TYPE))) {
			throw new ClientMetadataException("The " + what + " is not served as application/json");
		}
		HttpEntity entity = response.getEntity();
		int max = this.settings.maxDocumentBytes();
		if (entity == null) {
			return new Fetched(new byte[0], Duration.ZERO);
		}
		if (entity.getContentLength() > max) {
			throw tooLarge(what);
		}
		long deadline = System.nanoTime() + this.settings.timeout().toNanos();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		byte[] buffer = new byte[1024];
		// NOTE: the stream is not closed here, which would read it to its end; fetch()
		// cancels the request instead.
		InputStream in = entity.getContent();
		for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
			if (body.size() + read > max) {
				throw tooLarge(what);
			}
			body.write(buffer, 0, read);
			if (System.nanoTime() - deadline > 0) {
				throw new ClientMetadataException("The " + what + " took too long to download");
			}
		}
		return new Fetched(body.toByteArray(), CacheLifetimes.timeToLive(headerValues(response), this.settings));
	}

	private ClientMetadataException tooLarge(String what) {
		return new ClientMetadataException(
				"The " + what + " is larger than " + this.settings.maxDocumentBytes() + " bytes");
	}

	private static boolean isJson(@Nullable Header contentType) {
		if (contentType == null) {
			return false;
		}
		String mediaType = contentType.getValue().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		return "application/json".equals(mediaType)
				|| (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
	}

	private static List<String> headerValues(ClassicHttpResponse response) {
		List<String> values = new ArrayList<>();
		for (Header header : response.getHeaders(HttpHeaders.CACHE_CONTROL)) {
			values.add(header.getValue());
		}
		return values;
	}

}
