package io.github.mcpoauthgateway.gateway;

/**
 * A failed call whose message is safe to show the caller, e.g. "HTTP 404 from the
 * upstream: not found". Any other exception from a target's tool is reported without
 * detail.
 */
public final class TargetException extends RuntimeException {

	public TargetException(String message) {
		super(message);
	}

	public TargetException(String message, Throwable cause) {
		super(message, cause);
	}

}
