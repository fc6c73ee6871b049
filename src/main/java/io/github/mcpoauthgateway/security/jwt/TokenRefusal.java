package io.github.mcpoauthgateway.security.jwt;

import java.util.Collection;

import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Why a request to the protected endpoint got no access, as a low-cardinality metric tag.
 */
public enum TokenRefusal {

	/** No bearer token at all. */
	MISSING("missing"),

	/** Not a JWT, or a header the resolver refuses (two tokens, bad characters). */
	MALFORMED("malformed"),

	/** Past {@code exp}. */
	EXPIRED("expired"),

	/** Before {@code nbf}. */
	NOT_YET_VALID("not_yet_valid"),

	/** Not the trusted issuer. */
	WRONG_ISSUER("wrong_issuer"),

	/** An {@code aud} that does not name this resource. */
	WRONG_AUDIENCE("wrong_audience"),

	/** A client outside the allow-list. */
	CLIENT_NOT_ALLOWED("client_not_allowed"),

	/** An ID token, or any {@code token_use} but {@code access}. */
	WRONG_TOKEN_USE("wrong_token_use"),

	/** Another claim rule ({@code sub}, {@code exp} missing). */
	INVALID_CLAIMS("invalid_claims"),

	/**
	 * A signature no published key verifies (forged, unknown key id, wrong algorithm).
	 */
	BAD_SIGNATURE("bad_signature"),

	/** The issuer's keys could not be fetched: answered 503. */
	KEYS_UNAVAILABLE("keys_unavailable");

	// Spring Security's fixed texts (JwtTimestampValidator, JwtClaimValidator for iss).
	private static final String EXPIRED_PREFIX = "Jwt expired";

	private static final String NOT_BEFORE_PREFIX = "Jwt used before";

	private static final String ISSUER_DESCRIPTION = "The iss claim is not valid";

	private final String tag;

	TokenRefusal(String tag) {
		this.tag = tag;
	}

	/**
	 * The tag value.
	 * @return the value, in snake case
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * The refusal for the errors of the validators, by the first error; only called for a
	 * refused token, never on the path of an accepted one.
	 * @param errors the validation errors
	 * @return the refusal
	 */
	static TokenRefusal of(Collection<OAuth2Error> errors) {
		for (OAuth2Error error : errors) {
			if (error == AudienceValidator.OTHER_RESOURCE_ERROR) {
				return WRONG_AUDIENCE;
			}
			if (error == AudienceValidator.CLIENT_NOT_ALLOWED_ERROR
					|| error == AudienceValidator.AUDIENCE_CLIENT_NOT_ALLOWED_ERROR) {
				return CLIENT_NOT_ALLOWED;
			}
			if (error == TokenUseValidator.NOT_AN_ACCESS_TOKEN_ERROR) {
				return WRONG_TOKEN_USE;
			}
			String description = error.getDescription();
			if (description != null) {
				if (description.startsWith(EXPIRED_PREFIX)) {
					return EXPIRED;
				}
				if (description.startsWith(NOT_BEFORE_PREFIX)) {
					return NOT_YET_VALID;
				}
				if (description.equals(ISSUER_DESCRIPTION)) {
					return WRONG_ISSUER;
				}
			}
		}
		return INVALID_CLAIMS;
	}

	/**
	 * Whether a token refused with these errors stays refused: every claim rule but
	 * {@code nbf} judges what the token says against fixed settings, and an expired token
	 * only gets older.
	 * @param errors the validation errors
	 * @return {@code false} when time could lift one of them
	 */
	static boolean isFinal(Collection<OAuth2Error> errors) {
		for (OAuth2Error error : errors) {
			String description = error.getDescription();
			if (description != null && description.startsWith(NOT_BEFORE_PREFIX)) {
				return false;
			}
		}
		return !errors.isEmpty();
	}

}
