package io.github.mcpoauthgateway.authserver.bridge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person sees when the sign-in at Cognito fails: a page in the product's style
 * that names the problem and what to do, never the upstream's words.
 */
class UpstreamFailureHandlerTests {

	@ParameterizedTest
	@CsvSource({ "access_denied, 403, Sign-in cancelled", "authorization_request_not_found, 400, Sign-in expired",
			"invalid_state_parameter, 400, Sign-in expired",
			"invalid_token_response, 502, Amazon Cognito is unavailable",
			"server_error, 502, Amazon Cognito is unavailable",
			"temporarily_unavailable, 502, Amazon Cognito is unavailable", "invalid_grant, 400, Sign-in failed",
			"<script>alert(1)</script>, 400, Sign-in failed" })
	void onFailureWhenUpstreamErrorThenClearPageWithoutEcho(String code, int status, String title) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new UpstreamFailureHandler().onAuthenticationFailure(new MockHttpServletRequest(), response,
				new OAuth2AuthenticationException(new OAuth2Error(code, "upstream says: secret detail", null)));
		assertThat(response.getStatus()).isEqualTo(status);
		assertThat(response.getContentType()).startsWith("text/html");
		assertThat(response.getContentAsString()).contains(title)
			.contains("MCP OAuth Gateway")
			.doesNotContain("secret detail")
			.doesNotContain("<script>")
			.doesNotContain("alert(1)")
			.doesNotContain("Exception");
	}

}
