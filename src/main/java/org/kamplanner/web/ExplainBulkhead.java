package org.kamplanner.web;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;

/**
 * The analyses, explanations, recommendations and comparisons are computed while the client waits,
 * and one on dach-xl takes seconds of a core. At most {@code kam-planner.explain.max-concurrent} run at
 * once; a request that cannot start within {@code kam-planner.explain.max-wait} gets 503 with
 * Retry-After (ApiExceptionHandler), so the other endpoints and the solver keep their threads.
 */
@Component
public class ExplainBulkhead {

    private final Bulkhead bulkhead;

    ExplainBulkhead(@Value("${kam-planner.explain.max-concurrent:2}") int maxConcurrent,
            @Value("${kam-planner.explain.max-wait:2s}") Duration maxWait) {
        this.bulkhead = Bulkhead.of("explain", BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrent)
                .maxWaitDuration(maxWait)
                .build());
    }

    /** Runs the work within the bulkhead; its own exceptions pass through unchanged. */
    <T> T call(Supplier<T> work) {
        return bulkhead.executeSupplier(work);
    }
}
