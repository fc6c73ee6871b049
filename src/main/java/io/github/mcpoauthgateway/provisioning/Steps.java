package io.github.mcpoauthgateway.provisioning;

import java.util.function.Consumer;

import io.github.mcpoauthgateway.provisioning.ProvisioningStep.Outcome;

/**
 * Carries out a change and reports it, or, in a dry run, only reports what it would do.
 */
final class Steps {

	private final Consumer<ProvisioningStep> progress;

	private final boolean dryRun;

	Steps(Consumer<ProvisioningStep> progress, boolean dryRun) {
		this.progress = progress;
		this.dryRun = dryRun;
	}

	boolean isDryRun() {
		return this.dryRun;
	}

	void change(Outcome outcome, String resource, Runnable call) {
		if (this.dryRun) {
			report(switch (outcome) {
				case CREATED -> Outcome.WOULD_CREATE;
				case DELETED -> Outcome.WOULD_DELETE;
				default -> Outcome.WOULD_UPDATE;
			}, resource);
			return;
		}
		call.run();
		report(outcome, resource);
	}

	void report(Outcome outcome, String resource) {
		this.progress.accept(new ProvisioningStep(outcome, resource));
	}

}
