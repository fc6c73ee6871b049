package io.github.mcpoauthgateway.authserver;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page of the embedded authorization server: the product's name, which demo
 * users exist, and a clear message after a failed attempt. Rendered without a template
 * engine to keep the production classpath small.
 */
@RestController
@ConditionalOnBooleanProperty(DevAuthProperties.CONFIG_PREFIX + ".enabled")
final class DevLoginPageController {

	static final String WRONG_CREDENTIALS = "Incorrect username or password.";

	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="en">
			<head>
			<meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<title>Sign in · MCP OAuth Gateway</title>
			<style>
			  body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d2330; margin: 0; }
			  main { max-width: 24rem; margin: 8vh auto; background: #fff; border-radius: 12px;
			         box-shadow: 0 4px 24px rgba(0,0,0,.08); padding: 2rem 2.25rem; }
			  h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
			  .product { color: #5a6372; font-size: .9rem; margin: 0 0 1.5rem; }
			  label { display: block; font-weight: 600; font-size: .9rem; margin: 1rem 0 .35rem; }
			  input { width: 100%%; box-sizing: border-box; padding: .6rem .7rem; font-size: 1rem;
			          border: 1px solid #c5cad3; border-radius: 8px; }
			  button { width: 100%%; margin-top: 1.5rem; padding: .7rem; font-size: 1rem; font-weight: 600;
			           color: #fff; background: #2357d9; border: 0; border-radius: 8px; cursor: pointer; }
			  .alert { background: #fdecec; color: #a1161a; border: 1px solid #f3b8b9; border-radius: 8px;
			           padding: .6rem .8rem; font-size: .9rem; }
			  .note { background: #eef3ff; color: #24407a; border-radius: 8px; padding: .6rem .8rem; font-size: .9rem; }
			  .dev { color: #5a6372; font-size: .8rem; margin-top: 1.5rem; }
			</style>
			</head>
			<body>
			<main>
			<h1>Sign in</h1>
			<p class="product">MCP OAuth Gateway · local authorization server</p>
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
			</main>
			</body>
			</html>
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
		return PAGE.formatted(message, HtmlUtils.htmlEscape(csrf.getParameterName()),
				HtmlUtils.htmlEscape(csrf.getToken()));
	}

}
