package org.kamplanner.solver.search;

import java.util.Arrays;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

/**
 * The plan as make-room moves read it: what each KAM carries ({@link KamLoads}), the open accounts
 * (unpinned, unassigned) and each KAM's unpinned accounts, all by the account's position in the plan.
 *
 * <p>Kept in step with the working plan by {@link #sync()}, which compares every account's KAM with
 * the one recorded and updates only what changed: a step of local search changes one to a few
 * accounts, and rebuilding all of this after each step was a tenth of the search's time on an
 * over-full 240 × 2,200 plan (benchmarks/RESULTS.md, "Session 5").
 */
final class PlanRoom {

    final AssignmentPlan plan;
    final Account[] accounts;
    final KamLoads loads;
    /** Open accounts: unpinned and unassigned. */
    final Bag open;
    /** Unpinned accounts by KAM index: the ones that may make room. */
    private final Bag[] movable;
    private final Kam[] recorded;
    /** Where each unpinned account stands in its bag (the open one or its KAM's). */
    private final int[] slot;
    /** settings.maxMovedAccounts (null: no cap) and the plan's hand-overs at the last {@link #sync()}. */
    private final Integer handOverCap;
    private int handOvers;

    PlanRoom(AssignmentPlan plan) {
        this.plan = plan;
        this.accounts = plan.getAccounts().toArray(Account[]::new);
        this.loads = KamLoads.of(plan);
        this.recorded = new Kam[accounts.length];
        this.slot = new int[accounts.length];
        this.open = new Bag();
        this.movable = new Bag[plan.getKams().size()];
        for (int k = 0; k < movable.length; k++) {
            movable[k] = new Bag();
        }
        this.handOverCap = KamLoads.handOverCap(plan.getSettings());
        for (int i = 0; i < accounts.length; i++) {
            recorded[i] = accounts[i].getKam();
            if (!accounts[i].isPinned()) {
                bag(recorded[i]).add(i);
            }
            if (accounts[i].isHandOver()) {
                handOvers++;
            }
        }
    }

    /**
     * Whether the move keeps the plan within settings.maxMovedAccounts, or at least adds no hand-over: a chain
     * past the cap breaks the hard constraint Max hand-overs, which local search would only undo.
     */
    boolean withinHandOverCap(MakeRoomMove move) {
        if (handOverCap == null) {
            return true;
        }
        int change = move.handOverChange();
        return change <= 0 || handOvers + change <= handOverCap;
    }

    /** The unpinned accounts of the KAM as the plan stood at the last {@link #sync()}. */
    Bag movable(Kam kam) {
        return movable[kam.getIndex()];
    }

    /** Brings everything up to the working plan; costs one comparison per account when little changed. */
    void sync() {
        for (int i = 0; i < accounts.length; i++) {
            Account account = accounts[i];
            Kam now = account.getKam();
            Kam was = recorded[i];
            if (now == was) {
                continue;
            }
            handOvers += (account.isHandOverWith(now) ? 1 : 0) - (account.isHandOverWith(was) ? 1 : 0);
            if (was != null) {
                loads.remove(account, was);
            }
            if (now != null) {
                loads.add(account, now);
            }
            if (!account.isPinned()) {
                bag(was).remove(i);
                bag(now).add(i);
            }
            recorded[i] = now;
        }
    }

    private Bag bag(Kam kam) {
        return kam == null ? open : movable[kam.getIndex()];
    }

    /** Account positions in no order, with removal in constant time (the last one takes the gap). */
    final class Bag {
        private int[] items = new int[8];
        private int size;

        int size() {
            return size;
        }

        boolean isEmpty() {
            return size == 0;
        }

        int get(int index) {
            return items[index];
        }

        private void add(int account) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            slot[account] = size;
            items[size++] = account;
        }

        private void remove(int account) {
            int at = slot[account];
            int last = items[--size];
            items[at] = last;
            slot[last] = at;
        }
    }
}
