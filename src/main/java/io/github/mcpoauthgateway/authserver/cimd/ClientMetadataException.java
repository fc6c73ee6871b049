package io.github.mcpoauthgateway.authserver.cimd;

/**
 * A client metadata document, or a JWK Set, that cannot be fetched or accepted; the
 * message is a reason fit for logs and the browser error page: it names no secret and
 * quotes nothing from the document.
 */
final class ClientMetadataException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ClientMetadataException(String message) {
		super(message);
	}

}
