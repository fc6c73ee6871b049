/**
 * The Cognito token contract, written once: the claim names and the issuer URL that the
 * resource server, the caller resolver, the embedded authorization server, provisioning
 * and the command-line client share.
 */
@NullMarked
package io.github.mcpoauthgateway.cognito;

import org.jspecify.annotations.NullMarked;
