package org.kamplanner.solver.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.move.AbstractMove;

/**
 * Puts an unassigned account on a KAM and makes room for it: the accounts that must leave that KAM
 * (so that capacity, sector cap and the personal maximum still hold) go to another KAM, which may in
 * turn make room, or become unassigned. Change and swap moves cannot make room for a big account by
 * taking two small ones off a full KAM in one step, and every single step towards it costs coverage,
 * so late acceptance rarely walks there: in over-full plans the search stalled at the medium level.
 * Built by {@link MakeRoomMoveFactory}; Timefold records and undoes the variable changes itself.
 */
final class MakeRoomMove extends AbstractMove<AssignmentPlan> {

    /** One account and where it goes (null: unassigned), with where it was when the move was built. */
    record Reassignment(Account account, Kam from, Kam to) {
    }

    private final List<Reassignment> reassignments;

    MakeRoomMove(List<Reassignment> reassignments) {
        this.reassignments = reassignments;
    }

    List<Reassignment> reassignments() {
        return reassignments;
    }

    @Override
    public boolean isMoveDoable(ScoreDirector<AssignmentPlan> scoreDirector) {
        if (reassignments.isEmpty()) {
            return false;
        }
        for (Reassignment r : reassignments) {
            if (r.account().getKam() != r.from() || Objects.equals(r.from(), r.to())) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<AssignmentPlan> scoreDirector) {
        apply(scoreDirector);
    }

    /** The reassignments on the working plan, announced to the score director (as a move, or by {@link CoverageRepair}). */
    void apply(ScoreDirector<AssignmentPlan> scoreDirector) {
        for (Reassignment r : reassignments) {
            scoreDirector.beforeVariableChanged(r.account(), "kam");
            r.account().setKam(r.to());
            scoreDirector.afterVariableChanged(r.account(), "kam");
        }
    }

    /** How many hand-overs (docs/model.md) the move adds, less those it undoes. */
    int handOverChange() {
        int change = 0;
        for (Reassignment r : reassignments) {
            change += (r.account().isHandOverWith(r.to()) ? 1 : 0) - (r.account().isHandOverWith(r.from()) ? 1 : 0);
        }
        return change;
    }

    @Override
    public Collection<?> getPlanningEntities() {
        return reassignments.stream().map(Reassignment::account).toList();
    }

    @Override
    public Collection<?> getPlanningValues() {
        List<Kam> values = new ArrayList<>();
        for (Reassignment r : reassignments) {
            if (r.to() != null) {
                values.add(r.to());
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "make room " + reassignments;
    }
}
