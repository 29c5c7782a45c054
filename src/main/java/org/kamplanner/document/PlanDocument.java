package org.kamplanner.document;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.kamplanner.bound.PlanBound;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The plan document of the API (README): one shape goes in and comes out, so a solved plan can be analyzed,
 * rebalanced or solved again without conversion. Fields marked "output" are filled by the service
 * and ignored on input. Wrapper types everywhere: a missing value is null and gets its docs/model.md
 * default, and the validator can tell "missing" from "zero". Enums are strings here so that an
 * unknown tier is reported with every other problem of the document, not as the first parse error.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "name", "status", "score", "feasible", "warnings", "error", "summary", "moves", "kamChanges", "settings" })
public record PlanDocument(
        String id, // output
        String name,
        String status, // output
        String score, // output
        Boolean feasible, // output
        List<String> warnings, // output
        String error, // output
        Summary summary, // output
        Settings settings,
        List<Sector> sectors,
        List<Region> regions,
        List<TravelOverride> travelOverrides,
        List<ForbiddenPair> forbiddenPairs,
        List<Affinity> affinities,
        List<Kam> kams,
        List<Account> accounts,
        List<Move> moves, // output
        List<KamChange> kamChanges) { // output: after a rebalance, each KAM before and after

    /** The document without the KAM table: the shape every caller had before it was added. */
    public PlanDocument(String id, String name, String status, String score, Boolean feasible, List<String> warnings,
            String error, Summary summary, Settings settings, List<Sector> sectors, List<Region> regions,
            List<TravelOverride> travelOverrides, List<ForbiddenPair> forbiddenPairs, List<Affinity> affinities,
            List<Kam> kams, List<Account> accounts, List<Move> moves) {
        this(id, name, status, score, feasible, warnings, error, summary, settings, sectors, regions, travelOverrides,
                forbiddenPairs, affinities, kams, accounts, moves, null);
    }

    /** The document without moves: the shape every caller had before moves were added. */
    public PlanDocument(String id, String name, String status, String score, Boolean feasible, List<String> warnings,
            String error, Summary summary, Settings settings, List<Sector> sectors, List<Region> regions,
            List<TravelOverride> travelOverrides, List<ForbiddenPair> forbiddenPairs, List<Affinity> affinities,
            List<Kam> kams, List<Account> accounts) {
        this(id, name, status, score, feasible, warnings, error, summary, settings, sectors, regions, travelOverrides,
                forbiddenPairs, affinities, kams, accounts, null);
    }

    /** The same document with other accounts (a warm start, an added account). */
    public PlanDocument withAccounts(List<Account> newAccounts) {
        return new PlanDocument(id, name, status, score, feasible, warnings, error, summary, settings, sectors, regions,
                travelOverrides, forbiddenPairs, affinities, kams, newAccounts, moves, kamChanges);
    }

    public PlanDocument withKams(List<Kam> newKams) {
        return new PlanDocument(id, name, status, score, feasible, warnings, error, summary, settings, sectors, regions,
                travelOverrides, forbiddenPairs, affinities, newKams, accounts, moves, kamChanges);
    }

    public PlanDocument withSettings(Settings newSettings) {
        return new PlanDocument(id, name, status, score, feasible, warnings, error, summary, newSettings, sectors,
                regions, travelOverrides, forbiddenPairs, affinities, kams, accounts, moves, kamChanges);
    }

    public PlanDocument withSummary(Summary newSummary) {
        return new PlanDocument(id, name, status, score, feasible, warnings, error, newSummary, settings, sectors,
                regions, travelOverrides, forbiddenPairs, affinities, kams, accounts, moves, kamChanges);
    }

    public PlanDocument withMoves(List<Move> newMoves) {
        return new PlanDocument(id, name, status, score, feasible, warnings, error, summary, settings, sectors, regions,
                travelOverrides, forbiddenPairs, affinities, kams, accounts, newMoves, kamChanges);
    }

    public PlanDocument withKamChanges(List<KamChange> newKamChanges) {
        return new PlanDocument(id, name, status, score, feasible, warnings, error, summary, settings, sectors, regions,
                travelOverrides, forbiddenPairs, affinities, kams, accounts, moves, newKamChanges);
    }

    /**
     * One KAM before a rebalance (the incumbents' portfolio, currentKamId) and after it (the plan): how a
     * sales director reads what a leaver's departure did to the team.
     */
    public record KamChange(String kamId, String name, boolean active, int accountsBefore, int accountsAfter,
            long loadMinutesBefore, long loadMinutesAfter, double utilizationBefore, double utilizationAfter) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Settings(
            Integer aTierMinExperienceYears,
            Integer intraRegionTravelMinutes,
            Double roadFactor,
            Double speedKmh,
            Map<String, Integer> tierMinutes,
            Map<String, Integer> complexityPercent,
            Map<String, Integer> phasePercent,
            Map<String, Integer> visitsPerYear,
            Map<String, Long> unassignedPenalty,
            Map<String, Long> movePenalty,
            Map<String, Long> constraintWeights,
            Long terminationSeconds,
            Long unimprovedSeconds,
            String mode) { // ANNUAL or REBALANCE; defaulted by the endpoint (see SolveMode)

        /** No setting given: every docs/model.md default. */
        public static final Settings DEFAULTS = new Settings(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);

        public Settings withTerminationSeconds(Long seconds) {
            return new Settings(aTierMinExperienceYears, intraRegionTravelMinutes, roadFactor, speedKmh, tierMinutes,
                    complexityPercent, phasePercent, visitsPerYear, unassignedPenalty, movePenalty, constraintWeights,
                    seconds, unimprovedSeconds, mode);
        }

        public Settings withMode(String newMode) {
            return new Settings(aTierMinExperienceYears, intraRegionTravelMinutes, roadFactor, speedKmh, tierMinutes,
                    complexityPercent, phasePercent, visitsPerYear, unassignedPenalty, movePenalty, constraintWeights,
                    terminationSeconds, unimprovedSeconds, newMode);
        }
    }

    /**
     * Output: an account assigned to someone other than its currentKamId (or left without a KAM
     * because its KAM left), and why: forced by a leaver, or chosen and what it bought.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Move(String accountId, String fromKamId, String toKamId, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sector(String id, String name, Integer maxAccountsPerKam, Boolean expertiseRequired) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Region(String id, String name, Double latitude, Double longitude) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TravelOverride(String fromRegionId, String toRegionId, Integer minutes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ForbiddenPair(String kamId, String accountId, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Affinity(String kamId, String accountId, Long penalty) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Kam(
            String id,
            String name,
            String homeRegionId,
            Integer experienceYears,
            List<String> sectorIds,
            Integer capacityMinutes,
            Integer maxAccounts,
            Boolean active,
            Long loadMinutes, // output
            Double utilization, // output
            Integer accountCount, // output
            Long travelMinutes, // output
            BigDecimal annualRevenue, // output: Σ of the KAM's accounts' annual revenue
            Integer accountsA, // output: the KAM's A-, B- and C-accounts (scalars, so that a CSV export reads back)
            Integer accountsB,
            Integer accountsC) {

        /** A KAM as given on input, without output figures. */
        public Kam(String id, String name, String homeRegionId, Integer experienceYears, List<String> sectorIds,
                Integer capacityMinutes, Integer maxAccounts, Boolean active, Long loadMinutes, Double utilization,
                Integer accountCount, Long travelMinutes) {
            this(id, name, homeRegionId, experienceYears, sectorIds, capacityMinutes, maxAccounts, active, loadMinutes,
                    utilization, accountCount, travelMinutes, null, null, null, null);
        }

        public Kam withActive(Boolean newActive) {
            return new Kam(id, name, homeRegionId, experienceYears, sectorIds, capacityMinutes, maxAccounts, newActive,
                    loadMinutes, utilization, accountCount, travelMinutes, annualRevenue, accountsA, accountsB, accountsC);
        }

        /** The KAM as input: the output figures left out. */
        public Kam asInput() {
            return withOutput(null, null, null, null);
        }

        /** The KAM with the output figures of one plan. */
        public Kam withOutput(Long load, Double utilizationOfCapacity, Integer accounts, Long travel) {
            return new Kam(id, name, homeRegionId, experienceYears, sectorIds, capacityMinutes, maxAccounts, active,
                    load, utilizationOfCapacity, accounts, travel, null, null, null, null);
        }

        /** With the business figures of one plan: the revenue the KAM looks after and the accounts by tier. */
        public Kam withPortfolio(BigDecimal revenue, int a, int b, int c) {
            return new Kam(id, name, homeRegionId, experienceYears, sectorIds, capacityMinutes, maxAccounts, active,
                    loadMinutes, utilization, accountCount, travelMinutes, revenue, a, b, c);
        }
    }

    /**
     * {@code workloadOverrideMinutes} is the input override of base(a) (docs/model.md), echoed on output;
     * {@code workloadMinutes} and {@code travelMinutes} are output only (workload(a, k) and travel(a, k)
     * for the assigned KAM). For one release an account with {@code workloadMinutes} and no
     * {@code travelMinutes} (so not a returned document) is still read as an override, with a warning.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Account(
            String id,
            String name,
            String sectorId,
            String regionId,
            String tier,
            BigDecimal annualRevenue,
            String complexity,
            String phase,
            Boolean remote,
            Integer workloadMinutes, // output (for one release also read as the override, see above)
            Integer workloadOverrideMinutes,
            String currentKamId,
            Boolean pinned,
            String assignedKamId,
            Integer travelMinutes) { // output

        public Account withAssignedKamId(String kamId) {
            return new Account(id, name, sectorId, regionId, tier, annualRevenue, complexity, phase, remote,
                    workloadMinutes, workloadOverrideMinutes, currentKamId, pinned, kamId, travelMinutes);
        }

        public Account withCurrentKamId(String kamId) {
            return new Account(id, name, sectorId, regionId, tier, annualRevenue, complexity, phase, remote,
                    workloadMinutes, workloadOverrideMinutes, kamId, pinned, assignedKamId, travelMinutes);
        }

        /** The base-workload override this account asks for, or null. */
        public Integer baseOverride() {
            return workloadOverrideMinutes != null ? workloadOverrideMinutes
                    : readsLegacyOverride() ? workloadMinutes : null;
        }

        /** The older input: workloadMinutes as the override, recognisable by the missing output travelMinutes. */
        public boolean readsLegacyOverride() {
            return workloadOverrideMinutes == null && workloadMinutes != null && travelMinutes == null;
        }

        /** The account as input: output figures left out, an override in workloadOverrideMinutes. */
        public Account asInput() {
            return new Account(id, name, sectorId, regionId, tier, annualRevenue, complexity, phase, remote, null,
                    baseOverride(), currentKamId, pinned, assignedKamId, null);
        }

        /** The account as one plan has it: its assignment, workload and travel minutes. */
        public Account withOutput(String kamId, Integer workload, Integer travel) {
            return new Account(id, name, sectorId, regionId, tier, annualRevenue, complexity, phase, remote, workload,
                    baseOverride(), currentKamId, pinned, kamId, travel);
        }
    }

    /**
     * {@code missingCapacityHours}: how much the active KAMs' capacity falls short of the smallest
     * workload the accounts could have (each at its nearest KAM's travel), when it does; then some
     * accounts must stay unassigned whatever the plan.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            int assignedAccounts,
            int unassignedAccounts,
            int movedAccounts,
            long totalTravelMinutes,
            double utilizationMin,
            double utilizationMax,
            double utilizationMean,
            Map<String, Integer> unassignedByTier,
            Double missingCapacityHours,
            PlanBound bound, // absent until computed: the quality certificate (docs/bound.md)
            String headline) { // the figures above in one plain sentence, in the request's language

        public Summary withBound(PlanBound newBound) {
            return new Summary(assignedAccounts, unassignedAccounts, movedAccounts, totalTravelMinutes, utilizationMin,
                    utilizationMax, utilizationMean, unassignedByTier, missingCapacityHours, newBound, headline);
        }
    }
}
