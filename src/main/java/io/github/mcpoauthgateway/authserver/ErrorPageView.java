package io.github.mcpoauthgateway.authserver;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.View;

/**
 * The error page a browser sees for an error no other page explains: the status and what
 * to do, in the product's style; never the exception or the request.
 */
final class ErrorPageView implements View {

	@Override
	public String getContentType() {
		return MediaType.TEXT_HTML_VALUE;
	}

	@Override
	public void render(@Nullable Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		Object status = (model != null) ? model.get("status") : null;
		int code = (status instanceof Integer value) ? value : response.getStatus();
		String title = switch (code) {
			case 400 -> "Invalid request";
			case 401, 403 -> "Not allowed";
			case 404 -> "Page not found";
			default -> "Something went wrong";
		};
		String explanation = (code >= 500)
				? "The server could not complete the request (HTTP " + code + "). Try again in a moment."
				: "The server could not accept this request (HTTP " + code
						+ "). Go back to the application and try again.";
		Pages.write(response, Pages.error(title, explanation));
	}

}
