package org.kamplanner.domain;

import java.math.BigDecimal;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.entity.PlanningPin;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

/**
 * A customer account: the planning entity. Its KAM may stay unassigned, so that a plan without
 * enough capacity leaves the least valuable accounts out instead of breaking hard constraints.
 *
 * <p>Everything the score needs that depends only on the account and the plan settings is computed
 * once, when the plan is built (PlanFactory): the base workload, the visit travel from each
 * possible KAM home region, the tier-dependent penalties, the forbidden KAMs and the affinities.
 * The constraints then only index arrays. Not a record: equality must never depend on the
 * planning variable.
 */
@PlanningEntity(comparatorClass = AccountDifficulty.class)
public class Account {

    private static final Kam[] NO_KAMS = new Kam[0];
    private static final long[] NO_PENALTIES = new long[0];

    private String id;
    private String name;
    private Sector sector;
    private Region region;
    private Tier tier;
    private Complexity complexity;
    private Phase phase;
    private boolean remote;
    /** The incumbent; continuity is counted against it whether or not that KAM is still active. */
    private Kam currentKam;
    private boolean pinned;
    private Kam kam;
    /**
     * Carried for the planner's reading only (which customers and how much revenue go unserved); no
     * constraint uses it: the tier stands for the account's value in the score. Null when not given.
     */
    private BigDecimal annualRevenue;
    /** revenueK of docs/model.md: round(annualRevenue / 1000), 0 without a revenue (Balanced revenue). */
    private long revenueK;

    private int baseMinutes;
    /** By region index: the home slot of TravelTimes (shared by every account of the plan). */
    private int[] homeSlots;
    /** travel(a, k) for a KAM whose home region has this home slot. */
    private int[] travelByHome;
    private int requiredExperienceYears;
    private long unassignedPenalty;
    private long movePenalty;
    private Kam[] forbiddenKams = NO_KAMS;
    private String[] forbiddenReasons = new String[0];
    private Kam[] affinityKams = NO_KAMS;
    private long[] affinityPenalties = NO_PENALTIES;

    Account() {
    }

    public Account(String id, String name, Sector sector, Region region, Tier tier, Complexity complexity,
            Phase phase, boolean remote, Kam currentKam, boolean pinned) {
        this.id = id;
        this.name = name;
        this.sector = sector;
        this.region = region;
        this.tier = tier;
        this.complexity = complexity;
        this.phase = phase;
        this.remote = remote;
        this.currentKam = currentKam;
        this.pinned = pinned;
    }

    /**
     * A copy with the same facts and cost terms (shared: they never change) and the same KAM, pinned
     * as given: for what-if questions on a copy of a plan that readers share.
     */
    public Account copy(boolean pinned) {
        Account copy = new Account(id, name, sector, region, tier, complexity, phase, remote, currentKam, pinned);
        copy.setCosts(baseMinutes, homeSlots, travelByHome, requiredExperienceYears, unassignedPenalty, movePenalty);
        copy.setForbiddenKams(forbiddenKams, forbiddenReasons);
        copy.setAffinities(affinityKams, affinityPenalties);
        copy.kam = kam;
        copy.annualRevenue = annualRevenue;
        copy.revenueK = revenueK;
        return copy;
    }

    public long getRevenueK() {
        return revenueK;
    }

    public BigDecimal getAnnualRevenue() {
        return annualRevenue;
    }

    public void setAnnualRevenue(BigDecimal annualRevenue) {
        this.annualRevenue = annualRevenue;
        this.revenueK = annualRevenue == null ? 0
                : annualRevenue.movePointLeft(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    /** workload(a, k) of docs/model.md for the assigned KAM; 0 when unassigned. */
    public int getWorkloadMinutes() {
        return kam == null ? 0 : baseMinutes + travelFrom(kam.getHomeRegion());
    }

    /** travel(a, k) of docs/model.md for the assigned KAM; 0 when unassigned. */
    public int getTravelMinutes() {
        return kam == null ? 0 : travelFrom(kam.getHomeRegion());
    }

    /** travel(a, k) for a KAM living in {@code home}, which must be some KAM's home region of the plan. */
    public int getTravelMinutesFrom(Region home) {
        return travelFrom(home);
    }

    private int travelFrom(Region home) {
        return travelByHome[homeSlots[home.index()]];
    }

    public int workloadMinutesWith(Kam candidate) {
        return baseMinutes + travelFrom(candidate.getHomeRegion());
    }

    public boolean isForbiddenWith(Kam candidate) {
        for (Kam forbidden : forbiddenKams) {
            if (forbidden == candidate) {
                return true;
            }
        }
        return false;
    }

    public boolean hasAffinityWith(Kam candidate) {
        return affinityIndex(candidate) >= 0;
    }

    /** The affinity penalty for this KAM (negative is a bonus); 0 when there is no entry. */
    public long affinityPenaltyWith(Kam candidate) {
        int i = affinityIndex(candidate);
        return i < 0 ? 0 : affinityPenalties[i];
    }

    private int affinityIndex(Kam candidate) {
        for (int i = 0; i < affinityKams.length; i++) {
            if (affinityKams[i] == candidate) {
                return i;
            }
        }
        return -1;
    }

    /** True when assigned to someone other than the incumbent (accounts without one never move). */
    public boolean isMoved() {
        return kam != null && currentKam != null && kam != currentKam;
    }

    /**
     * One of docs/model.md's handOvers: taken from an incumbent who is still active (left without a KAM
     * counts too). An inactive incumbent's accounts are forced to move and are not the planner's choice.
     */
    public boolean isHandOver() {
        return isHandOverWith(kam);
    }

    /** Whether its incumbent is still active: then anywhere else, or unassigned, is a hand-over. */
    public boolean hasActiveIncumbent() {
        return currentKam != null && currentKam.isActive();
    }

    /** Whether this account on that KAM (null: unassigned) would be a hand-over. */
    public boolean isHandOverWith(Kam other) {
        return hasActiveIncumbent() && other != currentKam;
    }

    /** {@code travelByHome} is indexed by the home slots of {@code homeSlots} (TravelTimes.homeSlots()). */
    public void setCosts(int baseMinutes, int[] homeSlots, int[] travelByHome, int requiredExperienceYears,
            long unassignedPenalty, long movePenalty) {
        this.baseMinutes = baseMinutes;
        this.homeSlots = homeSlots;
        this.travelByHome = travelByHome;
        this.requiredExperienceYears = requiredExperienceYears;
        this.unassignedPenalty = unassignedPenalty;
        this.movePenalty = movePenalty;
    }

    public void setForbiddenKams(Kam[] forbiddenKams, String[] reasons) {
        this.forbiddenKams = forbiddenKams;
        this.forbiddenReasons = reasons;
    }

    /** Why this KAM must not serve the account, or null when the pair is not forbidden. */
    public String forbiddenReasonWith(Kam candidate) {
        for (int i = 0; i < forbiddenKams.length; i++) {
            if (forbiddenKams[i] == candidate) {
                return forbiddenReasons[i];
            }
        }
        return null;
    }

    public void setAffinities(Kam[] affinityKams, long[] affinityPenalties) {
        this.affinityKams = affinityKams;
        this.affinityPenalties = affinityPenalties;
    }

    @PlanningId
    public String getId() { return id; }
    public String getName() { return name; }
    public Sector getSector() { return sector; }
    public Region getRegion() { return region; }
    public Tier getTier() { return tier; }
    public Complexity getComplexity() { return complexity; }
    public Phase getPhase() { return phase; }
    public boolean isRemote() { return remote; }
    public Kam getCurrentKam() { return currentKam; }
    @PlanningPin
    public boolean isPinned() { return pinned; }
    public int getBaseMinutes() { return baseMinutes; }
    public int getRequiredExperienceYears() { return requiredExperienceYears; }
    public long getUnassignedPenalty() { return unassignedPenalty; }
    public long getMovePenalty() { return movePenalty; }

    @PlanningVariable(allowsUnassigned = true)
    public Kam getKam() { return kam; }

    public void setKam(Kam kam) { this.kam = kam; }

    /** Only for a problem change: a settings.keepWithIncumbent lock ends when its incumbent leaves. */
    public void setPinned(boolean pinned) { this.pinned = pinned; }

    @Override
    public String toString() { return id; }
}
