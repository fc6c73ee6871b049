package io.github.mcpoauthgateway.provisioning;

import java.util.Locale;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;

/**
 * Turns AWS failures into what to do about them.
 */
public final class AwsErrors {

	private AwsErrors() {
	}

	public static ProvisioningException explain(SdkException failure) {
		if (failure instanceof SdkClientException client) {
			String message = String.valueOf(client.getMessage());
			if (message.contains("credentials")) {
				return new ProvisioningException("No AWS credentials found: run aws configure (or aws sso login), "
						+ "set AWS_PROFILE, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.", failure);
			}
			return new ProvisioningException("Cannot reach Cognito: " + message, failure);
		}
		if (failure instanceof LimitExceededException) {
			return new ProvisioningException("An AWS quota was reached (" + detail(failure)
					+ "): delete unused user pools or clients, or ask AWS for a higher quota.", failure);
		}
		if (failure instanceof CognitoIdentityProviderException cognito) {
			String code = (cognito.awsErrorDetails() != null) ? cognito.awsErrorDetails().errorCode() : "";
			if (cognito.statusCode() == 403 || "AccessDeniedException".equals(code)
					|| "UnrecognizedClientException".equals(code)) {
				return new ProvisioningException(
						"AWS denied the request (" + detail(failure)
								+ "): the identity in use needs the cognito-idp permissions listed in infra/README.md.",
						failure);
			}
			String message = detail(failure);
			if (message.toLowerCase(Locale.ROOT).contains("domain")
					&& (message.toLowerCase(Locale.ROOT).contains("exist")
							|| message.toLowerCase(Locale.ROOT).contains("associated"))) {
				return new ProvisioningException("The domain prefix is already taken (" + message
						+ "): domain prefixes are unique per region; choose another --domain-prefix.", failure);
			}
			return new ProvisioningException("Cognito refused the request (" + message + ").", failure);
		}
		return new ProvisioningException("AWS request failed: " + failure.getMessage(), failure);
	}

	private static String detail(SdkException failure) {
		if (failure instanceof CognitoIdentityProviderException cognito && cognito.awsErrorDetails() != null) {
			return cognito.awsErrorDetails().errorCode() + ": " + cognito.awsErrorDetails().errorMessage();
		}
		return String.valueOf(failure.getMessage());
	}

}
