package io.github.mcpoauthgateway.tool;

import org.jspecify.annotations.Nullable;

/**
 * What a tool call can do besides reading its caller and arguments: report progress to
 * the client, when the client asked for it with a progress token.
 */
public interface ToolCallContext {

	/** A call whose client asked for no progress (and the stateless endpoint's calls). */
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

}
