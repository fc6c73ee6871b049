package io.github.mcpoauthgateway.authserver;

import java.time.Instant;
import java.util.List;

/**
 * A user who signed in, as the access token describes them, in Cognito's terms.
 *
 * @param subject the stable, unique user id ({@code sub})
 * @param username the sign-in name ({@code username})
 * @param groups the user's groups ({@code cognito:groups})
 * @param authenticatedAt when the user signed in ({@code auth_time})
 */
public record SignedInUser(String subject, String username, List<String> groups, Instant authenticatedAt) {

	public SignedInUser {
		groups = List.copyOf(groups);
	}

}
