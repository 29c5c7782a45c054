package org.kamplanner.solver.search;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * Random {@link MakeRoomMove}s for local search, beside change and swap moves. Costs nothing while
 * every account is assigned (the medium score is 0: no iterator is built), so one solver
 * configuration serves plans that fit and plans that are over-full.
 *
 * <p>The plan as the moves read it (who is on which KAM, loads and counts) is a {@link PlanRoom}, kept in
 * step with the working plan; {@link RoomChain} builds each move on it.
 */
public class MakeRoomMoveFactory implements MoveIteratorFactory<AssignmentPlan, MakeRoomMove> {

    /** Tries per move before giving up with a move that is not doable (Timefold then skips it). */
    private static final int ATTEMPTS = 20;
    /**
     * Failed moves (no chain found in {@link #ATTEMPTS} tries) after which a step asks for no more: on a
     * plan where most unassigned accounts fit nowhere, each failed move costs every attempt's chain and
     * evaluates nothing, and Timefold kept asking (5,800 moves evaluated per second on a 240 × 2,200
     * over-full plan against 79,000 with every account assigned).
     */
    private static final int FAILURES_PER_STEP = 1;
    /**
     * How far room is made in turn: the incoming account's KAM, then the KAM of one that had to leave,
     * and so on. A solver config may set it (moveIteratorFactoryCustomProperties maxDepth).
     */
    private int maxDepth = 3;

    /** The plan as the moves read it and the chain builder on it; built once a phase, then kept in step. */
    private PlanRoom room;
    private RoomChain chains;

    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    @Override
    public void phaseStarted(ScoreDirector<AssignmentPlan> scoreDirector) {
        room = null; // problem changes may have replaced the plan or its facts
        chains = null;
    }

    @Override
    public long getSize(ScoreDirector<AssignmentPlan> scoreDirector) {
        AssignmentPlan plan = scoreDirector.getWorkingSolution();
        return (long) plan.getAccounts().size() * plan.getActiveKams().size();
    }

    @Override
    public Iterator<MakeRoomMove> createOriginalMoveIterator(ScoreDirector<AssignmentPlan> scoreDirector) {
        throw new UnsupportedOperationException("MakeRoomMoveFactory supports random selection only.");
    }

    @Override
    public Iterator<MakeRoomMove> createRandomMoveIterator(ScoreDirector<AssignmentPlan> scoreDirector,
            Random random) {
        AssignmentPlan plan = scoreDirector.getWorkingSolution();
        HardMediumSoftLongScore score = plan.getScore();
        if (score != null && score.mediumScore() == 0) {
            return Collections.emptyIterator(); // nothing unassigned (or coverage weighs nothing)
        }
        if (score == null && synced(plan).open.isEmpty()) {
            return Collections.emptyIterator(); // no score yet (a first step): the plan itself says
        }
        return new Iterator<>() {
            /** Moves in a row this step that found no chain: past a few, this step asks for none. */
            private int failures;
            /**
             * The room is brought up to the plan on the first make-room move a step asks for: most steps
             * of late acceptance end (a move accepted) before any is picked. Within a step the plan
             * does not change: Timefold undoes each move before the next is built.
             */
            private boolean synced;

            @Override
            public boolean hasNext() {
                return failures < FAILURES_PER_STEP;
            }

            @Override
            public MakeRoomMove next() {
                PlanRoom current = synced ? room(plan) : synced(plan);
                synced = true;
                MakeRoomMove move = current.open.isEmpty() ? null : randomMove(current, random);
                failures = move == null ? failures + 1 : 0;
                return move != null ? move : new MakeRoomMove(List.of()); // not doable: Timefold skips it
            }
        };
    }

    private PlanRoom room(AssignmentPlan plan) {
        if (room == null || room.plan != plan) {
            room = new PlanRoom(plan);
            chains = new RoomChain(room);
        }
        return room;
    }

    private PlanRoom synced(AssignmentPlan plan) {
        PlanRoom current = room(plan);
        current.sync();
        return current;
    }

    private MakeRoomMove randomMove(PlanRoom room, Random random) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int incoming = room.open.get(random.nextInt(room.open.size()));
            Kam[] kams = chains.qualifiedKams(incoming);
            if (kams.length == 0) {
                continue;
            }
            MakeRoomMove move = chains.build(incoming, kams[random.nextInt(kams.length)], maxDepth, random);
            if (move != null) {
                return move;
            }
        }
        return null;
    }
}
