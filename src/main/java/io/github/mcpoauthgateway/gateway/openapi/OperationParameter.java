package io.github.mcpoauthgateway.gateway.openapi;

/**
 * A parameter of an operation that the tool sends.
 *
 * @param name its name, also the name of the tool's argument
 * @param in where it goes: path, query or header
 * @param required whether the call needs it
 */
record OperationParameter(String name, String in, boolean required) {

}
