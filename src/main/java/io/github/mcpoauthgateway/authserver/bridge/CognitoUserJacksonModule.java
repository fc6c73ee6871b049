package io.github.mcpoauthgateway.authserver.bridge;

import java.util.Collection;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.jackson.SecurityJacksonModule;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * Lets the user of a bridge grant, a {@link CognitoUser}, be written with the grant to
 * the shared database and read back on any replica, as Spring Security does for its own
 * {@code DefaultOidcUser}.
 */
final class CognitoUserJacksonModule extends SecurityJacksonModule {

	CognitoUserJacksonModule() {
		super(CognitoUserJacksonModule.class.getName(), tools.jackson.core.Version.unknownVersion());
	}

	@Override
	public void configurePolymorphicTypeValidator(BasicPolymorphicTypeValidator.Builder builder) {
		builder.allowIfSubType(CognitoUser.class);
	}

	@Override
	public void setupModule(SetupContext context) {
		context.setMixIn(CognitoUser.class, CognitoUserMixin.class);
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
			isGetterVisibility = JsonAutoDetect.Visibility.NONE)
	@JsonIgnoreProperties(ignoreUnknown = true)
	abstract static class CognitoUserMixin {

		@JsonCreator
		CognitoUserMixin(@JsonProperty("authorities") Collection<? extends GrantedAuthority> authorities,
				@JsonProperty("idToken") OidcIdToken idToken, @JsonProperty("grantId") String grantId) {
		}

	}

}
