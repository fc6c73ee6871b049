/**
 * The embedded development authorization server: Spring Authorization Server issuing
 * tokens shaped like Amazon Cognito's, with demo users and clients. Off unless
 * {@code dev.enabled} is set (the {@code local} profile sets it).
 */
@NullMarked
package io.github.mcpoauthgateway.authserver;

import org.jspecify.annotations.NullMarked;
