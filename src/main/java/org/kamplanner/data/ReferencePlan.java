package org.kamplanner.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.solver.search.KamLoads;

/**
 * An assignment of every account that honours every hard constraint of docs/model.md except capacity
 * (and the account limits, which are set on it), built by an explicit greedy; the account limits are
 * then sized on it, and the capacities given headroom where it needs more, so that the dataset provably fits.
 * Whether a KAM may take an account is asked of {@link KamLoads}, the rule the solver's greedy phase uses.
 */
final class ReferencePlan {

    /** Every KAM keeps at least this headroom over the reference load, so that plan is not a knife edge. */
    private static final double HEADROOM = 1.05;
    private static final double MAX_ACCOUNTS_SHARE = 0.25;

    private final DraftModel model;
    private final List<KamDraft> kams;
    private final List<AccountDraft> accounts;
    /** KAM index by account index. */
    private final int[] kamOf;
    private final KamLoads loads;

    private ReferencePlan(DraftModel model, List<KamDraft> kams, List<AccountDraft> accounts) {
        this.model = model;
        this.kams = kams;
        this.accounts = accounts;
        this.kamOf = new int[accounts.size()];
        this.loads = model.emptyLoads();
    }

    /**
     * A-accounts first (they need experienced KAMs, who must not be filled with C-accounts first),
     * then B, then C; within a tier the expertise sectors first and the big accounts first. Each goes
     * to the hard-feasible KAM with room under a capacity-proportional target, cheapest by the soft
     * costs of docs/model.md (travel, missing preferred expertise), then least loaded relative to
     * capacity. When no KAM has room left the least loaded one, relative to capacity, takes it.
     */
    static ReferencePlan build(String datasetName, DraftModel model, List<KamDraft> kams, List<AccountDraft> accounts) {
        ReferencePlan plan = new ReferencePlan(model, kams, accounts);
        double[] target = plan.greedyTargets();
        List<AccountDraft> order = new ArrayList<>(accounts);
        order.sort(Comparator.comparing((AccountDraft a) -> a.tier)
                .thenComparing(a -> !model.account(a).getSector().isExpertiseRequired())
                .thenComparing(a -> -model.account(a).getBaseMinutes())
                .thenComparing(a -> a.index));
        for (AccountDraft a : order) {
            Account account = model.account(a);
            KamDraft best = null;
            boolean bestFits = false;
            long bestCost = 0;
            double bestRelative = 0;
            for (KamDraft k : kams) {
                Kam kam = model.kam(k);
                // The model KAMs have no capacity or limit yet: only a pair rule or the sector cap can object.
                if (plan.loads.obstacle(account, kam) != null) {
                    continue;
                }
                long after = plan.loads.load(kam) + account.workloadMinutesWith(kam);
                boolean fits = after <= target[k.index];
                long cost = account.getTravelMinutesFrom(kam.getHomeRegion())
                        + (kam.hasExpertise(account.getSector()) ? 0 : PlanSettings.PREFERRED_EXPERTISE_PENALTY);
                double relative = (double) after / k.capacityMinutes;
                boolean better = best == null
                        || fits && !bestFits
                        || fits == bestFits && fits && (cost < bestCost || cost == bestCost && relative < bestRelative)
                        || fits == bestFits && !fits && (relative < bestRelative || relative == bestRelative && cost < bestCost);
                if (better) {
                    best = k;
                    bestFits = fits;
                    bestCost = cost;
                    bestRelative = relative;
                }
            }
            if (best == null) {
                // The sizes asked for do not fit (sector caps, experience): the caller's mistake, not a bug.
                throw new IllegalArgumentException("no hard-feasible KAM for " + a.id + " in " + datasetName);
            }
            plan.kamOf[a.index] = best.index;
            plan.loads.add(account, model.kam(best));
        }
        return plan;
    }

    /**
     * Capacity-proportional shares of the workload estimated with local travel only. Tight on purpose:
     * the accounts left over when every target is reached go to the least loaded KAMs, which keeps
     * the reference plan balanced (with more slack, KAMs lacking a popular sector stay half empty).
     */
    private double[] greedyTargets() {
        PlanSettings settings = model.settings();
        int local = settings.intraRegionTravelMinutes();
        long estimate = 0;
        for (AccountDraft a : accounts) {
            Account account = model.account(a);
            estimate += account.getBaseMinutes() + settings.visitTravelMinutes(account.getTier(), account.isRemote(), local);
        }
        double totalWeight = kams.stream().mapToDouble(k -> k.capacityMinutes).sum();
        double[] target = new double[kams.size()];
        for (KamDraft k : kams) {
            target[k.index] = estimate * k.capacityMinutes / totalWeight;
        }
        return target;
    }

    /** The index of the account's KAM in this plan. */
    int kamOf(AccountDraft a) {
        return kamOf[a.index];
    }

    /** Account id → KAM id, in account order. */
    Map<String, String> assignment() {
        Map<String, String> assignment = new LinkedHashMap<>();
        for (AccountDraft a : accounts) {
            assignment.put(a.id, kams.get(kamOf[a.index]).id);
        }
        return Collections.unmodifiableMap(assignment);
    }

    private long load(KamDraft k) {
        return loads.load(model.kam(k));
    }

    /** Σ of the KAMs' loads in this plan. */
    long totalLoad() {
        long total = 0;
        for (KamDraft k : kams) {
            total += load(k);
        }
        return total;
    }

    /**
     * The capacities are drawn with the KAMs and the tiers sized to them; where the reference plan leaves
     * a KAM less than {@link #HEADROOM} over its load, that KAM gets the hours it needs, so that a
     * dataset meant to fit provably does.
     */
    void addHeadroom() {
        for (KamDraft k : kams) {
            k.capacityMinutes = Math.max(k.capacityMinutes, (int) Math.ceil(HEADROOM * load(k) / 60) * 60);
        }
    }

    /** Generous limits for some KAMs, rounded to fives as a team lead would write them; never binding here. */
    void limitAccounts(Draws draws) {
        int[] counts = new int[kams.size()];
        for (int kam : kamOf) {
            counts[kam]++;
        }
        for (KamDraft k : kams) {
            if (draws.nextDouble() < MAX_ACCOUNTS_SHARE) {
                k.maxAccounts = (int) Math.ceil((counts[k.index] * 1.3 + 3) / 5) * 5;
            }
        }
    }
}
