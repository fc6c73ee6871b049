/**
 * The training run of the container image: it starts the server as production runs it,
 * sends it the requests clients send, and stops, so that the JVM's ahead-of-time cache
 * holds the classes and method profiles of the request path, not only of the start-up.
 */
@NullMarked
package io.github.mcpoauthgateway.training;

import org.jspecify.annotations.NullMarked;
