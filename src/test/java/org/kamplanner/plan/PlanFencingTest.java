package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.kamplanner.explain.PlanExplainer;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The fence that keeps two replicas from solving one plan in effect: each start of a solve takes the next
 * epoch, and a solve's writes count only while its epoch is the plan's. A replica given up for dead that
 * still runs cannot overwrite the solve that took over. The database alone (a JDBC slice with the Flyway
 * schema): the whole service's context is not needed to test its SQL.
 */
@JdbcTest
@Import({ PlanStore.class, JacksonAutoConfiguration.class })
class PlanFencingTest {

    @Autowired
    private PlanStore store;
    /** The store scores a plan's contents when it reads them; this test reads only rows. */
    @MockitoBean
    private PlanExplainer explainer;

    @Test
    void aSolveThatWasTakenOverCannotWriteAnyMore() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        store.insert(new PlanStore.PlanRow("fenced", "fenced", "SCHEDULED", now, now, "0hard/0medium/0soft", true,
                "{}", "{}", "[]", null, null, "anna", 0));

        long first = store.claim("fenced", "replica-a").orElseThrow();
        assertThat(store.saveProgress("fenced", "SOLVING", "0hard/0medium/-5soft", true, "{}", "[]", null, 0, now, first))
                .isTrue();
        long second = store.claim("fenced", "replica-b").orElseThrow();
        assertThat(second).isEqualTo(first + 1);

        assertThat(store.saveProgress("fenced", "COMPLETED", "0hard/0medium/-9soft", true, "{}", "[]", null, 0, now,
                first)).as("the replica that lost the plan").isFalse();
        assertThat(store.saveProgress("fenced", "SOLVING", "0hard/0medium/-3soft", true, "{}", "[]", null, 0, now,
                second)).as("the replica that took it over").isTrue();
        assertThat(store.header("fenced").orElseThrow().score()).isEqualTo("0hard/0medium/-3soft");
        // Writes that are no solve's own (a resume, an edit of a finished plan) are not fenced.
        assertThat(store.saveProgress("fenced", "COMPLETED", "0hard/0medium/-3soft", true, "{}", "[]", null, 0, now, 0))
                .isTrue();
        assertThat(store.claim("gone", "replica-a")).isEmpty();
    }
}
