/**
 * Gateway targets of the Lambda kind: AWS Lambda functions served as MCP tools, each call
 * a synchronous invocation whose event carries the arguments and the verified caller.
 */
@NullMarked
package io.github.mcpoauthgateway.gateway.lambda;

import org.jspecify.annotations.NullMarked;
