package io.github.mcpoauthgateway.authserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * The look of every page the authorization server shows a person (sign-in, consent,
 * errors): one layout and style, rendered without a template engine to keep the classpath
 * small. Callers pass HTML they built from escaped values.
 */
public final class Pages {

	private static final String LAYOUT = """
			<!DOCTYPE html>
			<html lang="en">
			<head>
			<meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<meta name="referrer" content="no-referrer">
			<title>%s · MCP OAuth Gateway</title>
			<style>
			  body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d2330; margin: 0; }
			  main { max-width: 28rem; margin: 8vh auto; background: #fff; border-radius: 12px;
			         box-shadow: 0 4px 24px rgba(0,0,0,.08); padding: 2rem 2.25rem; }
			  h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
			  .product { color: #5a6372; font-size: .9rem; margin: 0 0 1.5rem; }
			  label { display: block; font-weight: 600; font-size: .9rem; margin: 1rem 0 .35rem; }
			  input { width: 100%%; box-sizing: border-box; padding: .6rem .7rem; font-size: 1rem;
			          border: 1px solid #c5cad3; border-radius: 8px; }
			  button { width: 100%%; margin-top: 1rem; padding: .7rem; font-size: 1rem; font-weight: 600;
			           color: #fff; background: #2357d9; border: 0; border-radius: 8px; cursor: pointer; }
			  button.secondary { color: #1d2330; background: #e7e9ee; }
			  dl { margin: 1rem 0; font-size: .95rem; }
			  dt { font-weight: 600; margin-top: .75rem; }
			  dd { margin: .2rem 0 0; word-break: break-all; }
			  code { background: #f0f2f5; border-radius: 4px; padding: .05rem .3rem; }
			  .alert { background: #fdecec; color: #a1161a; border: 1px solid #f3b8b9; border-radius: 8px;
			           padding: .6rem .8rem; font-size: .9rem; }
			  .warn { background: #fff6e0; color: #7a5200; border: 1px solid #f0d48a; border-radius: 8px;
			          padding: .6rem .8rem; font-size: .9rem; }
			  .note { background: #eef3ff; color: #24407a; border-radius: 8px; padding: .6rem .8rem; font-size: .9rem; }
			  .dev { color: #5a6372; font-size: .8rem; margin-top: 1.5rem; }
			</style>
			</head>
			<body>
			<main>
			<h1>%s</h1>
			<p class="product">MCP OAuth Gateway · %s</p>
			%s
			</main>
			</body>
			</html>
			""";

	private Pages() {
	}

	/**
	 * A whole page.
	 * @param title the heading, plain text
	 * @param subtitle the line under the heading, plain text
	 * @param bodyHtml the content, already escaped
	 * @return the HTML document
	 */
	public static String page(String title, String subtitle, String bodyHtml) {
		return LAYOUT.formatted(escape(title), escape(title), escape(subtitle), bodyHtml);
	}

	/**
	 * A page that tells a person what went wrong and what to do about it.
	 * @param title what went wrong, plain text
	 * @param explanation why, and what to do, plain text
	 * @return the HTML document
	 */
	public static String error(String title, String explanation) {
		return page(title, "authorization server",
				"<p class=\"alert\" id=\"error\" role=\"alert\">" + escape(explanation) + "</p>");
	}

	/**
	 * Writes a page as the body of a response whose status the caller has set.
	 * @param response the response
	 * @param html the page
	 * @throws IOException on a write failure
	 */
	public static void write(HttpServletResponse response, String html) throws IOException {
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(html);
	}

	public static String escape(String text) {
		return HtmlUtils.htmlEscape(text);
	}

}
