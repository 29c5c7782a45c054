package org.kamplanner.solver.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

/** Which KAMs go into the next sub-problem of {@link KamNeighbourhoods}. */
final class RelatedKams {

    private static final int CHEAPEST = 3;

    private final AssignmentPlan plan;
    private final Random random;
    final SoftCosts costs;
    /** Only its pair rules are asked, which do not change with the assignment. */
    final KamLoads loads;
    /** Per account, its qualified active KAMs, cheapest own soft cost first. */
    private final Map<Account, Kam[]> cheapest = new IdentityHashMap<>();

    RelatedKams(AssignmentPlan plan, Random random) {
        this.plan = plan;
        this.random = random;
        this.costs = SoftCosts.of(plan.getSettings());
        this.loads = KamLoads.of(plan);
    }

    private Kam[] cheapest(Account account) {
        return cheapest.computeIfAbsent(account, a -> plan.getActiveKams().stream()
                .filter(k -> loads.qualifies(a, k))
                .sorted(Comparator.comparingLong((Kam k) -> costs.pair(a, k))
                        .thenComparingInt(a::workloadMinutesWith))
                .toArray(Kam[]::new));
    }

    /**
     * One of the {@value #CHEAPEST} other KAMs the account would cost least on, counting what taking it
     * would add to that KAM's balance term at its load now: the KAMs a sub-problem can most likely hand
     * the account to, whether they are near (travel), its incumbent (continuity) or have room (balance).
     * Ties at random: a remote account costs the same on many KAMs, and list order made the same few
     * KAMs its neighbours every time.
     */
    private Kam closest(Account account, List<Kam> chosen, KamLoads now) {
        List<Kam> others = new ArrayList<>();
        for (Kam kam : cheapest(account)) {
            if (!chosen.contains(kam)) {
                others.add(kam);
            }
        }
        Collections.shuffle(others, random);
        others.sort(Comparator.comparingLong((Kam kam) -> costs.pair(account, kam)
                + costs.balance(kam, now.load(kam) + account.workloadMinutesWith(kam)) - costs.balance(kam, now.load(kam))));
        return others.isEmpty() ? null : others.get(random.nextInt(Math.min(CHEAPEST, others.size())));
    }

    List<Kam> related(int count, boolean fromOpen) {
        List<Kam> active = plan.getActiveKams();
        List<Kam> chosen = new ArrayList<>();
        List<Account> open = new ArrayList<>();
        List<Account> freed = new ArrayList<>();
        for (Account account : plan.getAccounts()) {
            if (account.getKam() == null && !account.isPinned()) {
                open.add(account);
            }
        }
        KamLoads now = KamLoads.of(plan);
        Kam first = null;
        if (!open.isEmpty() && (fromOpen || random.nextBoolean())) {
            Kam[] kams = cheapest(open.get(random.nextInt(open.size())));
            first = kams.length == 0 ? null : kams[random.nextInt(kams.length)];
        }
        chosen.add(first != null ? first : active.get(random.nextInt(active.size())));
        for (int guard = 0; chosen.size() < count && guard < 50; guard++) {
            freed.clear();
            for (Account account : plan.getAccounts()) {
                if (account.getKam() != null && chosen.contains(account.getKam()) && !account.isPinned()) {
                    freed.add(account);
                }
            }
            Kam next = null;
            if (!freed.isEmpty()) {
                next = closest(freed.get(random.nextInt(freed.size())), chosen, now);
            }
            if (next == null) {
                next = active.get(random.nextInt(active.size()));
            }
            if (!chosen.contains(next)) {
                chosen.add(next);
            }
        }
        return chosen;
    }
}
