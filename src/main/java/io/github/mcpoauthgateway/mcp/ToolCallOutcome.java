package io.github.mcpoauthgateway.mcp;

/**
 * How a tool call ended, as a low-cardinality metric tag and audit field.
 */
public enum ToolCallOutcome {

	/** The tool answered a result. */
	OK("ok"),

	/** The tool answered an error result (bad arguments, an upstream error). */
	TOOL_ERROR("tool_error"),

	/**
	 * The caller may not call the tool: 403, or an error result if the filter was passed.
	 */
	DENIED("denied"),

	/** The tool threw: an error result saying the server log has the details. */
	FAILED("failed");

	private final String tag;

	ToolCallOutcome(String tag) {
		this.tag = tag;
	}

	/**
	 * The tag value.
	 * @return the value, in snake case
	 */
	public String tag() {
		return this.tag;
	}

}
