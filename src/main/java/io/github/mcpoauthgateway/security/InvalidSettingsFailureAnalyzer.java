package io.github.mcpoauthgateway.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a refused start in terms of the environment variables to set, rather than as a
 * bean creation stack trace.
 */
final class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
		String description = "The MCP server cannot protect its endpoint with these settings:\n  - "
				+ String.join("\n  - ", cause.getProblems());
		String action = "Set the variables above: .env.example and the README describe each of them. "
				+ "To try the server locally without an authorization server of your own, run "
				+ "./mvnw spring-boot:run (the local profile, with an embedded development authorization server).";
		return new FailureAnalysis(description, action, cause);
	}

}
