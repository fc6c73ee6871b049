/**
 * The openapi kind of gateway target: each operation of an OpenAPI 3.x document with an
 * operationId served as a tool that calls the API.
 */
@NullMarked
package io.github.mcpoauthgateway.gateway.openapi;

import org.jspecify.annotations.NullMarked;
