package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.TestDocuments;
import org.springframework.http.HttpStatus;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/** Admission: one client's burst waits for its own plans (429); only a full queue stops everybody (503). */
class PlanRegistryTest {

    private static final PlanDocument DOCUMENT;

    static {
        TestDocuments doc = TestDocuments.document().region("R", "Munich", 48.137, 11.575).sector("S", "Services", 5, false);
        doc.kam("K1", "Anna", "R");
        doc.account("A1", "S", "R", "B");
        DOCUMENT = doc.toDocument();
    }

    /** Queue of 3, at most 2 per client. */
    private final PlanRegistry registry = new PlanRegistry(3, 2, 8);

    private int next;

    private StoredPlan plan(String client) {
        var model = PlanFactory.build(DOCUMENT).plan();
        model.setScore(HardMediumSoftLongScore.ZERO);
        return new StoredPlan("p-" + next++, DOCUMENT, List.of(), model, Instant.EPOCH, client);
    }

    @Test
    void aClientOverItsQuotaGets429AndOthersAreNotAffected() {
        registry.admit(plan("anna"));
        registry.admit(plan("anna"));
        assertThatThrownBy(() -> registry.admit(plan("anna"))).isInstanceOfSatisfying(SolveQueueFullException.class,
                e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("30");
                });
        assertThatCode(() -> registry.admit(plan("ben"))).doesNotThrowAnyException();
    }

    @Test
    void aFullQueueStopsEverybodyWith503() {
        registry.admit(plan("anna"));
        registry.admit(plan("ben"));
        registry.admit(plan("cleo"));
        assertThatThrownBy(() -> registry.admit(plan("dora"))).isInstanceOfSatisfying(SolveQueueFullException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    }

    @Test
    void aFinishedPlanFreesItsClientsShare() {
        StoredPlan first = plan("anna");
        registry.admit(first);
        registry.admit(plan("anna"));
        first.started();
        first.finished(null);
        assertThatCode(() -> registry.admit(plan("anna"))).doesNotThrowAnyException();
    }
}
