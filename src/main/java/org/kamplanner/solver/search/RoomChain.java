package org.kamplanner.solver.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.Kam;

/**
 * Builds one {@link MakeRoomMove} at a time on a {@link PlanRoom}: an open account goes onto one of its
 * KAMs, the accounts in its way leave, each goes to another KAM with room or (depth left) makes room
 * there in turn, or stays out. The loads follow the chain while it is built and are put back after.
 *
 * <p>Everything is by account position in reusable arrays and the fit of the incoming account is
 * arithmetic on the KAM's counts ({@link KamLoads#fitsAfterLeaving}): building a chain with lists,
 * maps and a trial change of the loads per candidate took two thirds of the search's time on an
 * over-full 240 × 2,200 plan (benchmarks/RESULTS.md, "Session 5").
 */
final class RoomChain {

    private static final int DESTINATION_TRIES = 8;
    private static final int INSERT_TRIES = 3;

    private final PlanRoom room;
    private final KamLoads loads;
    private final Account[] accounts;
    /** KAMs each account may have by the pair rules (facts only), filled on first use. */
    private final Kam[][] qualified;
    /** An account is in the current chain when its stamp is the chain's number. */
    private final int[] stamp;
    private int chain;
    private final Kam[] destination;
    private int[] order = new int[16];
    private int orderSize;
    /** The KAM's accounts that may leave, while {@link #leavingFor} chooses among them. */
    private int[] candidates = new int[16];
    private Random random;
    /**
     * Coverage the chain has lost so far (unassigned penalty of the accounts it took out, less that of
     * the ones it placed), and what the accounts still waiting for a new KAM could win back at most.
     */
    private long lost;
    private long pending;
    /** Set once lost − pending > 0: the chain can no longer end without losing coverage. */
    private boolean hopeless;

    RoomChain(PlanRoom room) {
        this.room = room;
        this.loads = room.loads;
        this.accounts = room.accounts;
        this.qualified = new Kam[accounts.length][];
        this.stamp = new int[accounts.length];
        this.destination = new Kam[accounts.length];
    }

    /**
     * A chain that brings the open account onto the KAM, or null when none was found or it would leave out
     * more coverage (unassigned penalty) than it brings in. The loads are as before when it returns.
     */
    MakeRoomMove build(int incoming, Kam kam, int maxDepth, Random random) {
        this.random = random;
        chain++;
        orderSize = 0;
        lost = 0;
        pending = 0;
        hopeless = false;
        MakeRoomMove move = insert(incoming, kam, maxDepth) && !hopeless ? moveUnlessCoverageLost() : null;
        undo();
        return move;
    }

    /** The KAMs the account qualifies for by the pair rules. */
    Kam[] qualifiedKams(int account) {
        Kam[] kams = qualified[account];
        if (kams == null) {
            Account a = accounts[account];
            kams = room.plan.getActiveKams().stream().filter(kam -> loads.qualifies(a, kam)).toArray(Kam[]::new);
            qualified[account] = kams;
        }
        return kams;
    }

    private boolean inChain(int account) {
        return stamp[account] == chain;
    }

    private Kam current(int account) {
        return inChain(account) ? destination[account] : accounts[account].getKam();
    }

    private void assign(int account, Kam kam) {
        Account a = accounts[account];
        Kam from = current(account);
        if (from != null) {
            loads.remove(a, from);
        }
        if (kam != null) {
            loads.add(a, kam);
        }
        if (from == null && kam != null) {
            lost -= a.getUnassignedPenalty();
        } else if (from != null && kam == null) {
            lost += a.getUnassignedPenalty();
        }
        if (!inChain(account)) {
            stamp[account] = chain;
            if (orderSize == order.length) {
                order = Arrays.copyOf(order, orderSize * 2);
            }
            order[orderSize++] = account;
        }
        destination[account] = kam;
    }

    /** Loads are additive: taking each account off where the chain put it and back where it was restores them. */
    private void undo() {
        for (int i = orderSize - 1; i >= 0; i--) {
            Account a = accounts[order[i]];
            if (destination[order[i]] != null) {
                loads.remove(a, destination[order[i]]);
            }
            if (a.getKam() != null) {
                loads.add(a, a.getKam());
            }
        }
        chain++;
    }

    /** Puts the account on the KAM after taking off whoever is in the way; false when that cannot be done. */
    private boolean insert(int incoming, Kam kam, int depth) {
        int[] leaving = leavingFor(incoming, kam);
        if (leaving == null) {

            return false;
        }
        for (int account : leaving) {
            assign(account, null);
            pending += accounts[account].getUnassignedPenalty();
        }
        assign(incoming, kam);
        for (int i = 0; i < leaving.length && !hopeless; i++) {
            pending -= accounts[leaving[i]].getUnassignedPenalty();
            relocate(leaving[i], kam, depth - 1);
            // Making room cannot bring back more than the accounts still waiting: stop building a move the
            // coverage rule will refuse (most chains on an over-full plan, each costing further chains).
            hopeless = lost - pending > 0;
        }
        return true;
    }

    /** Another KAM for an account that had to leave: one with room, else (depth left) one that makes room. */
    private void relocate(int account, Kam from, int depth) {
        Kam[] kams = qualifiedKams(account);
        if (kams.length < 2) {
            return;
        }
        Account a = accounts[account];
        for (int t = 0; t < DESTINATION_TRIES; t++) {
            Kam candidate = kams[random.nextInt(kams.length)];
            if (candidate != from && loads.fitsAfterLeaving(a, candidate, 0, 0, 0)) {
                assign(account, candidate);
                return;
            }
        }
        for (int t = 0; depth > 0 && t < INSERT_TRIES && !hopeless; t++) {
            Kam candidate = kams[random.nextInt(kams.length)];
            if (candidate != from && insert(account, candidate, depth)) {
                return;
            }
        } // else it stays unassigned
    }

    /**
     * Which accounts must leave the KAM so the incoming one fits (never one this chain moved already), or
     * null when none will do: one account alone, the smallest that makes enough room (often a smaller
     * account of the same tier, which then finds room elsewhere more easily than the incoming one); or, in
     * random order or cheapest coverage per freed minute first, as many as it takes, then whoever need not
     * leave after all stays.
     */
    private int[] leavingFor(int incoming, Kam kam) {
        Account in = accounts[incoming];
        int n = shuffledCandidates(kam);
        int way = random.nextInt(3);
        if (way == 0) {
            int single = -1;
            long singleMinutes = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                Account c = accounts[candidates[i]];
                long minutes = c.workloadMinutesWith(kam);
                if (minutes < singleMinutes && loads.fitsAfterLeaving(in, kam, minutes, 1, sameSector(c, in))) {
                    single = candidates[i];
                    singleMinutes = minutes;
                }
            }
            if (single >= 0) {
                return new int[] {single};
            }
        } else if (way == 1) {
            sortByValuePerMinute(n, kam);
        }
        int[] leaving = new int[n];
        int size = 0;
        long minutes = 0;
        int ofSector = 0;
        int sectorFirst = -1;
        if (loads.sectorFull(in, kam)) {
            for (int i = 0; i < n && sectorFirst < 0; i++) {
                if (accounts[candidates[i]].getSector() == in.getSector()) {
                    sectorFirst = candidates[i];
                }
            }
            if (sectorFirst < 0) {
                return null;
            }
            leaving[size++] = sectorFirst;
            minutes += accounts[sectorFirst].workloadMinutesWith(kam);
            ofSector++;
        }
        for (int i = 0; i < n && !loads.fitsAfterLeaving(in, kam, minutes, size, ofSector); i++) {
            int c = candidates[i];
            if (c != sectorFirst) {
                leaving[size++] = c;
                minutes += accounts[c].workloadMinutesWith(kam);
                ofSector += sameSector(accounts[c], in);
            }
        }
        if (!loads.fitsAfterLeaving(in, kam, minutes, size, ofSector)) {
            return null;
        }
        int kept = 0;
        for (int i = size - 1; i >= 0; i--) {
            Account c = accounts[leaving[i]];
            long m = c.workloadMinutesWith(kam);
            int s = sameSector(c, in);
            if (loads.fitsAfterLeaving(in, kam, minutes - m, size - kept - 1, ofSector - s)) {
                minutes -= m;
                ofSector -= s;
                kept++;
                leaving[i] = -1;
            }
        }
        int[] result = new int[size - kept];
        int r = 0;
        for (int i = 0; i < size; i++) {
            if (leaving[i] >= 0) {
                result[r++] = leaving[i];
            }
        }
        return result;
    }

    private static int sameSector(Account a, Account b) {
        return a.getSector() == b.getSector() ? 1 : 0;
    }

    /** The KAM's movable accounts not yet in the chain into {@link #candidates}, shuffled; returns how many. */
    private int shuffledCandidates(Kam kam) {
        PlanRoom.Bag bag = room.movable(kam);
        if (candidates.length < bag.size()) {
            candidates = new int[Math.max(bag.size(), candidates.length * 2)];
        }
        int n = 0;
        for (int i = 0; i < bag.size(); i++) {
            int account = bag.get(i);
            if (!inChain(account)) {
                candidates[n++] = account;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = t;
        }
        return n;
    }

    /** Cheapest to leave out first: the unassigned penalty per minute of workload it frees (stable: the shuffle breaks ties). */
    private void sortByValuePerMinute(int n, Kam kam) {
        for (int i = 1; i < n; i++) {
            int c = candidates[i];
            Account a = accounts[c];
            int j = i - 1;
            while (j >= 0 && a.getUnassignedPenalty() * accounts[candidates[j]].workloadMinutesWith(kam)
                    < accounts[candidates[j]].getUnassignedPenalty() * a.workloadMinutesWith(kam)) {
                candidates[j + 1] = candidates[j];
                j--;
            }
            candidates[j + 1] = c;
        }
    }

    private MakeRoomMove moveUnlessCoverageLost() {
        long lost = 0;
        List<MakeRoomMove.Reassignment> reassignments = new ArrayList<>(orderSize);
        for (int i = 0; i < orderSize; i++) {
            Account account = accounts[order[i]];
            Kam from = account.getKam();
            Kam to = destination[order[i]];
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
