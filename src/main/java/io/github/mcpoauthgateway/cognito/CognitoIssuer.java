package io.github.mcpoauthgateway.cognito;

import java.util.regex.Pattern;

/**
 * The issuer of a Cognito user pool's tokens,
 * {@code https://cognito-idp.<region>.amazonaws.com/<pool id>}: what the resource server
 * expects, what provisioning reports and how the command-line client recognises a pool.
 */
public final class CognitoIssuer {

	private static final Pattern ISSUER = Pattern
		.compile("https://cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com/[a-z0-9-]+_[A-Za-z0-9]+");

	private CognitoIssuer() {
	}

	/**
	 * The issuer of a user pool.
	 * @param region the pool's region, e.g. {@code eu-west-1}
	 * @param userPoolId the pool's id, e.g. {@code eu-west-1_AbCdEfGhI}
	 * @return its issuer URL
	 */
	public static String of(String region, String userPoolId) {
		return "https://cognito-idp." + region.trim() + ".amazonaws.com/" + userPoolId.trim();
	}

	/**
	 * Whether an issuer is a Cognito user pool's.
	 * @param issuer the issuer URL
	 * @return {@code true} for
	 * {@code https://cognito-idp.<region>.amazonaws.com/<pool id>}
	 */
	public static boolean matches(String issuer) {
		return ISSUER.matcher(issuer).matches();
	}

}
