/**
 * The OAuth 2.1 protected resource: security filter chains, RFC 9728 metadata and bearer
 * challenges.
 */
@NullMarked
package io.github.mcpoauthgateway.security;

import org.jspecify.annotations.NullMarked;
