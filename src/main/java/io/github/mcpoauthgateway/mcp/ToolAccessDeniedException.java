package io.github.mcpoauthgateway.mcp;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;

/**
 * Thrown when a caller asks for a tool, prompt or resource it may not use, carrying every
 * scope the request needs so the challenge can tell the client what to ask for, and a
 * message for the challenge's {@code error_description}.
 */
public final class ToolAccessDeniedException extends AccessDeniedException {

	private final Set<String> requiredScopes;

	ToolAccessDeniedException(String message, Set<String> requiredScopes) {
		super(message);
		this.requiredScopes = Collections.unmodifiableSet(new LinkedHashSet<>(requiredScopes));
	}

	/**
	 * The scopes the denied call needs, the endpoint's own included.
	 * @return the scopes
	 */
	public Set<String> getRequiredScopes() {
		return this.requiredScopes;
	}

}
