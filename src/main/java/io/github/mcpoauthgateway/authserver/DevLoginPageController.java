package io.github.mcpoauthgateway.authserver;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sign-in page of the embedded authorization server: the product's name, which demo
 * users exist, and a clear message after a failed attempt, in the look of every page of
 * the authorization server.
 */
@RestController
@ConditionalOnBooleanProperty(DevAuthProperties.CONFIG_PREFIX + ".enabled")
final class DevLoginPageController {

	static final String WRONG_CREDENTIALS = "Incorrect username or password.";

	private static final String FORM = """
			%s
			<form method="post" action="login">
			<label for="username">Username</label>
			<input id="username" name="username" autocomplete="username" required autofocus>
			<label for="password">Password</label>
			<input id="password" name="password" type="password" autocomplete="current-password" required>
			<input type="hidden" name="%s" value="%s">
			<button id="sign-in" type="submit">Sign in</button>
			</form>
			<p class="dev">Development mode: the demo users are <b>user</b> and <b>admin</b>; their
			passwords are in the server log.</p>
			""";

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	String login(HttpServletRequest request, CsrfToken csrf) {
		String message = "";
		if (request.getParameter("error") != null) {
			message = "<p class=\"alert\" id=\"error\" role=\"alert\">" + WRONG_CREDENTIALS + "</p>";
		}
		else if (request.getParameter("logout") != null) {
			message = "<p class=\"note\" role=\"status\">You have been signed out.</p>";
		}
		return Pages.page("Sign in", "local authorization server",
				FORM.formatted(message, Pages.escape(csrf.getParameterName()), Pages.escape(csrf.getToken())));
	}

}
