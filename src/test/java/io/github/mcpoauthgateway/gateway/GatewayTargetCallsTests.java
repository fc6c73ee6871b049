package io.github.mcpoauthgateway.gateway;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauthgateway.tool.ToolResults;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits every target's calls run under, without a server.
 */
class GatewayTargetCallsTests {

	static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	@Test
	void runWhenLimitReachedThenRefusedAtOnceAndAcceptedAgainAfter() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		ExecutorService callers = Executors.newSingleThreadExecutor();
		try (TargetCalls calls = new TargetCalls("api", 1, Duration.ofSeconds(5))) {
			Future<McpSchema.CallToolResult> first = callers.submit(() -> calls.run("t", "sub", () -> {
				started.countDown();
				await(release);
				return ToolResults.structured(java.util.Map.of("ok", true));
			}));
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

			long before = System.nanoTime();
			McpSchema.CallToolResult refused = calls.run("t", "sub", () -> ToolResults.error("never"));

			assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
			assertThat(refused.isError()).isTrue();
			assertThat(text(refused)).isEqualTo("Target api is busy: 1 calls are in progress; try again shortly.");
			release.countDown();
			assertThat(first.get(5, TimeUnit.SECONDS).isError()).isFalse();
			assertThat(calls.run("t", "sub", () -> ToolResults.structured(java.util.Map.of())).isError()).isFalse();
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void runWhenCallExceedsTimeoutThenToolErrorAndPermitKeptUntilTheCallEnds() {
		try (TargetCalls calls = new TargetCalls("api", 1, Duration.ofMillis(200))) {
			McpSchema.CallToolResult result = calls.run("t", "sub", () -> {
				try {
					Thread.sleep(10_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return ToolResults.error("late");
			});

			assertThat(text(result)).isEqualTo("Target api did not answer within 200 ms; the call was abandoned.");
			// The abandoned call was interrupted, so its permit comes back.
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> !calls.run("t", "sub", () -> ToolResults.structured(java.util.Map.of())).isError());
		}
	}

	@Test
	void runWhenToolThrowsThenToolErrorNamingTheTargetWithoutDetail() {
		try (TargetCalls calls = new TargetCalls("api", 4, Duration.ofSeconds(5))) {
			McpSchema.CallToolResult failed = calls.run("t", "sub", () -> {
				throw new IllegalStateException("secret=hunter2 at line 3");
			});
			McpSchema.CallToolResult explained = calls.run("t", "sub", () -> {
				throw new TargetException("HTTP 500 from t");
			});

			assertThat(text(failed)).isEqualTo("The call to target api failed; the server log has the details.")
				.doesNotContain("hunter2");
			assertThat(text(explained)).isEqualTo("Target api: HTTP 500 from t");
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
