package io.github.mcpoauthgateway.cognito;

/**
 * The claims of an Amazon Cognito access token that this project reads or writes, beside
 * the registered ones of {@link org.springframework.security.oauth2.jwt.JwtClaimNames}:
 * the resource server checks them, tools see them, the embedded authorization server
 * issues tokens that carry them, and the gateway's caller token repeats them.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html">Cognito:
 * the access token</a>
 */
public final class CognitoClaimNames {

	/**
	 * {@code token_use}: {@value #ACCESS} for an access token, {@code id} for an ID
	 * token.
	 */
	public static final String TOKEN_USE = "token_use";

	/** The {@link #TOKEN_USE} of an access token. */
	public static final String ACCESS = "access";

	/**
	 * {@code client_id}: the app client the token was issued to (Cognito sets no
	 * {@code aud}).
	 */
	public static final String CLIENT_ID = "client_id";

	/** {@code username}: the user's name in the pool. */
	public static final String USERNAME = "username";

	/** {@code cognito:groups}: the user's groups in the pool. */
	public static final String GROUPS = "cognito:groups";

	/** {@code scope}: the granted scopes, separated by spaces. */
	public static final String SCOPE = "scope";

	private CognitoClaimNames() {
	}

}
