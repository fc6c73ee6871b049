package io.github.mcpoauthgateway.security;

import java.util.List;

/**
 * Thrown at startup when required settings are missing or invalid.
 */
public final class InvalidSettingsException extends RuntimeException {

	private final List<String> problems;

	public InvalidSettingsException(List<String> problems) {
		super("Invalid configuration: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * What is wrong, one entry per setting, each naming its environment variable.
	 * @return the problems
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
