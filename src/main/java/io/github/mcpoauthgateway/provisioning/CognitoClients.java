package io.github.mcpoauthgateway.provisioning;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;

/**
 * Builds the Cognito client from the standard AWS provider chains (environment, profile,
 * container or instance role), over the JDK's HTTP client.
 */
public final class CognitoClients {

	private CognitoClients() {
	}

	/**
	 * The region to use: the given one, else the AWS default chain's.
	 * @param region the region option, if any
	 * @return the region
	 */
	public static String region(@Nullable String region) {
		if (region != null && !region.isBlank()) {
			return region;
		}
		try {
			return new DefaultAwsRegionProviderChain().getRegion().id();
		}
		catch (SdkClientException ex) {
			throw new ProvisioningException(
					"No AWS region: pass --region, or set AWS_REGION or a region in your AWS profile.", ex);
		}
	}

	/**
	 * Creates the client.
	 * @param region the region
	 * @param endpoint another endpoint, for a local emulator, or {@code null} for AWS
	 * @param credentials the credentials, or {@code null} for the default chain
	 * @return the client
	 */
	public static CognitoIdentityProviderClient create(String region, @Nullable URI endpoint,
			@Nullable AwsCredentialsProvider credentials) {
		CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.region(Region.of(region))
			.credentialsProvider((credentials != null) ? credentials : DefaultCredentialsProvider.builder().build());
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		return builder.build();
	}

}
