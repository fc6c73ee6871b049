package io.github.mcpoauthgateway.authserver;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consent page: which application asks, where it will send the user back, and what it
 * may do; approve continues to sign-in, deny returns {@code access_denied} to the
 * application.
 */
@RestController
@Conditional(AuthorizationServerCondition.class)
final class ConsentPageController {

	static final String EXPIRED = "This request has expired or was already answered";

	private static final Map<String, String> SCOPE_DESCRIPTIONS = Map.of("mcp:tools",
			"Use the tools of this MCP server as you", "mcp:admin", "Use the administrative tools as you", "openid",
			"Know who you are", "email", "See your email address", "profile", "See your name");

	private final ClientConsent consent;

	private final AuthorizationResponses responses;

	ConsentPageController(ClientConsent consent, AuthorizationResponses responses) {
		this.consent = consent;
		this.responses = responses;
	}

	@GetMapping(path = ClientConsent.PAGE, produces = MediaType.TEXT_HTML_VALUE)
	String page(HttpServletRequest request, HttpServletResponse response, @RequestParam(required = false) String id,
			CsrfToken csrf) {
		ConsentRecord pending = (id != null) ? this.consent.pending(request, id) : null;
		if (pending == null) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return Pages.error(EXPIRED,
					"Nothing is waiting for your approval here. Go back to the application and connect again.");
		}
		return render(pending, csrf);
	}

	@PostMapping(path = ClientConsent.PAGE)
	String decide(HttpServletRequest request, HttpServletResponse response, @RequestParam(required = false) String id,
			@RequestParam(required = false) String decision) throws IOException {
		ConsentRecord pending = (id != null) ? this.consent.pending(request, id) : null;
		if (pending == null || (!"approve".equals(decision) && !"deny".equals(decision))) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return Pages.error(EXPIRED,
					"Nothing is waiting for your approval here. Go back to the application and connect again.");
		}
		if ("approve".equals(decision)) {
			this.consent.approve(request, response, pending);
			response.sendRedirect(request.getContextPath() + pending.authorizeUrl());
			return "";
		}
		this.consent.deny(request, pending);
		this.responses.redirectWithError(request, response, pending.redirectUri(), OAuth2ErrorCodes.ACCESS_DENIED,
				"The user denied the request", pending.request().get(OAuth2ParameterNames.STATE));
		return "";
	}

	private static @Nullable URI parse(String uri) {
		try {
			return new URI(uri);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String render(ConsentRecord pending, CsrfToken csrf) {
		URI redirect = parse(pending.redirectUri());
		String redirectHost = (redirect == null) ? ""
				: (redirect.getHost() != null) ? redirect.getHost() : redirect.getScheme() + ":";
		StringBuilder html = new StringBuilder();
		html.append("<p><b id=\"client-name\">")
			.append(Pages.escape(pending.clientName()))
			.append("</b> wants to use this MCP server as you.</p>");
		if (pending.verifiedHost() != null) {
			html.append("<p class=\"note\">This application is identified by <b id=\"verified-host\">")
				.append(Pages.escape(pending.verifiedHost()))
				.append("</b>, which published its details.</p>");
		}
		else {
			html.append("<p class=\"warn\">The application named itself; this server has not verified the name. ")
				.append("Approve only if you started this connection just now.</p>");
		}
		html.append("<dl><dt>You will be sent back to</dt><dd><code id=\"redirect-uri\">")
			.append(Pages.escape(pending.redirectUri()))
			.append("</code> (")
			.append(Pages.escape(redirectHost))
			.append(")</dd>");
		if (redirect != null && RedirectUris.isLoopback(redirect)) {
			html.append("<dd class=\"warn\">An application on this computer receives the sign-in.</dd>");
		}
		html.append("<dt>It asks to</dt>");
		String scopes = pending.request().getOrDefault(OAuth2ParameterNames.SCOPE, "");
		for (String scope : StringUtils.tokenizeToStringArray(scopes, " ")) {
			html.append("<dd>")
				.append(Pages.escape(SCOPE_DESCRIPTIONS.getOrDefault(scope, scope)))
				.append(" <code>")
				.append(Pages.escape(scope))
				.append("</code></dd>");
		}
		html.append("</dl><form method=\"post\" action=\"")
			.append(ClientConsent.PAGE)
			.append("\">")
			.append("<input type=\"hidden\" name=\"")
			.append(Pages.escape(csrf.getParameterName()))
			.append("\" value=\"")
			.append(Pages.escape(csrf.getToken()))
			.append("\"><input type=\"hidden\" name=\"id\" value=\"")
			.append(Pages.escape(pending.id()))
			.append("\"><button type=\"submit\" name=\"decision\" value=\"approve\" id=\"approve\">Approve</button>")
			.append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\" class=\"secondary\">Deny</button>")
			.append("</form>");
		return Pages.page("Allow access?", "authorization server", html.toString());
	}

}
