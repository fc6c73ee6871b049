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
		// Every client runs one full cycle at least (each kind of request, answer
		// checked);
		// a stateful one also initializes, confirms and ends its session.
		assertThat(requests[0]).isGreaterThanOrEqualTo(TrainingRun.CLIENTS * (TrainingLoad.REQUESTS_PER_CYCLE + 3L));
		assertThat(requests[1]).isGreaterThanOrEqualTo(TrainingRun.CLIENTS * (long) TrainingLoad.REQUESTS_PER_CYCLE);
	}

}
