/**
 * OAuth Client ID Metadata Documents: clients whose {@code client_id} is an https URL
 * whose JSON document the authorization server fetches, checks and caches.
 */
@NullMarked
package io.github.mcpoauthgateway.authserver.cimd;

import org.jspecify.annotations.NullMarked;
