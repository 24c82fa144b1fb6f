package dev.governor.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A failure is logged as one line with its request id; its stack trace only the first time its cause is seen. */
class FailuresTest {

    @Test
    void theStackTraceOfACauseIsWrittenOnceAndANewCauseGetsItsOwn() {
        Failures failures = new Failures(LoggerFactory.getLogger(FailuresTest.class));
        assertThat(failures.log("r1", "POST /api/x", failure("boom"))).isTrue();
        assertThat(failures.log("r2", "POST /api/x", failure("boom again"))).isFalse();
        assertThat(failures.log("r3", "POST /api/x", new IllegalArgumentException("other"))).isTrue();
    }

    /** Always thrown from the same line, so it is always the same cause. */
    private static IllegalStateException failure(String message) {
        return new IllegalStateException(message);
    }
}
