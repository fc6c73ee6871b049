package io.github.mcpoauthgateway.provisioning;

/**
 * One thing setup or teardown did, or would do in a dry run.
 *
 * @param outcome what happened
 * @param resource what it happened to
 */
public record ProvisioningStep(Outcome outcome, String resource) {

	/**
	 * What happened to a resource.
	 */
	public enum Outcome {

		/** It did not exist and was created. */
		CREATED("created"),
		/** It existed with other settings and was updated. */
		UPDATED("updated"),
		/** It existed as wanted. */
		UNCHANGED("already up to date"),
		/** It was deleted. */
		DELETED("deleted"),
		/** A dry run: it would be created. */
		WOULD_CREATE("would create"),
		/** A dry run: it would be updated. */
		WOULD_UPDATE("would update"),
		/** A dry run: it would be deleted. */
		WOULD_DELETE("would delete"),
		/** There was nothing to delete. */
		ABSENT("not found");

		private final String label;

		Outcome(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

	@Override
	public String toString() {
		return String.format("%-18s %s", this.outcome.label(), this.resource);
	}

}
