package io.github.mcpoauthgateway.gateway;

import java.util.Map;

import io.github.mcpoauthgateway.gateway.credentials.CallerTokens;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the public keys of caller JWTs, for targets that verify them.
 */
@RestController
final class CallerKeysController {

	private final CallerTokens tokens;

	CallerKeysController(CallerTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping(path = CallerTokens.JWKS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> jwkSet() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(this.tokens.jwkSet());
	}

}
