package io.github.mcpoauthgateway.authserver;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.security.jackson.SecurityJacksonModule;
import org.springframework.security.jackson.SecurityJacksonModules;

/**
 * How grants and clients are written to the shared database: Spring Security's JSON
 * modules, whose type allow-list refuses any class it was not told about, plus the
 * modules of the sign-in method (bridge mode's Cognito user). Not a {@link JsonMapper}
 * bean, which would replace the one Spring MVC uses.
 *
 * @param mapper the mapper
 */
public record StoredJson(JsonMapper mapper) {

	/**
	 * The mapper with Spring Security's modules and the given ones.
	 * @param extra modules for this project's own types, each allowing them
	 * @return the stored JSON
	 */
	public static StoredJson with(List<SecurityJacksonModule> extra) {
		// Numeric claims such as auth_time are longs, which Spring Security does not
		// list.
		BasicPolymorphicTypeValidator.Builder types = BasicPolymorphicTypeValidator.builder()
			.allowIfSubType(Long.class);
		List<JacksonModule> modules = new ArrayList<>();
		for (SecurityJacksonModule module : extra) {
			module.configurePolymorphicTypeValidator(types);
			modules.add(module);
		}
		modules.addAll(SecurityJacksonModules.getModules(StoredJson.class.getClassLoader(), types));
		return new StoredJson(JsonMapper.builder().addModules(modules).build());
	}

}
