package io.github.mcpoauthgateway.tool;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The verified caller of a tool, taken from an access token that passed every check.
 *
 * @param issuer the authorization server that issued the token
 * @param subject the {@code sub} claim, stable for the user
 * @param username the {@code username} claim, when the token has one
 * @param clientId the OAuth client the user authorized
 * @param scopes the scopes granted to the token
 * @param groups the user's groups ({@code cognito:groups})
 * @param expiresAt when the token expires
 */
public record Caller(String issuer, String subject, @Nullable String username, @Nullable String clientId,
		Set<String> scopes, Set<String> groups, @Nullable Instant expiresAt) {

	public Caller {
		scopes = Set.copyOf(scopes);
		groups = Set.copyOf(groups);
	}

	/**
	 * Whether the caller holds every one of the given scopes.
	 * @param required the scopes to hold
	 * @return {@code true} when none is missing
	 */
	public boolean hasScopes(Set<String> required) {
		return this.scopes.containsAll(required);
	}

	/**
	 * Whether the caller belongs to at least one of the given groups.
	 * @param anyOf the groups to look for
	 * @return {@code true} when {@code anyOf} is empty or shares a group with the caller
	 */
	public boolean inAnyGroup(Set<String> anyOf) {
		if (anyOf.isEmpty()) {
			return true;
		}
		for (String group : anyOf) {
			if (this.groups.contains(group)) {
				return true;
			}
		}
		return false;
	}

}
