package io.github.mcpoauthgateway.training;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image's training run works on this code: CI has no Docker engine, so the
 * image build that runs it is not tried here. Every answer is checked by the load itself
 * (tool results, 401s, metadata, health), on both transports.
 */
class TrainingRunTests {

	@Test
	void runWhenServerStartsThenBothTransportsAnswerEveryTrainingRequest() throws Exception {
		long[] requests = TrainingRun.run(Duration.ofSeconds(1));
		assertThat(requests).hasSize(2);
		// Stateful: each of the 8 clients initializes, confirms, calls at least once and
		// ends its session; stateless: each calls at least once.
		assertThat(requests[0]).isGreaterThanOrEqualTo(8 * 4);
		assertThat(requests[1]).isGreaterThanOrEqualTo(8);
	}

}
