/**
 * Provisioning of Amazon Cognito for an MCP deployment with the AWS SDK: user pool,
 * managed login domain and branding, a resource server named by the MCP URL, an app
 * client, and optionally a test user, an admin group and the confidential app client of
 * bridge mode; and their removal.
 */
@NullMarked
package io.github.mcpoauthgateway.provisioning;

import org.jspecify.annotations.NullMarked;
