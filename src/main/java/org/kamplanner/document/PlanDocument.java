package org.kamplanner.document;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.kamplanner.bound.PlanBound;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The plan document of the API (README): one shape goes in and comes out, so a solved plan can be analyzed,
 * rebalanced or solved again without conversion. Fields marked "output" are filled by the service
 * and ignored on input. Wrapper types everywhere: a missing value is null and gets its docs/model.md
 * default, and the validator can tell "missing" from "zero". Enums are strings here so that an
 * unknown tier is reported with every other problem of the document, not as the first parse error.
 *
 * <p>The Bean Validation annotations are the bounds of every input number and string, and the only
 * place they are stated; {@link PlanValidator} checks them first, before anything computes with a
 * value. Numbers are capped so that, with at most 20000 accounts, each per-match penalty and its
 * weighted sum stay inside a 64-bit score (the overflow guards); text is capped because ids, names
 * and reasons are shown in tables and sentences and stored in columns. Output fields carry no bound:
 * the service ignores them on input and writes its own. Messages read "must be ..."; the validator
 * adds the rejected value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// What GET /plans/{id} adds around the document (plan.PlanService.PlanView): output only, ignored on input,
// so that a plan read can be submitted again as it is.
@JsonIgnoreProperties({ "createdBy", "createdAt", "parentPlanId", "origin", "approval" })
@JsonPropertyOrder({ "id", "name", "status", "score", "feasible", "warnings", "error", "summary", "moves", "kamChanges", "settings" })
public record PlanDocument(
        String id, // output
        @Size(max = Bounds.NAME_CHARS, message = Bounds.TEXT) String name,
        String status, // output
        String score, // output
        Boolean feasible, // output
        List<String> warnings, // output
        String error, // output
        Summary summary, // output
        @Valid Settings settings,
        List<@Valid Sector> sectors,
        List<@Valid Region> regions,
        List<@Valid TravelOverride> travelOverrides,
        List<@Valid ForbiddenPair> forbiddenPairs,
        List<@Valid Affinity> affinities,
        List<@Valid Kam> kams,
        List<@Valid Account> accounts,
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
            @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.YEARS, message = Bounds.AT_MOST) Integer aTierMinExperienceYears,
            @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.MINUTES, message = Bounds.AT_MOST) Integer intraRegionTravelMinutes,
            // Upper caps keep the factors finite (JSON's 1e400 is a Double infinity); a slow road is
            // bounded by the longest trip it makes (PlanValidator), which depends on the regions.
            @Positive(message = Bounds.POSITIVE) @DecimalMax(value = "100", message = Bounds.AT_MOST) Double roadFactor,
            @Positive(message = Bounds.POSITIVE) @DecimalMax(value = "10000", message = Bounds.AT_MOST) Double speedKmh,
            Map<@Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String,
                    @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.MINUTES, message = Bounds.AT_MOST) Integer> tierMinutes,
            Map<@Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String,
                    @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.PERCENT, message = Bounds.AT_MOST) Integer> complexityPercent,
            Map<@Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String,
                    @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.PERCENT, message = Bounds.AT_MOST) Integer> phasePercent,
            Map<@Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String,
                    @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.VISITS_PER_YEAR, message = Bounds.AT_MOST) Integer> visitsPerYear,
            Map<@Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String,
                    @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.PENALTY, message = Bounds.AT_MOST) Long> unassignedPenalty,
            Map<@Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String,
                    @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.PENALTY, message = Bounds.AT_MOST) Long> movePenalty,
            Map<@Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String,
                    @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.WEIGHT, message = Bounds.AT_MOST) Long> constraintWeights,
            @Positive(message = Bounds.POSITIVE) @Max(value = Bounds.SECONDS, message = Bounds.AT_MOST) Long terminationSeconds,
            @Positive(message = Bounds.POSITIVE) @Max(value = Bounds.SECONDS, message = Bounds.AT_MOST) Long unimprovedSeconds,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String mode, // ANNUAL or REBALANCE; defaulted by the endpoint (see SolveMode)
            // Same document, same plan: the solver's random seed, and the evaluated moves after which the solve
            // ends (solver.search.WorkBudget); an int each, as docs/model.md says.
            @Min(value = 0, message = Bounds.AT_LEAST) Integer seed,
            @Positive(message = Bounds.POSITIVE) Integer workBudget,
            // At most this many handOvers (docs/model.md): the hard constraint Max hand-overs; absent, no cap.
            @Min(value = 0, message = Bounds.AT_LEAST) Integer maxMovedAccounts,
            // Tiers whose accounts stay with their active incumbent, locked like a pin (docs/model.md).
            List<@Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String> keepWithIncumbent) {

        /** No setting given: every docs/model.md default. */
        public static final Settings DEFAULTS = new Settings(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);

        public Settings withTerminationSeconds(Long seconds) {
            return new Settings(aTierMinExperienceYears, intraRegionTravelMinutes, roadFactor, speedKmh, tierMinutes,
                    complexityPercent, phasePercent, visitsPerYear, unassignedPenalty, movePenalty, constraintWeights,
                    seconds, unimprovedSeconds, mode, seed, workBudget, maxMovedAccounts, keepWithIncumbent);
        }

        /** The same settings with this seed and work budget (the command line's --seed and --work-budget). */
        public Settings withReproduction(Integer newSeed, Integer newWorkBudget) {
            return new Settings(aTierMinExperienceYears, intraRegionTravelMinutes, roadFactor, speedKmh, tierMinutes,
                    complexityPercent, phasePercent, visitsPerYear, unassignedPenalty, movePenalty, constraintWeights,
                    terminationSeconds, unimprovedSeconds, mode, newSeed, newWorkBudget, maxMovedAccounts,
                    keepWithIncumbent);
        }

        public Settings withMode(String newMode) {
            return new Settings(aTierMinExperienceYears, intraRegionTravelMinutes, roadFactor, speedKmh, tierMinutes,
                    complexityPercent, phasePercent, visitsPerYear, unassignedPenalty, movePenalty, constraintWeights,
                    terminationSeconds, unimprovedSeconds, newMode, seed, workBudget, maxMovedAccounts,
                    keepWithIncumbent);
        }

        /** The same settings with this cap on hand-overs (null: none), e.g. one point of a frontier. */
        public Settings withMaxMovedAccounts(Integer cap) {
            return new Settings(aTierMinExperienceYears, intraRegionTravelMinutes, roadFactor, speedKmh, tierMinutes,
                    complexityPercent, phasePercent, visitsPerYear, unassignedPenalty, movePenalty, constraintWeights,
                    terminationSeconds, unimprovedSeconds, mode, seed, workBudget, cap, keepWithIncumbent);
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
    public record Sector(
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String id,
            @Size(max = Bounds.NAME_CHARS, message = Bounds.TEXT) String name,
            @Positive(message = Bounds.POSITIVE) @Max(value = Bounds.ACCOUNTS, message = Bounds.AT_MOST) Integer maxAccountsPerKam,
            Boolean expertiseRequired) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Region(
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String id,
            @Size(max = Bounds.NAME_CHARS, message = Bounds.TEXT) String name,
            @DecimalMin(value = "-90", message = LATITUDE) @DecimalMax(value = "90", message = LATITUDE) Double latitude,
            @DecimalMin(value = "-180", message = LONGITUDE) @DecimalMax(value = "180", message = LONGITUDE) Double longitude) {

        static final String LATITUDE = "error.bound.latitude";
        static final String LONGITUDE = "error.bound.longitude";
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TravelOverride(
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String fromRegionId,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String toRegionId,
            @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.MINUTES, message = Bounds.AT_MOST) Integer minutes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ForbiddenPair(
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String kamId,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String accountId,
            @Size(max = Bounds.REASON_CHARS, message = Bounds.TEXT) String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Affinity(
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String kamId,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String accountId,
            @Min(value = -Bounds.PENALTY, message = Bounds.AT_LEAST) @Max(value = Bounds.PENALTY, message = Bounds.AT_MOST) Long penalty) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Kam(
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String id,
            @Size(max = Bounds.NAME_CHARS, message = Bounds.TEXT) String name,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String homeRegionId,
            @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.YEARS, message = Bounds.AT_MOST) Integer experienceYears,
            List<@Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String> sectorIds,
            @Positive(message = Bounds.POSITIVE) @Max(value = Bounds.CAPACITY_MINUTES, message = Bounds.AT_MOST) Integer capacityMinutes,
            @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.ACCOUNTS, message = Bounds.AT_MOST) Integer maxAccounts,
            Boolean active,
            // The CRM's user for this KAM (the owner-change export); no effect on the score.
            @Size(max = Bounds.NAME_CHARS, message = Bounds.TEXT) String email,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String externalId,
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
            this(id, name, homeRegionId, experienceYears, sectorIds, capacityMinutes, maxAccounts, active, null, null,
                    loadMinutes, utilization, accountCount, travelMinutes, null, null, null, null);
        }

        /** The same KAM with the CRM user it is (the owner-change export). */
        public Kam withCrmUser(String newEmail, String newExternalId) {
            return new Kam(id, name, homeRegionId, experienceYears, sectorIds, capacityMinutes, maxAccounts, active,
                    newEmail, newExternalId, loadMinutes, utilization, accountCount, travelMinutes, annualRevenue,
                    accountsA, accountsB, accountsC);
        }

        public Kam withActive(Boolean newActive) {
            return new Kam(id, name, homeRegionId, experienceYears, sectorIds, capacityMinutes, maxAccounts, newActive,
                    email, externalId, loadMinutes, utilization, accountCount, travelMinutes, annualRevenue, accountsA,
                    accountsB, accountsC);
        }

        /** The KAM as input: the output figures left out. */
        public Kam asInput() {
            return withOutput(null, null, null, null);
        }

        /** The KAM with the output figures of one plan. */
        public Kam withOutput(Long load, Double utilizationOfCapacity, Integer accounts, Long travel) {
            return new Kam(id, name, homeRegionId, experienceYears, sectorIds, capacityMinutes, maxAccounts, active,
                    email, externalId, load, utilizationOfCapacity, accounts, travel, null, null, null, null);
        }

        /** With the business figures of one plan: the revenue the KAM looks after and the accounts by tier. */
        public Kam withPortfolio(BigDecimal revenue, int a, int b, int c) {
            return new Kam(id, name, homeRegionId, experienceYears, sectorIds, capacityMinutes, maxAccounts, active,
                    email, externalId, loadMinutes, utilization, accountCount, travelMinutes, revenue, a, b, c);
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
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String id,
            @Size(max = Bounds.NAME_CHARS, message = Bounds.TEXT) String name,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String sectorId,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String regionId,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String tier,
            @DecimalMin(value = "0", message = Bounds.AT_LEAST) @DecimalMax(value = Bounds.REVENUE, message = Bounds.AT_MOST)
            @Decimals(Bounds.REVENUE_DECIMALS) BigDecimal annualRevenue,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String complexity,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String phase,
            Boolean remote,
            // output; its bound as the older override is that of workloadOverrideMinutes (PlanValidator)
            Integer workloadMinutes,
            @Min(value = 0, message = Bounds.AT_LEAST) @Max(value = Bounds.MINUTES, message = Bounds.AT_MOST) Integer workloadOverrideMinutes,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String currentKamId,
            Boolean pinned,
            @Size(max = Bounds.ID_CHARS, message = Bounds.TEXT) String assignedKamId,
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
     * accounts must stay unassigned whatever the plan. {@code missingFullTimeKams}: the same in KAMs of
     * docs/model.md's default capacity (120 h a month). {@code unassigned}: every account without a KAM,
     * with its revenue and why (explain.UnassignedReasons; absent where no plan was solved).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            int assignedAccounts,
            int unassignedAccounts,
            int movedAccounts,
            int handOvers, // docs/model.md: accounts taken from an active incumbent (unassigned ones too)
            long totalTravelMinutes,
            double utilizationMin,
            double utilizationMax,
            double utilizationMean,
            Map<String, Integer> unassignedByTier,
            Double missingCapacityHours,
            Double missingFullTimeKams,
            List<UnassignedAccount> unassigned,
            List<RevenueShare> revenueShares, // each active KAM's share of the revenue against its share of capacity
            PlanBound bound, // absent until computed: the quality certificate (docs/bound.md)
            String headline) { // the figures above in one plain sentence, in the request's language

        public Summary withBound(PlanBound newBound) {
            return new Summary(assignedAccounts, unassignedAccounts, movedAccounts, handOvers, totalTravelMinutes, utilizationMin,
                    utilizationMax, utilizationMean, unassignedByTier, missingCapacityHours, missingFullTimeKams,
                    unassigned, revenueShares, newBound, headline);
        }

        public Summary withUnassigned(List<UnassignedAccount> accounts) {
            return new Summary(assignedAccounts, unassignedAccounts, movedAccounts, handOvers, totalTravelMinutes, utilizationMin,
                    utilizationMax, utilizationMean, unassignedByTier, missingCapacityHours, missingFullTimeKams,
                    accounts, revenueShares, bound, headline);
        }
    }

    /**
     * An account without a KAM: who, what it is worth a year (null when the document gives no revenue)
     * and, in one sentence in the reader's language, what kept it off every active KAM.
     */
    public record UnassignedAccount(String accountId, String name, String tier, BigDecimal annualRevenue, String reason) {
    }
}
