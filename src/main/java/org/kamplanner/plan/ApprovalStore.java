package org.kamplanner.plan;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A plan's approval columns (V6), written only here; PlanStore reads them with every row. Each change is
 * a compare-and-set on the state the caller saw: two replicas (or two approvers) cannot both win, and the
 * loser learns it from the count.
 */
@Repository
class ApprovalStore {

    private static final String FINISHED = "status in ('COMPLETED', 'TERMINATED', 'FAILED')";

    private final JdbcClient jdbc;

    ApprovalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The plan's approval becomes {@code to} if it is still in state {@code from} and the plan is not being
     * solved; false (nothing written) otherwise. updated_at moves on, so every replica reads the plan again.
     */
    boolean change(String id, Approval.State from, Approval to) {
        return jdbc.sql("update plan set approval_state = ?, approval_by = ?, approval_at = ?, effective_from = ?, "
                + "approval_note = ?, updated_at = ? where id = ? and approval_state = ? and " + FINISHED)
                .params(to.state().name(), to.by(), to.at() == null ? null : Timestamp.from(to.at()), to.effectiveFrom(),
                        to.note(), Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)), id, from.name())
                .update() > 0;
    }

    /**
     * The plan's approval state, its row locked until the transaction ends (a resume holds it while it puts the
     * plan back into the queue, so a proposal cannot slip in between). Empty when the plan is gone.
     */
    Optional<Approval.State> lockedState(String id) {
        return jdbc.sql("select approval_state from plan where id = ? for update").param(id).query(String.class)
                .optional().map(Approval.State::valueOf);
    }
}
