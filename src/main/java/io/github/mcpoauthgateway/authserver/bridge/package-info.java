/**
 * Bridge mode: the authorization server that MCP clients see delegates the user's sign-in
 * to Amazon Cognito's managed login, through one confidential app client.
 */
@NullMarked
package io.github.mcpoauthgateway.authserver.bridge;

import org.jspecify.annotations.NullMarked;
