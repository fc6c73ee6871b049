package io.github.mcpoauthgateway.authserver;

import java.io.Serial;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;
import org.springframework.web.util.WebUtils;

/**
 * The user's consent to a client, asked before sign-in. A proxy in front of one upstream
 * login MUST ask it for each dynamically registered client, or an attacker's client could
 * borrow the victim's upstream session (confused deputy). The approval covers one
 * authorization request, expires soon, is used once, and is bound to the approving
 * browser by its session and a signed cookie, which the upstream callback checks too.
 *
 * @see <a href=
 * "https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#confused-deputy-problem">MCP
 * security best practices: confused deputy</a>
 */
final class ClientConsent {

	static final String SECURE_COOKIE = "__Host-mcp-consent";

	static final String PLAIN_COOKIE = "mcp-consent";

	static final String PAGE = "/oauth2/consent";

	private static final String SESSION_ATTRIBUTE = ClientConsent.class.getName() + ".records";

	private static final int MAX_RECORDS_PER_SESSION = 8;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final boolean everyClient;

	private final Duration timeToLive;

	private final SecretKeySpec cookieKey;

	private final Clock clock;

	/**
	 * Creates the consent check.
	 * @param everyClient whether every client needs consent
	 * @param timeToLive how long a consent page and an approval stay valid
	 * @param cookieKey the key that signs the consent cookie, the same on every replica
	 * @param clock the clock
	 */
	ClientConsent(boolean everyClient, Duration timeToLive, byte[] cookieKey, Clock clock) {
		this.everyClient = everyClient;
		this.timeToLive = timeToLive;
		this.clock = clock;
		this.cookieKey = new SecretKeySpec(cookieKey, "HmacSHA256");
	}

	/**
	 * Whether the client needs the user's consent before sign-in.
	 * @param client the client
	 * @return {@code true} for clients that registered themselves, or for every client
	 * when the sign-in is forwarded upstream
	 */
	boolean required(RegisteredClient client) {
		return this.everyClient || Clients.isRegistered(client);
	}

	/**
	 * Whether this browser approved exactly this authorization request.
	 * @param request the HTTP request
	 * @param authorization the authorization request
	 * @param consume whether to use the approval up (the code is about to be issued)
	 * @return {@code true} when an unexpired approval from this browser matches
	 */
	boolean approved(HttpServletRequest request, OAuth2AuthorizationCodeRequestAuthenticationToken authorization,
			boolean consume) {
		String browser = browser(request);
		HttpSession session = request.getSession(false);
		if (browser == null || session == null) {
			return false;
		}
		Map<String, String> parameters = parameters(authorization);
		Records records = records(session);
		synchronized (records) {
			records.expire(this.clock);
			for (ConsentRecord record : records.list) {
				if (record.approved() && browser.equals(record.browser()) && record.request().equals(parameters)) {
					if (consume) {
						records.list.remove(record);
						session.setAttribute(SESSION_ATTRIBUTE, records);
					}
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Whether this browser holds an unexpired approval: the upstream sign-in may only
	 * start, and only come back, in a browser that approved a client.
	 * @param request the HTTP request
	 * @return {@code true} if so
	 */
	boolean hasApprovalInThisBrowser(HttpServletRequest request) {
		String browser = browser(request);
		HttpSession session = request.getSession(false);
		if (browser == null || session == null) {
			return false;
		}
		Records records = records(session);
		synchronized (records) {
			records.expire(this.clock);
			return records.list.stream().anyMatch((record) -> browser.equals(record.browser()));
		}
	}

	/**
	 * Records the authorization request for the consent page and sends the browser there.
	 * @param request the HTTP request of the authorization request
	 * @param response the HTTP response
	 * @param required what needs consent
	 * @throws java.io.IOException on a write failure
	 */
	void redirectToConsentPage(HttpServletRequest request, HttpServletResponse response,
			ConsentRequiredException required) throws java.io.IOException {
		OAuth2AuthorizationCodeRequestAuthenticationToken authorization = required
			.getAuthorizationCodeRequestAuthentication();
		RegisteredClient client = required.getClient();
		String redirectUri = StringUtils.hasText(authorization.getRedirectUri()) ? authorization.getRedirectUri()
				: client.getRedirectUris().iterator().next();
		String name = StringUtils.hasText(client.getClientName()) ? client.getClientName() : client.getClientId();
		String verifiedHost = client.getClientSettings().getSetting(Clients.CIMD_HOST);
		ConsentRecord record = new ConsentRecord(randomId(), parameters(authorization), redirectUri,
				authorizeUrl(request), name, verifiedHost, null, this.clock.instant().plus(this.timeToLive));
		HttpSession session = request.getSession();
		Records records = records(session);
		synchronized (records) {
			records.expire(this.clock);
			while (records.list.size() >= MAX_RECORDS_PER_SESSION) {
				records.list.remove(0);
			}
			records.list.add(record);
		}
		session.setAttribute(SESSION_ATTRIBUTE, records);
		response.sendRedirect(request.getContextPath() + PAGE + "?id=" + record.id());
	}

	/**
	 * The authorization request waiting on the consent page.
	 * @param request the HTTP request
	 * @param id the id of the consent page
	 * @return the record, or {@code null} if unknown, approved already, or expired
	 */
	@Nullable ConsentRecord pending(HttpServletRequest request, String id) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		Records records = records(session);
		synchronized (records) {
			records.expire(this.clock);
			return records.list.stream()
				.filter((record) -> !record.approved() && record.id().equals(id))
				.findFirst()
				.orElse(null);
		}
	}

	/**
	 * Approves a pending request in this browser, setting the browser's consent cookie.
	 * @param request the HTTP request of the consent form
	 * @param response the HTTP response
	 * @param pending the request being approved
	 */
	void approve(HttpServletRequest request, HttpServletResponse response, ConsentRecord pending) {
		String browser = browser(request);
		if (browser == null) {
			browser = randomId();
			boolean secure = request.isSecure();
			ResponseCookie cookie = ResponseCookie.from(secure ? SECURE_COOKIE : PLAIN_COOKIE, sign(browser))
				.path("/")
				.secure(secure)
				.httpOnly(true)
				// Lax: the cookie must come back on the top-level redirect from the
				// upstream
				// login, which is a cross-site navigation.
				.sameSite("Lax")
				.build();
			response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
		}
		replace(request, pending,
				new ConsentRecord(pending.id(), pending.request(), pending.redirectUri(), pending.authorizeUrl(),
						pending.clientName(), pending.verifiedHost(), browser,
						this.clock.instant().plus(this.timeToLive)));
	}

	/**
	 * Forgets a pending request that the user denied.
	 * @param request the HTTP request of the consent form
	 * @param pending the denied request
	 */
	void deny(HttpServletRequest request, ConsentRecord pending) {
		replace(request, pending, null);
	}

	private void replace(HttpServletRequest request, ConsentRecord old, @Nullable ConsentRecord replacement) {
		HttpSession session = request.getSession();
		Records records = records(session);
		synchronized (records) {
			records.list.remove(old);
			if (replacement != null) {
				records.list.add(replacement);
			}
		}
		session.setAttribute(SESSION_ATTRIBUTE, records);
	}

	private @Nullable String browser(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (SECURE_COOKIE.equals(cookie.getName())
					|| (!request.isSecure() && PLAIN_COOKIE.equals(cookie.getName()))) {
				String id = verified(cookie.getValue());
				if (id != null) {
					return id;
				}
			}
		}
		return null;
	}

	private String sign(String id) {
		return id + "." + mac(id);
	}

	private @Nullable String verified(String value) {
		int dot = value.indexOf('.');
		if (dot <= 0) {
			return null;
		}
		String id = value.substring(0, dot);
		byte[] expected = mac(id).getBytes(StandardCharsets.US_ASCII);
		byte[] actual = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, actual) ? id : null;
	}

	private String mac(String id) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.cookieKey);
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(id.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static Map<String, String> parameters(OAuth2AuthorizationCodeRequestAuthenticationToken authorization) {
		Map<String, String> parameters = new TreeMap<>();
		parameters.put(OAuth2ParameterNames.CLIENT_ID, authorization.getClientId());
		put(parameters, OAuth2ParameterNames.REDIRECT_URI, authorization.getRedirectUri());
		put(parameters, OAuth2ParameterNames.STATE, authorization.getState());
		parameters.put(OAuth2ParameterNames.SCOPE, String.join(" ", new TreeSet<>(authorization.getScopes())));
		Map<String, Object> additional = authorization.getAdditionalParameters();
		put(parameters, PkceParameterNames.CODE_CHALLENGE, additional.get(PkceParameterNames.CODE_CHALLENGE));
		Object resource = additional.get(ResourceIndicators.RESOURCE);
		put(parameters, ResourceIndicators.RESOURCE,
				(resource instanceof String[] values) ? String.join(" ", values) : resource);
		return Map.copyOf(parameters);
	}

	private static void put(Map<String, String> parameters, String name, @Nullable Object value) {
		if (value != null) {
			parameters.put(name, value.toString());
		}
	}

	private static String authorizeUrl(HttpServletRequest request) {
		// Form encoding is the exact inverse of how the servlet container decodes the
		// query, so the resumed request carries the same parameters to the letter.
		StringBuilder url = new StringBuilder(request.getRequestURI());
		char separator = '?';
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			for (String value : parameter.getValue()) {
				url.append(separator)
					.append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
					.append('=')
					.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
				separator = '&';
			}
		}
		return url.toString();
	}

	private static Records records(HttpSession session) {
		synchronized (WebUtils.getSessionMutex(session)) {
			Records records = (Records) session.getAttribute(SESSION_ATTRIBUTE);
			if (records == null) {
				records = new Records();
				session.setAttribute(SESSION_ATTRIBUTE, records);
			}
			return records;
		}
	}

	private static String randomId() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The consent records of one session, few and short-lived.
	 */
	static final class Records implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		final List<ConsentRecord> list = new ArrayList<>();

		void expire(Clock clock) {
			this.list.removeIf((record) -> record.expiresAt().isBefore(clock.instant()));
		}

	}

}
