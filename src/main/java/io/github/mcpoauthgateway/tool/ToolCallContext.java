package io.github.mcpoauthgateway.tool;

import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;

/**
 * What a tool call can do besides reading its caller and arguments: report progress and
 * log messages to the client, and ask the client for an LLM completion (sampling) or for
 * input from its user (elicitation). Only a call on the stateful endpoint has a client to
 * reach; everything here is safe to call on any call, and does nothing or refuses when
 * the client cannot be reached or did not declare the capability.
 */
public interface ToolCallContext {

	/** A call whose client can be sent nothing (the stateless endpoint's calls). */
	ToolCallContext NONE = new ToolCallContext() {

		@Override
		public boolean progressRequested() {
			return false;
		}

		@Override
		public void progress(double progress, @Nullable Double total, @Nullable String message) {
		}

	};

	/**
	 * Whether the client sent a progress token with the call.
	 * @return {@code true} when {@link #progress} reaches the client
	 */
	boolean progressRequested();

	/**
	 * Sends the client a {@code notifications/progress} for this call; does nothing when
	 * it asked for none.
	 * @param progress the progress so far, increasing with each notification
	 * @param total the total, when known
	 * @param message a short description, when useful
	 */
	void progress(double progress, @Nullable Double total, @Nullable String message);

	/**
	 * Sends the client a {@code notifications/message}, unless its level is below the one
	 * the client set with {@code logging/setLevel}; does nothing when there is no client
	 * session to send it on.
	 * @param message the log message
	 */
	default void log(McpSchema.LoggingMessageNotification message) {
	}

	/**
	 * Whether the client declared the sampling capability.
	 * @return {@code true} when {@link #createMessage} can reach it
	 */
	default boolean canSample() {
		return false;
	}

	/**
	 * Asks the client for an LLM completion ({@code sampling/createMessage}) and waits
	 * for its answer.
	 * @param request the request
	 * @return the client's answer
	 * @throws IllegalStateException when the client did not declare sampling
	 * @throws RuntimeException an {@code McpError} when the client answered an error
	 */
	default McpSchema.CreateMessageResult createMessage(McpSchema.CreateMessageRequest request) {
		throw new IllegalStateException("The client does not support sampling");
	}

	/**
	 * Whether the client declared the elicitation capability (in any mode).
	 * @return {@code true} when {@link #elicit} can reach it
	 */
	default boolean canElicit() {
		return false;
	}

	/**
	 * Asks the client for input from its user ({@code elicitation/create}) and waits for
	 * the answer.
	 * @param request the request, in form or URL mode
	 * @return the client's answer
	 * @throws IllegalStateException when the client did not declare elicitation in the
	 * request's mode
	 * @throws RuntimeException an {@code McpError} when the client answered an error
	 */
	default McpSchema.ElicitResult elicit(McpSchema.ElicitRequest request) {
		throw new IllegalStateException("The client does not support elicitation");
	}

}
