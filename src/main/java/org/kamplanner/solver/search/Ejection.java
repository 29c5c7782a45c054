package org.kamplanner.solver.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.Kam;

/**
 * Room for one open account on a plan that fits but is tightly packed, where no make-room chain found it: the
 * qualified KAMs with the most room left are tried in turn; from one of them just enough of its smaller unpinned
 * accounts leave, each straight to the KAM where it fits and costs least, until the open account fits. A chain
 * moves one account per KAM it passes; here several small accounts make room together.
 *
 * <p>Why: the greedy spreads the A-accounts (2,400 minutes and more, experienced KAMs only) by the balance term,
 * and on a tight 1,500 × 14,000 plan (capacity 1.03 × the workload) it left one A-account out with every
 * experienced KAM a little short of room for it; 12 (and 400) random chains of depth 3 did not place it, and
 * the CP-SAT coverage phase took 7.5 s to (issue 25: a covering plan within 3 s). Nothing leaves the plan:
 * every account that moves is placed elsewhere.
 */
final class Ejection {

    /** KAMs tried per open account, those with the most room first. */
    private static final int KAMS = 8;

    private final PlanRoom room;
    private final SoftCosts costs;

    Ejection(PlanRoom room, SoftCosts costs) {
        this.room = room;
        this.costs = costs;
    }

    /** The reassignments that place the open account (a position in the plan), or null when none was found. */
    MakeRoomMove place(int open, Kam[] qualified) {
        Account account = room.accounts[open];
        KamLoads loads = room.loads;
        Kam[] roomiest = qualified.clone();
        Arrays.sort(roomiest, Comparator.comparingLong((Kam k) -> loads.load(k) - k.getCapacityMinutes())
                .thenComparingInt(Kam::getIndex));
        for (int t = 0; t < Math.min(KAMS, roomiest.length); t++) {
            Kam kam = roomiest[t];
            List<MakeRoomMove.Reassignment> moves = makeRoom(account, kam);
            boolean fits = loads.obstacle(account, kam) == null;
            // What makeRoom booked on the loads is taken back: the caller applies the move, then syncs the room.
            for (int i = moves.size() - 1; i >= 0; i--) {
                MakeRoomMove.Reassignment r = moves.get(i);
                loads.remove(r.account(), r.to());
                loads.add(r.account(), r.from());
            }
            if (fits) {
                moves.add(new MakeRoomMove.Reassignment(account, null, kam));
                return new MakeRoomMove(moves);
            }
        }
        return null;
    }

    /** Moves the KAM's smaller accounts away, one by one, until the account fits there or none can move. */
    private List<MakeRoomMove.Reassignment> makeRoom(Account account, Kam kam) {
        KamLoads loads = room.loads;
        PlanRoom.Bag bag = room.movable(kam);
        List<Account> leaving = new ArrayList<>(bag.size());
        for (int i = 0; i < bag.size(); i++) {
            Account candidate = room.accounts[bag.get(i)];
            // Only accounts worth no more coverage than the one coming in, smallest first.
            if (candidate.getUnassignedPenalty() <= account.getUnassignedPenalty()) {
                leaving.add(candidate);
            }
        }
        leaving.sort(Comparator.comparingInt((Account a) -> a.workloadMinutesWith(kam)).thenComparing(Account::getId));
        List<MakeRoomMove.Reassignment> moves = new ArrayList<>();
        for (Account candidate : leaving) {
            if (loads.obstacle(account, kam) == null) {
                break;
            }
            Kam to = cheapestFit(candidate, kam);
            if (to != null) {
                loads.remove(candidate, kam);
                loads.add(candidate, to);
                moves.add(new MakeRoomMove.Reassignment(candidate, kam, to));
            }
        }
        return moves;
    }

    /** The KAM other than this one where the account fits and adds the least soft cost, or null. */
    private Kam cheapestFit(Account account, Kam from) {
        Kam best = null;
        long bestCost = Long.MAX_VALUE;
        for (Kam kam : room.plan.getActiveKams()) {
            if (kam != from && room.loads.obstacle(account, kam) == null) {
                long cost = GreedyAssignment.softCost(costs, account, kam, room.loads.load(kam),
                        account.workloadMinutesWith(kam));
                if (cost < bestCost) {
                    bestCost = cost;
                    best = kam;
                }
            }
        }
        return best;
    }
}
