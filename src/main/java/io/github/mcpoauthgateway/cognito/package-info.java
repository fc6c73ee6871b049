/**
 * Provisioning of Amazon Cognito for an MCP deployment with the AWS SDK: user pool,
 * managed login domain and branding, a resource server named by the MCP URL, an app
 * client, and optionally a test user and an admin group; and their removal.
 */
@NullMarked
package io.github.mcpoauthgateway.cognito;

import org.jspecify.annotations.NullMarked;
