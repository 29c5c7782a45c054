package org.kamplanner.solver.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.kamplanner.domain.Account;
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
 * <p>Each step takes a snapshot of the plan (who is on which KAM, loads and counts): moves of one
 * step all start from the same plan, and Timefold undoes each one before the next is built.
 */
public class MakeRoomMoveFactory implements MoveIteratorFactory<AssignmentPlan, MakeRoomMove> {

    /** Tries per move before giving up with a move that is not doable (Timefold then skips it). */
    private static final int ATTEMPTS = 20;
    private static final int DESTINATION_TRIES = 8;
    private static final int INSERT_TRIES = 3;
    /**
     * Failed moves (no chain found in {@link #ATTEMPTS} tries) after which a step asks for no more: on a
     * plan where most unassigned accounts fit nowhere, each failed move costs every attempt's chain and
     * evaluates nothing, and Timefold kept asking (5,800 moves evaluated per second on a 240 × 2,200
     * over-full plan against 79,000 with every account assigned).
     */
    private static final int FAILURES_PER_STEP = 3;
    /**
     * How far room is made in turn: the incoming account's KAM, then the KAM of one that had to leave,
     * and so on. A solver config may set it (moveIteratorFactoryCustomProperties maxDepth).
     */
    private int maxDepth = 3;

    /** KAMs each account may have by the pair rules (facts only); rebuilt each phase, after problem changes. */
    private final Map<Account, Kam[]> qualified = new IdentityHashMap<>();

    private Snapshot snapshot;
    private HardMediumSoftLongScore snapshotScore;

    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    @Override
    public void phaseStarted(ScoreDirector<AssignmentPlan> scoreDirector) {
        qualified.clear();
        snapshot = null;
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
        if (score == null && snapshot(plan).open.isEmpty()) {
            return Collections.emptyIterator(); // no score yet (a first step): the plan itself says
        }
        return new Iterator<>() {
            /** Moves in a row this step that found no chain: past a few, this step asks for none. */
            private int failures;

            @Override
            public boolean hasNext() {
                return failures < FAILURES_PER_STEP;
            }

            @Override
            public MakeRoomMove next() {
                Snapshot current = snapshot(plan);
                MakeRoomMove move = current.open.isEmpty() ? null : current.randomMove(random);
                failures = move == null ? failures + 1 : 0;
                return move != null ? move : new MakeRoomMove(List.of()); // not doable: Timefold skips it
            }
        };
    }

    /**
     * The snapshot of the plan as it stands, built on the first make-room move a step asks for: Timefold
     * creates this factory's iterator at every step, and most steps of late acceptance end (a move
     * accepted) before any make-room move is picked, so building it there cost a pass over every account
     * per step (on 2,200 accounts move evaluation fell to a tenth). It is kept while the plan's score
     * stays the same (a step that changed nothing, or no step); a move built on a plan that changed
     * since with an equal score is still safe: {@link MakeRoomMove#isMoveDoable} checks that every
     * account is where the move expects it, and the score judges the rest.
     */
    private Snapshot snapshot(AssignmentPlan plan) {
        HardMediumSoftLongScore score = plan.getScore();
        if (snapshot == null || snapshot.plan != plan || score == null || !score.equals(snapshotScore)) {
            snapshot = new Snapshot(plan);
            snapshotScore = score;
        }
        return snapshot;
    }

    private Kam[] qualifiedKams(Account account, List<Kam> activeKams, KamLoads loads) {
        return qualified.computeIfAbsent(account, a -> activeKams.stream()
                .filter(kam -> loads.qualifies(a, kam))
                .toArray(Kam[]::new));
    }

    /** Cheapest to leave out first: the unassigned penalty per minute of workload it frees. */
    private static Comparator<Account> byValuePerMinute(Kam kam) {
        return (a, b) -> Long.compare(a.getUnassignedPenalty() * b.workloadMinutesWith(kam),
                b.getUnassignedPenalty() * a.workloadMinutesWith(kam));
    }

    private final class Snapshot {
        private final AssignmentPlan plan;
        /** Loads and counts as the plan stands; a chain changes them while it is built, then undoes that. */
        private final KamLoads loads;
        private final List<Account> open = new ArrayList<>();
        /** Unpinned accounts by KAM index: the ones that may make room. */
        private final List<List<Account>> movable;

        Snapshot(AssignmentPlan plan) {
            this.plan = plan;
            this.loads = KamLoads.of(plan);
            this.movable = new ArrayList<>(plan.getKams().size());
            for (int i = 0; i < plan.getKams().size(); i++) {
                movable.add(new ArrayList<>());
            }
            for (Account account : plan.getAccounts()) {
                if (account.isPinned()) {
                    continue;
                }
                if (account.getKam() == null) {
                    open.add(account);
                } else {
                    movable.get(account.getKam().getIndex()).add(account);
                }
            }
        }

        MakeRoomMove randomMove(Random random) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Account incoming = open.get(random.nextInt(open.size()));
                Kam[] kams = qualifiedKams(incoming, plan.getActiveKams(), loads);
                if (kams.length == 0) {
                    continue;
                }
                Chain chain = new Chain(random);
                MakeRoomMove move = chain.insert(incoming, kams[random.nextInt(kams.length)], maxDepth)
                        ? chain.moveUnlessCoverageLost() : null;
                chain.undo();
                if (move != null) {
                    return move;
                }
            }
            return null;
        }

        /** The reassignments of one move while it is being built, applied to the loads as it goes. */
        private final class Chain {
            private final Random random;
            private final Map<Account, Kam> destination = new IdentityHashMap<>();
            private final List<Account> order = new ArrayList<>();
            private final List<Runnable> undo = new ArrayList<>();

            Chain(Random random) {
                this.random = random;
            }

            private Kam current(Account account) {
                return destination.containsKey(account) ? destination.get(account) : account.getKam();
            }

            private void assign(Account account, Kam kam) {
                Kam from = current(account);
                if (from != null) {
                    loads.remove(account, from);
                    undo.add(() -> loads.add(account, from));
                }
                if (kam != null) {
                    loads.add(account, kam);
                    undo.add(() -> loads.remove(account, kam));
                }
                if (!destination.containsKey(account)) {
                    order.add(account);
                }
                destination.put(account, kam);
            }

            void undo() {
                for (int i = undo.size() - 1; i >= 0; i--) {
                    undo.get(i).run();
                }
            }

            /** Puts the account on the KAM after taking off whoever is in the way; false when that cannot be done. */
            boolean insert(Account incoming, Kam kam, int depth) {
                List<Account> leaving = leavingFor(incoming, kam);
                if (leaving == null) {
                    return false;
                }
                for (Account account : leaving) {
                    assign(account, null);
                }
                assign(incoming, kam);
                for (Account account : leaving) {
                    relocate(account, kam, depth - 1);
                }
                return true;
            }

            /** Another KAM for an account that had to leave: one with room, else (depth left) one that makes room. */
            private void relocate(Account account, Kam from, int depth) {
                Kam[] kams = qualifiedKams(account, plan.getActiveKams(), loads);
                if (kams.length < 2) {
                    return;
                }
                for (int t = 0; t < DESTINATION_TRIES; t++) {
                    Kam candidate = kams[random.nextInt(kams.length)];
                    if (candidate != from && loads.obstacle(account, candidate) == null) {
                        assign(account, candidate);
                        return;
                    }
                }
                for (int t = 0; depth > 0 && t < INSERT_TRIES; t++) {
                    Kam candidate = kams[random.nextInt(kams.length)];
                    if (candidate != from && insert(account, candidate, depth)) {
                        return;
                    }
                } // else it stays unassigned
            }

            /**
             * Which accounts must leave the KAM so the incoming one fits (never one this chain moved
             * already), or null when none will do: one account alone, or (cheapest coverage per freed
             * minute first, or in random order) as many as it takes, then whoever need not leave
             * after all stays.
             */
            private List<Account> leavingFor(Account incoming, Kam kam) {
                List<Account> candidates = new ArrayList<>();
                for (Account account : movable.get(kam.getIndex())) {
                    if (!destination.containsKey(account)) {
                        candidates.add(account);
                    }
                }
                Collections.shuffle(candidates, random);
                int way = random.nextInt(3);
                if (way == 0) {
                    // One account alone, the smallest that makes enough room: often a smaller account of
                    // the same tier, which then finds room elsewhere more easily than the incoming one.
                    Account single = null;
                    for (Account candidate : candidates) {
                        if (fits(incoming, kam, List.of(candidate)) && (single == null
                                || candidate.workloadMinutesWith(kam) < single.workloadMinutesWith(kam))) {
                            single = candidate;
                        }
                    }
                    if (single != null) {
                        return new ArrayList<>(List.of(single));
                    }
                } else if (way == 1) {
                    candidates.sort(byValuePerMinute(kam)); // stable: the shuffle breaks ties
                }
                List<Account> leaving = new ArrayList<>();
                if (loads.sectorCount(kam, incoming.getSector()) + 1 > incoming.getSector().getMaxAccountsPerKam()) {
                    Account sameSector = candidates.stream()
                            .filter(a -> a.getSector() == incoming.getSector())
                            .findFirst().orElse(null);
                    if (sameSector == null) {
                        return null;
                    }
                    leaving.add(sameSector);
                }
                for (Account candidate : candidates) {
                    if (fits(incoming, kam, leaving)) {
                        break;
                    }
                    if (!leaving.contains(candidate)) {
                        leaving.add(candidate);
                    }
                }
                if (!fits(incoming, kam, leaving)) {
                    return null;
                }
                for (int i = leaving.size() - 1; i >= 0; i--) {
                    Account kept = leaving.remove(i);
                    if (!fits(incoming, kam, leaving)) {
                        leaving.add(i, kept);
                    }
                }
                return leaving;
            }

            /**
             * True when the incoming account can join the KAM once the leaving accounts are gone: the
             * same hard-rule check as the greedy's (KamLoads), on the loads without them.
             */
            private boolean fits(Account incoming, Kam kam, List<Account> leaving) {
                for (Account account : leaving) {
                    loads.remove(account, kam);
                }
                boolean fits = loads.obstacle(incoming, kam) == null;
                for (Account account : leaving) {
                    loads.add(account, kam);
                }
                return fits;
            }

            /** The move, or null when it would leave out more coverage (unassigned penalty) than it brings in. */
            MakeRoomMove moveUnlessCoverageLost() {
                long lost = 0;
                List<MakeRoomMove.Reassignment> reassignments = new ArrayList<>();
                for (Account account : order) {
                    Kam from = account.getKam();
                    Kam to = destination.get(account);
                    if (from == to) {
                        continue;
                    }
                    if (to == null) {
                        lost += account.getUnassignedPenalty();
                    } else if (from == null) {
                        lost -= account.getUnassignedPenalty();
                    }
                    reassignments.add(new MakeRoomMove.Reassignment(account, from, to));
                }
                return lost > 0 || reassignments.isEmpty() ? null : new MakeRoomMove(reassignments);
            }
        }
    }
}
