package org.kamplanner.domain;

import ai.timefold.solver.core.api.domain.lookup.PlanningId;

/**
 * A key account manager: the value an account is assigned to. Identity equality on purpose: a KAM
 * is a group key in the load constraints.
 */
public final class Kam {

    private String id;
    private String name;
    private Region homeRegion;
    private int experienceYears;
    /** Expertise by {@link Sector#getIndex()}: an array so the expertise constraints do no lookup. */
    private boolean[] expertise;
    private int capacityMinutes;
    private Integer maxAccounts;
    private boolean active;
    private int index;
    /**
     * The revenue (in thousands) this KAM would look after in a fair book of business: all accounts' revenueK
     * times its share of the active KAMs' capacity. Only the Balanced revenue justification reads it.
     */
    private long fairRevenueK;

    Kam() {
    }

    public Kam(String id, String name, Region homeRegion, int experienceYears, boolean[] expertise,
            int capacityMinutes, Integer maxAccounts, boolean active, int index) {
        this.id = id;
        this.name = name;
        this.homeRegion = homeRegion;
        this.experienceYears = experienceYears;
        this.expertise = expertise;
        this.capacityMinutes = capacityMinutes;
        this.maxAccounts = maxAccounts;
        this.active = active;
        this.index = index;
    }

    public boolean hasExpertise(Sector sector) {
        return expertise[sector.getIndex()];
    }

    @PlanningId
    public String getId() { return id; }
    public String getName() { return name; }
    public Region getHomeRegion() { return homeRegion; }
    public int getExperienceYears() { return experienceYears; }
    public int getCapacityMinutes() { return capacityMinutes; }
    public Integer getMaxAccounts() { return maxAccounts; }
    public boolean isActive() { return active; }
    public int getIndex() { return index; }

    public long getFairRevenueK() { return fairRevenueK; }

    /** Set when the plan is built (PlanFactory), from all accounts' revenue and the active KAMs' capacity. */
    public void setFairRevenueK(long fairRevenueK) { this.fairRevenueK = fairRevenueK; }

    /** Only for a leave applied to a running solve (KamsLeave, a Timefold ProblemChange). */
    public void setActive(boolean active) { this.active = active; }

    @Override
    public String toString() { return id; }
}
