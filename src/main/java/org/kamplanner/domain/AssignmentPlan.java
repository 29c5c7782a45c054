package org.kamplanner.domain;

import java.util.List;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/** The planning solution: who looks after which account. */
@PlanningSolution(solutionCloner = AssignmentPlanCloner.class)
public class AssignmentPlan {

    private PlanSettings settings;
    private TravelTimes travelTimes;

    private List<Sector> sectors;
    private List<Region> regions;
    private List<Kam> kams;
    /** Only active KAMs are values: a KAM who left never receives an account. */
    private List<Kam> activeKams;
    private List<Account> accounts;
    /** settings.maxMovedAccounts as the one fact Max hand-overs joins (none without a cap). */
    private List<HandOverCap> handOverCaps;

    private ConstraintWeightOverrides<HardMediumSoftLongScore> constraintWeightOverrides;

    private HardMediumSoftLongScore score;

    AssignmentPlan() {
    }

    public AssignmentPlan(PlanSettings settings, TravelTimes travelTimes, List<Sector> sectors, List<Region> regions,
            List<Kam> kams, List<Account> accounts,
            ConstraintWeightOverrides<HardMediumSoftLongScore> constraintWeightOverrides) {
        this.settings = settings;
        this.travelTimes = travelTimes;
        this.sectors = sectors;
        this.regions = regions;
        this.kams = kams;
        this.activeKams = kams.stream().filter(Kam::isActive).toList();
        this.accounts = accounts;
        this.handOverCaps = settings.maxMovedAccounts() == null ? List.of()
                : List.of(new HandOverCap(settings.maxMovedAccounts()));
        this.constraintWeightOverrides = constraintWeightOverrides;
    }

    /** The same facts and weights with other accounts; the score is left to be calculated. */
    public AssignmentPlan withAccounts(List<Account> otherAccounts) {
        return new AssignmentPlan(settings, travelTimes, sectors, regions, kams, otherAccounts,
                constraintWeightOverrides);
    }

    public PlanSettings getSettings() { return settings; }
    public TravelTimes getTravelTimes() { return travelTimes; }
    @ProblemFactCollectionProperty
    public List<Sector> getSectors() { return sectors; }
    @ProblemFactCollectionProperty
    public List<Region> getRegions() { return regions; }
    @ProblemFactCollectionProperty
    public List<Kam> getKams() { return kams; }
    @ProblemFactCollectionProperty
    public List<HandOverCap> getHandOverCaps() { return handOverCaps; }
    @ValueRangeProvider
    public List<Kam> getActiveKams() { return activeKams; }

    /** Replaced, never changed in place: Timefold does not clone problem fact lists (see KamsLeave). */
    public void setActiveKams(List<Kam> activeKams) { this.activeKams = activeKams; }
    @PlanningEntityCollectionProperty
    public List<Account> getAccounts() { return accounts; }

    public ConstraintWeightOverrides<HardMediumSoftLongScore> getConstraintWeightOverrides() {
        return constraintWeightOverrides;
    }

    public void setConstraintWeightOverrides(ConstraintWeightOverrides<HardMediumSoftLongScore> overrides) {
        this.constraintWeightOverrides = overrides;
    }

    @PlanningScore
    public HardMediumSoftLongScore getScore() { return score; }

    public void setScore(HardMediumSoftLongScore score) { this.score = score; }
}
