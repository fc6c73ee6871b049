package io.github.mcpoauthgateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Talks to the embedded authorization server the way a client and a user do: builds
 * authorization URLs, signs in through the login form (without a browser, for the
 * negative tests), and calls the token endpoint.
 */
public final class DevAuthorizationServer {

	public static final String PUBLIC_CLIENT = "mcp-cli";

	public static final String CONFIDENTIAL_CLIENT = "mcp-confidential";

	public static final String REDIRECT_URI = "http://127.0.0.1:54321/callback";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String issuer;

	public DevAuthorizationServer(String issuer) {
		this.issuer = issuer;
	}

	public static HttpClient newUserAgent() {
		return HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	public String authorizationUrl(String clientId, String redirectUri, String scope, Pkce pkce, String state,
			String resource) {
		UriComponentsBuilder url = UriComponentsBuilder.fromUriString(this.issuer + "/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", redirectUri)
			.queryParam("scope", scope)
			.queryParam("state", state)
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256");
		if (resource != null) {
			url.queryParam("resource", resource);
		}
		return url.encode().build().toUriString();
	}

	/**
	 * Follows an authorization request through the login form as a browser would, and
	 * returns where the server finally redirects (the client's redirect URI with a code
	 * or an error, or the login page again).
	 * @param authorizationUrl the authorization request
	 * @param username the user to sign in as
	 * @param password the password to type
	 * @return the last response: a redirect or an error page
	 */
	public HttpResponse<String> signIn(String authorizationUrl, String username, String password) {
		HttpClient agent = newUserAgent();
		HttpResponse<String> response = send(agent, get(authorizationUrl));
		String location = location(response);
		if (location == null || !location.endsWith("/login")) {
			return response;
		}
		HttpResponse<String> loginPage = send(agent, get(location));
		Matcher csrf = CSRF.matcher(loginPage.body());
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF token on the login page");
		}
		response = send(agent, postForm(this.issuer + "/login",
				Map.of("username", username, "password", password, "_csrf", csrf.group(1)), null));
		while ((location = location(response)) != null && location.startsWith(this.issuer)
				&& !location.contains("/login")) {
			response = send(agent, get(location));
		}
		return response;
	}

	/**
	 * Signs in and returns the parameters the server sent to the redirect URI.
	 * @param authorizationUrl the authorization request
	 * @param username the user
	 * @param password the password
	 * @return the query parameters of the final redirect (code and state, or error)
	 */
	public Map<String, String> authorize(String authorizationUrl, String username, String password) {
		HttpResponse<String> response = signIn(authorizationUrl, username, password);
		String location = location(response);
		if (location == null) {
			throw new IllegalStateException("No redirect: HTTP " + response.statusCode());
		}
		return query(location);
	}

	public HttpResponse<String> token(Map<String, String> form, String basicCredentials) {
		return send(newUserAgent(), postForm(this.issuer + "/oauth2/token", form, basicCredentials));
	}

	public static Map<String, String> query(String url) {
		Map<String, String> parameters = new LinkedHashMap<>();
		UriComponentsBuilder.fromUriString(url)
			.build()
			.getQueryParams()
			.forEach((name, values) -> parameters.put(name,
					java.net.URLDecoder.decode(values.get(0), StandardCharsets.UTF_8)));
		return parameters;
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElse(null);
	}

	private static HttpRequest get(String url) {
		return HttpRequest.newBuilder(URI.create(url))
			.header("Accept", "text/html,application/xhtml+xml")
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
	}

	private static HttpRequest postForm(String url, Map<String, String> form, String basicCredentials) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (basicCredentials != null) {
			request.header("Authorization", "Basic "
					+ java.util.Base64.getEncoder().encodeToString(basicCredentials.getBytes(StandardCharsets.UTF_8)));
		}
		return request.build();
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
