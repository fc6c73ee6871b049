package io.github.mcpoauthgateway.gateway;

/**
 * A target as declared, with where it was declared for messages.
 *
 * @param label where the target is declared, e.g. {@code gateway.targets[0] (billing)}
 * @param properties its settings
 */
record DeclaredTarget(String label, TargetProperties properties) {

	String name() {
		String name = this.properties.getName();
		return (name != null) ? name : "";
	}

}
