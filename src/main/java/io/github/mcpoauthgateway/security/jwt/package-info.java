/**
 * Access token validation: Cognito rules composed onto Spring Security's JWT defaults,
 * with cached, rate-limited key loading.
 */
@NullMarked
package io.github.mcpoauthgateway.security.jwt;

import org.jspecify.annotations.NullMarked;
