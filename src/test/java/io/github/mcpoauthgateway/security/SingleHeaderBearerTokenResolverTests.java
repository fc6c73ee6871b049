package io.github.mcpoauthgateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The resolver must answer exactly as Spring Security's
 * {@link DefaultBearerTokenResolver} for one header: same token, same {@code null}, same
 * error.
 */
class SingleHeaderBearerTokenResolverTests {

	private static final String TOKEN_CHARACTERS = "abcxyzABCXYZ0189-._~+/";

	private final SingleHeaderBearerTokenResolver resolver = new SingleHeaderBearerTokenResolver();

	private final DefaultBearerTokenResolver framework = new DefaultBearerTokenResolver();

	@Test
	void resolveWhenEdgeCasesThenSameAnswerAsFramework() {
		List<String> values = List.of("", "Bearer", "Bearer ", "Bearer  ", "bearer abc", "BEARER abc", "BeArEr a",
				"Bearer abc=", "Bearer abc==", "Bearer =", "Bearer a=b", "Bearer a b", "Bearer\tabc", "Bearer  abc",
				"Bearer abc ", "Bearer abc\n", "Bearer abc\r\n", "Bearerabc", "Basic dXNlcjpwYXNz", "bearer",
				"Bearer a.b.c", "Bearer é", "Bearer ab%", "Bearer a\u0000", "Bearer " + "x".repeat(5000),
				"Bearer abc,Bearer def", "Bearers abc", "B\u0130arer abc", "Bearer \uFF41", "bearer-abc",
				"Bearer +/-._~", "Bearer ====", "Bearer a====");
		for (String value : values) {
			assertSameAnswer(value);
		}
	}

	@Test
	void resolveWhenRandomHeadersThenSameAnswerAsFramework() {
		Random random = new Random(20261128L);
		String alphabet = TOKEN_CHARACTERS + "= \t,;:\"\\%é\u0130\u017F\n\u0000";
		String[] prefixes = { "Bearer ", "bearer ", "BEARER ", "Bearer", "Bearer  ", "Bear ", "Basic ", "" };
		for (int n = 0; n < 20_000; n++) {
			StringBuilder value = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
			int length = random.nextInt(12);
			// Mostly token characters, so that many values are valid and many fail late.
			String characters = random.nextInt(3) == 0 ? alphabet : TOKEN_CHARACTERS + "=";
			for (int i = 0; i < length; i++) {
				value.append(characters.charAt(random.nextInt(characters.length())));
			}
			assertSameAnswer(value.toString());
		}
	}

	@Test
	void resolveWhenNoAuthorizationHeaderThenNull() {
		assertThat(this.resolver.resolve(new MockHttpServletRequest())).isNull();
	}

	@Test
	void resolveWhenTwoAuthorizationHeadersThenInvalidRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Authorization", "Bearer first");
		request.addHeader("Authorization", "Bearer second");
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.resolver.resolve(request))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request");
				assertThat(ex.getError().getDescription())
					.isEqualTo("Found multiple Authorization headers in the request");
			});
	}

	private void assertSameAnswer(String value) {
		assertThat(answer(this.resolver, value)).as("Authorization: %s", value)
			.isEqualTo(answer(this.framework, value));
	}

	private static List<String> answer(
			org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver, String value) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Authorization", value);
		List<String> answer = new ArrayList<>();
		try {
			answer.add("token:" + resolver.resolve(request));
		}
		catch (OAuth2AuthenticationException ex) {
			answer.add("error:" + ex.getError().getErrorCode() + ":" + ex.getError().getDescription() + ":"
					+ ex.getError().getUri());
		}
		return answer;
	}

}
