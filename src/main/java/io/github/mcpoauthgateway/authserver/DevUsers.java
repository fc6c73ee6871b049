package io.github.mcpoauthgateway.authserver;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The demo users: {@code user}, and {@code admin} in the {@code admin} group. Each has a
 * stable UUID subject, as Cognito users do, distinct from the username.
 */
final class DevUsers implements UserDetailsService {

	static final String USER = "user";

	static final String ADMIN = "admin";

	private final Map<String, DevUser> users = new LinkedHashMap<>();

	private final Map<String, String> encodedPasswords = new LinkedHashMap<>();

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	DevUsers(String userPassword, String adminPassword) {
		add(new DevUser(USER, userPassword, List.of("users")));
		add(new DevUser(ADMIN, adminPassword, List.of("admin", "users")));
	}

	private void add(DevUser user) {
		this.users.put(user.username(), user);
		this.encodedPasswords.put(user.username(), this.encoder.encode(user.password()));
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		DevUser user = this.users.get(username);
		if (user == null) {
			throw new UsernameNotFoundException("No such user");
		}
		return User.withUsername(user.username())
			.password(this.encodedPasswords.get(username))
			.authorities("ROLE_USER")
			.build();
	}

	@Nullable DevUser find(String username) {
		return this.users.get(username);
	}

	List<DevUser> all() {
		return List.copyOf(this.users.values());
	}

	/**
	 * A demo user.
	 *
	 * @param username the login name
	 * @param password the password, in clear: these are demo accounts
	 * @param groups the user's groups, as {@code cognito:groups}
	 */
	record DevUser(String username, String password, List<String> groups) {

		/**
		 * The user's subject: a UUID derived from the username, so it stays the same
		 * across restarts.
		 * @return the {@code sub} claim
		 */
		String subject() {
			return UUID.nameUUIDFromBytes(("mcp-oauth-gateway:" + this.username).getBytes(StandardCharsets.UTF_8))
				.toString();
		}

	}

}
