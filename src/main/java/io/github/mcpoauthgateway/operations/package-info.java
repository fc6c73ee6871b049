/**
 * What an operator watches: Prometheus metrics of token validation, tool calls, sign-ins
 * and gateway targets, the JSON audit log, request ids, and the drain before a graceful
 * shutdown.
 */
@NullMarked
package io.github.mcpoauthgateway.operations;

import org.jspecify.annotations.NullMarked;
