package io.github.mcpoauthgateway.gateway.lambda;

import java.time.Duration;
import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Says what a failed invocation means for the caller, without the SDK's messages: they
 * are logged, not shown, so nothing about this server's AWS identity leaks.
 */
final class LambdaErrors {

	private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied",
			"UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
			"SignatureDoesNotMatch");

	private LambdaErrors() {
	}

	/**
	 * What went wrong, for the caller and the target's status.
	 * @param failure the SDK's exception
	 * @param timeout the target's timeout
	 * @return the description, without the target's name
	 */
	static String describe(SdkException failure, Duration timeout) {
		if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
			return "the function did not answer within " + seconds(timeout) + ".";
		}
		if (failure instanceof AbortedException) {
			return "the call was cancelled.";
		}
		if (failure instanceof SdkClientException) {
			if (String.valueOf(failure.getMessage()).contains("credentials")) {
				return "this server has no AWS credentials to invoke the function.";
			}
			return "cannot reach AWS Lambda.";
		}
		if (failure instanceof TooManyRequestsException) {
			return "AWS Lambda is throttling calls to the function; try again later.";
		}
		if (failure instanceof ResourceNotFoundException) {
			return "the function does not exist (check its name, qualifier and region).";
		}
		if (failure instanceof RequestTooLargeException) {
			return "the arguments are too large for AWS Lambda.";
		}
		if (failure instanceof AwsServiceException service) {
			String code = (service.awsErrorDetails() != null) ? service.awsErrorDetails().errorCode() : null;
			String answer = "HTTP " + service.statusCode() + ((code != null) ? " " + code : "");
			if (service.statusCode() == 403 || (code != null && DENIED.contains(code))) {
				return "AWS refused this server's call to the function (" + answer
						+ "): its role needs lambda:InvokeFunction on the function.";
			}
			if (service.statusCode() >= 500) {
				return "AWS Lambda failed (" + answer + "); try again later.";
			}
			return "AWS Lambda refused the call (" + answer + ").";
		}
		return "the call failed.";
	}

	/**
	 * Whether the failure says the target cannot serve calls now, as opposed to a problem
	 * with one call.
	 * @param failure the SDK's exception
	 * @return {@code true} when the target should report down
	 */
	static boolean isOutage(SdkException failure) {
		return !(failure instanceof AbortedException || failure instanceof RequestTooLargeException);
	}

	private static String seconds(Duration timeout) {
		return (timeout.toMillis() % 1000 == 0) ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
	}

}
