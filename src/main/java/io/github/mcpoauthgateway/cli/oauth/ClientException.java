package io.github.mcpoauthgateway.cli.oauth;

/**
 * A failure explained for the person at the terminal: what went wrong and what to do.
 */
public final class ClientException extends RuntimeException {

	public ClientException(String message) {
		super(message);
	}

	public ClientException(String message, Throwable cause) {
		super(message, cause);
	}

}
