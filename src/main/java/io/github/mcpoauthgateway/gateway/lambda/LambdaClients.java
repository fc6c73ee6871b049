package io.github.mcpoauthgateway.gateway.lambda;

import java.time.Duration;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * Builds a target's Lambda client: region and credentials from the standard AWS chains
 * (environment, profile, container or instance role), over the JDK's HTTP client like the
 * Cognito client.
 */
final class LambdaClients {

	// Room for the SDK's own per-call timeout to fire before the socket's.
	private static final Duration SOCKET_MARGIN = Duration.ofSeconds(5);

	private LambdaClients() {
	}

	/**
	 * A builder for the target's client, with credentials from the default chain; tests
	 * replace the credentials and retries.
	 * @param settings the target
	 * @return the builder
	 */
	static LambdaClientBuilder builder(LambdaTargetSettings settings) {
		LambdaClientBuilder builder = LambdaClient.builder()
			// NOTE: the socket read timeout bounds one attempt; it must outlast the
			// function, which may run for as long as the target's timeout.
			.httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(settings.timeout().plus(SOCKET_MARGIN)))
			.region(Region.of(region(settings)))
			.credentialsProvider(DefaultCredentialsProvider.builder().build());
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		return builder;
	}

	private static String region(LambdaTargetSettings settings) {
		String region = settings.effectiveRegion();
		if (region != null) {
			return region;
		}
		try {
			return new DefaultAwsRegionProviderChain().getRegion().id();
		}
		catch (SdkClientException ex) {
			throw new IllegalArgumentException("Lambda target '" + settings.name()
					+ "': no AWS region: set its region, use a full function ARN, or set AWS_REGION.", ex);
		}
	}

}
