package io.github.mcpoauthgateway.provisioning;

/**
 * A provisioning failure explained for the person running the command.
 */
public final class ProvisioningException extends RuntimeException {

	public ProvisioningException(String message) {
		super(message);
	}

	public ProvisioningException(String message, Throwable cause) {
		super(message, cause);
	}

}
