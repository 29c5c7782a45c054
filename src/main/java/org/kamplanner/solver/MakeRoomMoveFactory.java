package org.kamplanner.solver;

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

    /** KAMs each account may have by the pair rules (facts only); rebuilt each phase, after problem changes. */
    private final Map<Account, Kam[]> qualified = new IdentityHashMap<>();

    @Override
    public void phaseStarted(ScoreDirector<AssignmentPlan> scoreDirector) {
        qualified.clear();
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
        Snapshot snapshot = new Snapshot(plan);
        if (snapshot.open.isEmpty()) {
            return Collections.emptyIterator();
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public MakeRoomMove next() {
                return snapshot.randomMove(random);
            }
        };
    }

    private Kam[] qualifiedKams(Account account, List<Kam> activeKams) {
        return qualified.computeIfAbsent(account, a -> activeKams.stream()
                .filter(kam -> KamLoads.qualifies(a, kam))
                .toArray(Kam[]::new));
    }

    /** Cheapest to leave out first: the unassigned penalty per minute of workload it frees. */
    private static Comparator<Account> byValuePerMinute(Kam kam) {
        return (a, b) -> Long.compare(a.getUnassignedPenalty() * b.workloadMinutesWith(kam),
                b.getUnassignedPenalty() * a.workloadMinutesWith(kam));
    }

    private final class Snapshot {
        private final AssignmentPlan plan;
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
                Kam[] kams = qualifiedKams(incoming, plan.getActiveKams());
                if (kams.length > 0) {
                    MakeRoomMove move = makeRoom(incoming, kams[random.nextInt(kams.length)], random);
                    if (move != null) {
                        return move;
                    }
                }
            }
            return new MakeRoomMove(open.get(0), null, List.of(), List.of());
        }

        /**
         * Which accounts leave the KAM so the incoming one fits, or null when no such set costs less
         * coverage than the incoming account brings (or none exists).
         */
        private MakeRoomMove makeRoom(Account incoming, Kam kam, Random random) {
            List<Account> candidates = new ArrayList<>(movable.get(kam.getIndex()));
            Collections.shuffle(candidates, random);
            if (random.nextBoolean()) {
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
            // Keep on the KAM whoever need not leave after all, last chosen first.
            for (int i = leaving.size() - 1; i >= 0; i--) {
                Account kept = leaving.remove(i);
                if (!fits(incoming, kam, leaving)) {
                    leaving.add(i, kept);
                }
            }
            long lostPenalty = leaving.stream().mapToLong(Account::getUnassignedPenalty).sum();
            List<Kam> destinations = destinations(leaving, kam, random);
            for (int i = 0; i < leaving.size(); i++) {
                if (destinations.get(i) != null) {
                    lostPenalty -= leaving.get(i).getUnassignedPenalty();
                }
            }
            if (lostPenalty > incoming.getUnassignedPenalty()) {
                return null;
            }
            return new MakeRoomMove(incoming, kam, leaving, destinations);
        }

        /** True when the incoming account can join the KAM once the leaving accounts are gone. */
        private boolean fits(Account incoming, Kam kam, List<Account> leaving) {
            long load = loads.load(kam) + incoming.workloadMinutesWith(kam);
            int count = loads.count(kam) + 1;
            int sameSector = loads.sectorCount(kam, incoming.getSector()) + 1;
            for (Account account : leaving) {
                load -= account.workloadMinutesWith(kam);
                count--;
                if (account.getSector() == incoming.getSector()) {
                    sameSector--;
                }
            }
            return load <= kam.getCapacityMinutes()
                    && sameSector <= incoming.getSector().getMaxAccountsPerKam()
                    && (kam.getMaxAccounts() == null || count <= kam.getMaxAccounts());
        }

        /** Another KAM with room for each leaving account (a different one each), or null. */
        private List<Kam> destinations(List<Account> leaving, Kam from, Random random) {
            List<Kam> destinations = new ArrayList<>(leaving.size());
            for (Account account : leaving) {
                Kam[] kams = qualifiedKams(account, plan.getActiveKams());
                Kam found = null;
                for (int t = 0; t < DESTINATION_TRIES && kams.length > 1 && found == null; t++) {
                    Kam candidate = kams[random.nextInt(kams.length)];
                    if (candidate != from && !destinations.contains(candidate)
                            && loads.obstacle(account, candidate) == null) {
                        found = candidate;
                    }
                }
                destinations.add(found);
            }
            return destinations;
        }
    }
}
