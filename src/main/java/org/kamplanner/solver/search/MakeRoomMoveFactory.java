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
    private static final int MAX_FAILURE_COUNT = 32;
    /**
     * Failed moves (no chain found in {@link #ATTEMPTS} tries) after which a step asks for no more: on a
     * plan where most unassigned accounts fit nowhere, each failed move costs every attempt's chain and
     * evaluates nothing, and Timefold kept asking. One, not three: on an over-full 240 × 2,200 plan 99 %
     * of chains fail and three failed moves per step were half the search's time (benchmarks/RESULTS.md,
     * "Session 5").
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
    /**
     * Chains in a row that found no room for each open account (by position), up to
     * {@link #MAX_FAILURE_COUNT}: an account is tried with probability 1 / (failures + 1), so the ones that
     * fit nowhere cost a random draw instead of a chain, and still get tried now and then as the plan
     * changes around them. On an over-full 240 × 2,200 plan A-accounts found room in 1 chain of 1,000,
     * C-accounts in 1 of 17 (benchmarks/RESULTS.md, "Session 5").
     */
    private int[] failures;

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
        // The plan's score is the last one calculated, often that of a move evaluated and undone since (a
        // change move that unassigns an account): the plan itself says whether anything is open. Syncing
        // costs one comparison per account; the snapshot this replaced, rebuilt whenever that score
        // changed, held a plan with every account assigned at a third of its speed.
        PlanRoom current = room(plan);
        current.sync();
        if (current.open.isEmpty()) {
            return Collections.emptyIterator();
        }
        return new Iterator<>() {
            /** Moves in a row this step that found no chain: past this many, this step asks for none. */
            private int failures;

            @Override
            public boolean hasNext() {
                return failures < FAILURES_PER_STEP;
            }

            /** Timefold undoes each move before it asks for the next one: the room stays as synced. */
            @Override
            public MakeRoomMove next() {
                MakeRoomMove move = randomMove(current, random);
                failures = move == null ? failures + 1 : 0;
                return move != null ? move : new MakeRoomMove(List.of()); // not doable: Timefold skips it
            }
        };
    }

    private PlanRoom room(AssignmentPlan plan) {
        if (room == null || room.plan != plan) {
            room = new PlanRoom(plan);
            chains = new RoomChain(room);
            failures = new int[room.accounts.length];
        }
        return room;
    }

    private MakeRoomMove randomMove(PlanRoom room, Random random) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int incoming = room.open.get(random.nextInt(room.open.size()));
            Kam[] kams = chains.qualifiedKams(incoming);
            if (kams.length == 0 || random.nextInt(failures[incoming] + 1) != 0) {
                continue;
            }
            MakeRoomMove move = chains.build(incoming, kams[random.nextInt(kams.length)], maxDepth, random);
            if (move != null && !room.withinHandOverCap(move)) {
                continue; // not counted as a failure: the account may fit by a chain that moves fewer
            }
            if (move != null) {
                failures[incoming] = 0;
                return move;
            }
            failures[incoming] = Math.min(failures[incoming] + 1, MAX_FAILURE_COUNT);
        }
        return null;
    }
}
