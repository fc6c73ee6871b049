package io.github.mcpoauthgateway.authserver.cimd;

/**
 * A client metadata document, or a JWK Set, that cannot be fetched or accepted; the
 * message is a reason fit for logs and the browser error page: it names no secret and
 * quotes nothing from the document.
 */
final class ClientMetadataException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String reason;

	ClientMetadataException(String message) {
		super(message);
		this.reason = message;
	}

	/**
	 * The reason, never {@code null}: every instance is made with one.
	 * @return the reason
	 */
	@Override
	public String getMessage() {
		return this.reason;
	}

}
