package io.github.mcpoauthgateway.gateway;

import java.util.List;

/**
 * Every declared target, checked, in declaration order.
 *
 * @param all the targets
 */
record DeclaredTargets(List<DeclaredTarget> all) {

	DeclaredTargets {
		all = List.copyOf(all);
	}

}
