package io.github.mcpoauthgateway.cli.oauth;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationServerMetadataTests {

	@ParameterizedTest
	@CsvSource({ "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123, true",
			"https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_x9, true",
			"https://cognito-idp.us-east-1.amazonaws.com.evil.example/us-east-1_AbC123, false",
			"http://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123, false",
			"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123/extra, false",
			"https://login.example.com, false" })
	void isCognitoWhenIssuerThenOnlyRealCognitoPools(String issuer, boolean cognito) {
		AuthorizationServerMetadata metadata = new AuthorizationServerMetadata(issuer,
				URI.create("https://a/authorize"), URI.create("https://a/token"), null, false);
		assertThat(metadata.isCognito()).isEqualTo(cognito);
	}

}
