package org.kamplanner.solver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.move.AbstractMove;

/**
 * Puts an unassigned account on a KAM and makes room for it: the accounts that must leave that KAM
 * (so that capacity, sector cap and the personal maximum still hold) go to another KAM with room,
 * or become unassigned. Change and swap moves cannot make room for a big A-account by taking two
 * small ones off a full KAM in one step, and every single step towards it costs coverage, so late
 * acceptance rarely walks there: in over-full plans the search stalled at the medium level.
 * Built by {@link MakeRoomMoveFactory}; Timefold records and undoes the variable changes itself.
 */
final class MakeRoomMove extends AbstractMove<AssignmentPlan> {

    private final Account incoming;
    private final Kam kam;
    private final List<Account> leaving;
    /** Where each leaving account goes, in the same order; null leaves it unassigned. */
    private final List<Kam> destinations;

    MakeRoomMove(Account incoming, Kam kam, List<Account> leaving, List<Kam> destinations) {
        this.incoming = incoming;
        this.kam = kam;
        this.leaving = leaving;
        this.destinations = destinations;
    }

    @Override
    public boolean isMoveDoable(ScoreDirector<AssignmentPlan> scoreDirector) {
        if (kam == null || incoming.getKam() != null) {
            return false;
        }
        for (Account account : leaving) {
            if (account.getKam() != kam) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<AssignmentPlan> scoreDirector) {
        for (int i = 0; i < leaving.size(); i++) {
            assign(scoreDirector, leaving.get(i), destinations.get(i));
        }
        assign(scoreDirector, incoming, kam);
    }

    private static void assign(ScoreDirector<AssignmentPlan> scoreDirector, Account account, Kam kam) {
        scoreDirector.beforeVariableChanged(account, "kam");
        account.setKam(kam);
        scoreDirector.afterVariableChanged(account, "kam");
    }

    @Override
    public Collection<?> getPlanningEntities() {
        List<Account> entities = new ArrayList<>(leaving.size() + 1);
        entities.add(incoming);
        entities.addAll(leaving);
        return entities;
    }

    @Override
    public Collection<?> getPlanningValues() {
        List<Kam> values = new ArrayList<>(destinations.size() + 1);
        values.add(kam);
        for (Kam destination : destinations) {
            if (destination != null) {
                values.add(destination);
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return incoming + " {null -> " + kam + "}, making room: " + leaving + " -> " + destinations;
    }
}
