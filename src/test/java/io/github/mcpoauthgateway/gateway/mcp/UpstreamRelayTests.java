package io.github.mcpoauthgateway.gateway.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.ToolCallContext;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which call {@link UpstreamRelay} gives what an upstream sends: never one it cannot be
 * sure of.
 */
class UpstreamRelayTests {

	static final Caller CALLER = new Caller("https://issuer.example", "alice-sub", "alice", "client", Set.of(),
			Set.of(), null);

	private final Map<String, PendingCall> calls = new ConcurrentHashMap<>();

	private final UpstreamRelay relay = new UpstreamRelay("up", this.calls, true, Duration.ofMinutes(1));

	@Test
	void routeWhenOnTheResponseStreamOfACallInFlightThenThatCall() {
		PendingCall a = inFlight();
		inFlight();

		assertThat(this.relay.route(a.token)).isSameAs(a);
	}

	@Test
	void routeWhenOnTheResponseStreamOfACallThatEndedThenNoneEvenWithAnotherInFlight() {
		PendingCall ended = new PendingCall(CALLER, ToolCallContext.NONE, Duration.ofSeconds(10));
		inFlight();

		assertThat(this.relay.route(ended.token)).isNull();
	}

	@Test
	void routeWhenOnNoStreamAndOneCallInFlightThenThatCall() {
		PendingCall only = inFlight();

		assertThat(this.relay.route(null)).isSameAs(only);
	}

	@Test
	void routeWhenOnNoStreamAndTwoCallsInFlightThenNone() {
		inFlight();
		inFlight();

		assertThat(this.relay.route(null)).isNull();
	}

	@Test
	void routeWhenOnNoStreamAndNoCallInFlightThenNone() {
		assertThat(this.relay.route(null)).isNull();
	}

	@Test
	void routeWhenOnNoStreamAndACallWasAbandonedLatelyThenNone() {
		PendingCall abandoned = inFlight();
		this.relay.abandoned(abandoned);
		this.calls.remove(abandoned.token);
		inFlight();

		assertThat(this.relay.route(null)).isNull();
	}

	@Test
	void routeWhenOnNoStreamAndTheAbandonedCallsQuarantineIsOverThenTheOneInFlight() throws InterruptedException {
		UpstreamRelay shortQuarantine = new UpstreamRelay("up", this.calls, true, Duration.ofMillis(1));
		PendingCall abandoned = inFlight();
		shortQuarantine.abandoned(abandoned);
		this.calls.remove(abandoned.token);
		PendingCall only = inFlight();
		Thread.sleep(5);

		assertThat(shortQuarantine.route(null)).isSameAs(only);
	}

	@Test
	void handledWhenClientRequestsNotRelayedThenLeftToTheSdkClient() {
		UpstreamRelay stateless = new UpstreamRelay("up", this.calls, false, Duration.ofMinutes(1));
		inFlight();

		assertThat(stateless.handled(new McpSchema.JSONRPCRequest(McpSchema.METHOD_SAMPLING_CREATE_MESSAGE, "1",
				Map.of("messages", List.of(), "maxTokens", 1)), null, null))
			.isFalse();
	}

	private PendingCall inFlight() {
		PendingCall call = new PendingCall(CALLER, ToolCallContext.NONE, Duration.ofSeconds(10));
		this.calls.put(call.token, call);
		return call;
	}

}
