package io.github.mcpoauthgateway.testsupport;

import io.github.mcpoauthgateway.cli.oauth.Pkce;
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

	private static final Pattern HIDDEN = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

	private final String issuer;

	private final String upstream;

	public DevAuthorizationServer(String issuer) {
		this(issuer, null);
	}

	/**
	 * A server whose users sign in at an upstream login (bridge mode).
	 * @param issuer this server's issuer
	 * @param upstream the origin of the upstream login form (cognito-local), or null
	 */
	public DevAuthorizationServer(String issuer, String upstream) {
		this.issuer = issuer;
		this.upstream = upstream;
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
	 * Follows an authorization request through the consent page (approving) and the login
	 * form as a browser would, and returns where the server finally redirects (the
	 * client's redirect URI with a code or an error, or the login page again).
	 * @param authorizationUrl the authorization request
	 * @param username the user to sign in as
	 * @param password the password to type
	 * @return the last response: a redirect or an error page
	 */
	public HttpResponse<String> signIn(String authorizationUrl, String username, String password) {
		return signIn(newUserAgent(), authorizationUrl, username, password, "approve");
	}

	/**
	 * Follows an authorization request in the given browser, answering the consent page
	 * with the given decision.
	 * @param agent the browser, with its cookies
	 * @param authorizationUrl the authorization request
	 * @param username the user to sign in as
	 * @param password the password to type
	 * @param decision {@code approve} or {@code deny}
	 * @return the last response: a redirect that leaves this server, or a page
	 */
	public HttpResponse<String> signIn(HttpClient agent, String authorizationUrl, String username, String password,
			String decision) {
		HttpResponse<String> response = send(agent, get(authorizationUrl));
		for (int step = 0; step < 20; step++) {
			String location = location(response);
			if (location == null) {
				return response;
			}
			String url = location.startsWith("/") ? this.issuer + location : location;
			if (this.upstream != null && url.startsWith(this.upstream)) {
				response = signInUpstream(agent, url, username, password);
				continue;
			}
			if (!url.startsWith(this.issuer) || url.contains("/login?error")) {
				return response;
			}
			if (url.contains("/oauth2/consent")) {
				HttpResponse<String> page = send(agent, get(url));
				if (page.statusCode() != 200) {
					return page;
				}
				response = send(agent, postForm(this.issuer + "/oauth2/consent",
						Map.of("_csrf", csrf(page.body()), "id", field(page.body(), "id"), "decision", decision),
						null));
			}
			else if (url.endsWith("/login")) {
				HttpResponse<String> loginPage = send(agent, get(url));
				response = send(agent, postForm(this.issuer + "/login",
						Map.of("username", username, "password", password, "_csrf", csrf(loginPage.body())), null));
			}
			else {
				response = send(agent, get(url));
			}
		}
		throw new IllegalStateException("Too many redirects");
	}

	private HttpResponse<String> signInUpstream(HttpClient agent, String url, String username, String password) {
		HttpResponse<String> form = send(agent, get(url));
		if (form.statusCode() != 200) {
			throw new IllegalStateException("Upstream login page: HTTP " + form.statusCode() + " " + form.body());
		}
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher hidden = HIDDEN.matcher(form.body());
		while (hidden.find()) {
			fields.put(hidden.group(1), org.springframework.web.util.HtmlUtils.htmlUnescape(hidden.group(2)));
		}
		fields.put("username", username);
		fields.put("password", password);
		return send(agent, postForm(this.upstream + "/oauth2/authorize", fields, null));
	}

	public static String csrf(String page) {
		Matcher csrf = CSRF.matcher(page);
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF token on the page");
		}
		return csrf.group(1);
	}

	public static String field(String page, String name) {
		Matcher field = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]+)\"").matcher(page);
		if (!field.find()) {
			throw new IllegalStateException("No field " + name + " on the page");
		}
		return field.group(1);
	}

	/**
	 * Registers a client by RFC 7591 dynamic client registration.
	 * @param json the registration request
	 * @return the response
	 */
	public HttpResponse<String> register(String json) {
		return send(newUserAgent(),
				HttpRequest.newBuilder(URI.create(this.issuer + "/oauth2/register"))
					.header("Content-Type", "application/json")
					.header("Accept", "application/json")
					.timeout(Duration.ofSeconds(10))
					.POST(HttpRequest.BodyPublishers.ofString(json))
					.build());
	}

	public HttpResponse<String> get(HttpClient agent, String url) {
		return send(agent, get(url));
	}

	public HttpResponse<String> post(HttpClient agent, String url, Map<String, String> form) {
		return send(agent, postForm(url, form, null));
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

	public static String location(HttpResponse<String> response) {
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
