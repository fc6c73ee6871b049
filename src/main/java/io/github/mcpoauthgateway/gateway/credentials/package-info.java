/**
 * What a target's outbound requests carry instead of the caller's token: a static header,
 * a client-credentials token, and optionally a short-lived JWT naming the caller.
 */
@NullMarked
package io.github.mcpoauthgateway.gateway.credentials;

import org.jspecify.annotations.NullMarked;
