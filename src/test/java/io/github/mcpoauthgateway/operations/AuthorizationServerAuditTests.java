package io.github.mcpoauthgateway.operations;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mcpoauthgateway.testsupport.AbstractDevStackTests;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import io.github.mcpoauthgateway.cli.oauth.Pkce;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded authorization server's decisions as metrics and audit lines: sign-ins,
 * registrations and token grants, without a password, a code or a token in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuthorizationServerAuditTests extends AbstractDevStackTests {

	@Autowired
	MeterRegistry registry;

	double count(String name, String... tags) {
		io.micrometer.core.instrument.Counter counter = this.registry.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void signInWhenPasswordRightThenSucceededLineAndCodeGrantIssued(CapturedOutput output) {
		double signIns = count(AuthenticationEvents.SIGN_INS, "outcome", "succeeded");
		double grants = count(AuthenticationEvents.TOKEN_GRANTS, "grant_type", "authorization_code", "outcome",
				"issued");
		Pkce pkce = Pkce.generate();
		DevAuthorizationServer server = authorizationServer();
		String url = server.authorizationUrl(DevAuthorizationServer.PUBLIC_CLIENT, DevAuthorizationServer.REDIRECT_URI,
				"mcp:tools", pkce, "s1", resource());
		Map<String, String> redirect = server.authorize(url, "user", USER_PASSWORD);
		Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "client_id",
				DevAuthorizationServer.PUBLIC_CLIENT, "code", redirect.get("code"), "redirect_uri",
				DevAuthorizationServer.REDIRECT_URI, "code_verifier", pkce.verifier(), "resource", resource()));
		HttpResponse<String> token = server.token(form, null);
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);

		assertThat(count(AuthenticationEvents.SIGN_INS, "outcome", "succeeded") - signIns).isEqualTo(1);
		assertThat(count(AuthenticationEvents.TOKEN_GRANTS, "grant_type", "authorization_code", "outcome", "issued")
				- grants)
			.isEqualTo(1);
		assertThat(AuditLogTests.auditLines(output, "sign_in")).singleElement().satisfies((line) -> {
			assertThat(line).containsEntry("outcome", "succeeded").containsEntry("method", "password");
			assertThat((String) line.get("sub")).isNotBlank().isNotEqualTo("user");
			assertThat((String) line.get("request_id")).matches("[0-9a-f]{32}");
		});
		assertThat(AuditLogTests.auditLines(output, "token_grant")).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("outcome", "issued")
				.containsEntry("grant_type", "authorization_code")
				.containsEntry("client_id", DevAuthorizationServer.PUBLIC_CLIENT));
		assertThat(output.getOut()).doesNotContain(USER_PASSWORD)
			.doesNotContain(redirect.get("code"))
			.doesNotContain(pkce.verifier())
			.doesNotContain((String) AuditLogTests.json(token.body()).get("access_token"));
	}

	@Test
	void signInWhenPasswordWrongThenFailedLineWithoutUsernameOrPassword(CapturedOutput output) {
		double failed = count(AuthenticationEvents.SIGN_INS, "outcome", "failed");
		DevAuthorizationServer server = authorizationServer();
		String url = server.authorizationUrl(DevAuthorizationServer.PUBLIC_CLIENT, DevAuthorizationServer.REDIRECT_URI,
				"mcp:tools", Pkce.generate(), "s2", resource());
		server.signIn(url, "user", "wrong-password-123");
		assertThat(count(AuthenticationEvents.SIGN_INS, "outcome", "failed") - failed).isEqualTo(1);
		assertThat(AuditLogTests.auditLines(output, "sign_in")).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("outcome", "failed").doesNotContainKey("sub"));
		assertThat(output.getOut()).doesNotContain("wrong-password-123");
	}

	@Test
	void registerWhenValidThenAcceptedAndWhenInvalidThenRefused(CapturedOutput output) {
		double accepted = count(AuthenticationEvents.REGISTRATIONS, "outcome", "accepted");
		double refused = count(AuthenticationEvents.REGISTRATIONS, "outcome", "refused");
		DevAuthorizationServer server = authorizationServer();
		HttpResponse<String> ok = server.register("""
				{"redirect_uris":["http://127.0.0.1:1234/callback"],"token_endpoint_auth_method":"none",
				"client_name":"audit test"}""");
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
		HttpResponse<String> bad = server.register("""
				{"redirect_uris":["javascript:alert(1)"],"token_endpoint_auth_method":"none"}""");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(count(AuthenticationEvents.REGISTRATIONS, "outcome", "accepted") - accepted).isEqualTo(1);
		assertThat(count(AuthenticationEvents.REGISTRATIONS, "outcome", "refused") - refused).isEqualTo(1);
		String clientId = (String) AuditLogTests.json(ok.body()).get("client_id");
		assertThat(AuditLogTests.auditLines(output, "registration")).hasSize(2)
			.anySatisfy((line) -> assertThat(line).containsEntry("outcome", "accepted")
				.containsEntry("client_id", clientId))
			.anySatisfy((line) -> assertThat(line).containsEntry("outcome", "refused")
				.containsEntry("error", "invalid_redirect_uri"));
		assertThat(output.getOut()).doesNotContain("javascript:alert");
	}

}
