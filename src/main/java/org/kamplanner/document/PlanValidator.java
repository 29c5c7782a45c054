package org.kamplanner.document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kamplanner.document.PlanDocument.Account;
import org.kamplanner.document.PlanDocument.Kam;
import org.kamplanner.document.PlanDocument.Region;
import org.kamplanner.document.PlanDocument.Sector;
import org.kamplanner.document.PlanDocument.Settings;
import org.kamplanner.domain.Complexity;
import org.kamplanner.domain.Phase;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Tier;
import org.kamplanner.solver.KamConstraint;
import org.kamplanner.solver.search.SolveMode;
import org.springframework.stereotype.Component;

/**
 * The "Invalid input" rules of docs/model.md. Reports every problem of a document at once, so a client
 * fixes its file in one round instead of one error per request.
 *
 * <p>The upper caps on values are overflow guards: with at most 20000 accounts they keep each
 * per-match penalty and its weighted sum inside a 64-bit score.
 */
@Component
public class PlanValidator {

    static final long MAX_MINUTES = 100_000;
    static final long MAX_CAPACITY_MINUTES = 1_000_000;
    static final long MAX_PERCENT = 1_000;
    static final long MAX_VISITS_PER_YEAR = 366;
    static final long MAX_PENALTY = 1_000_000_000;
    static final long MAX_WEIGHT = 1_000_000;
    static final long MAX_SECONDS = 86_400;
    /** Ids, names and reasons are shown in tables and sentences and stored in columns: bounded text. */
    static final int MAX_ID_CHARS = 100;
    static final int MAX_NAME_CHARS = 200;
    static final int MAX_REASON_CHARS = 500;
    /** Annual revenue in currency units: a trillion is beyond any account; cents are the finest unit kept. */
    static final BigDecimal MAX_REVENUE = new BigDecimal("1e15");
    static final int MAX_REVENUE_DECIMALS = 2;

    private static final List<String> TIERS = names(Tier.values());
    private static final List<String> COMPLEXITIES = names(Complexity.values());
    private static final List<String> PHASES = names(Phase.values());
    private static final List<String> CONSTRAINTS = Arrays.stream(KamConstraint.values())
            .map(KamConstraint::constraintName).toList();

    private final Limits limits;

    public PlanValidator(Limits limits) {
        this.limits = limits;
    }

    /** @throws InvalidPlanException listing every problem, if there is any */
    public void validate(PlanDocument doc) {
        List<FieldProblem> problems = doc == null
                ? List.of(new FieldProblem("$", "the plan document is empty"))
                : new Check(doc).run();
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
    }

    public static String item(String list, int index) {
        return list + "[" + index + "]";
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** One run over one document: the problems so far and the ids of each kind that references may name. */
    private final class Check extends FieldChecks {

        private final PlanDocument doc;
        private final Set<String> sectorIds = new HashSet<>();
        private final Set<String> regionIds = new HashSet<>();
        private final List<Region> locatedRegions = new ArrayList<>();
        private final Set<String> kamIds = new HashSet<>();
        private final Map<String, Boolean> kamActiveById = new HashMap<>();
        private final Set<String> accountIds = new HashSet<>();

        Check(PlanDocument doc) {
            this.doc = doc;
        }

        List<FieldProblem> run() {
            checkSizes();
            text("name", doc.name(), MAX_NAME_CHARS);
            // Order matters: each kind is checked after the kinds it refers to.
            each("sectors", doc.sectors(), this::checkSector);
            each("regions", doc.regions(), this::checkRegion);
            checkTravelOverrides();
            each("kams", doc.kams(), this::checkKam);
            checkSomeKamActive();
            if (doc.accounts() == null) {
                problem("accounts", "is required: the list of accounts to assign (it may be empty)");
            }
            each("accounts", doc.accounts(), this::checkAccount);
            checkForbiddenPairs();
            checkAffinities();
            checkSettings(doc.settings());
            return problems;
        }

        private void checkSizes() {
            size("accounts", doc.accounts(), limits.maxAccounts());
            size("kams", doc.kams(), limits.maxKams());
            size("regions", doc.regions(), limits.maxRegions());
        }

        private void checkSector(String path, Sector sector) {
            newId(path + ".id", sector.id(), sectorIds, "sector");
            text(path + ".name", sector.name(), MAX_NAME_CHARS);
            if (required(path + ".maxAccountsPerKam", sector.maxAccountsPerKam())) {
                range(path + ".maxAccountsPerKam", sector.maxAccountsPerKam(), 1, Integer.MAX_VALUE);
            }
        }

        private void checkRegion(String path, Region region) {
            boolean valid = newId(path + ".id", region.id(), regionIds, "region");
            text(path + ".name", region.name(), MAX_NAME_CHARS);
            valid &= degrees(path + ".latitude", region.latitude(), 90);
            valid &= degrees(path + ".longitude", region.longitude(), 180);
            if (valid) {
                locatedRegions.add(region);
            }
        }

        private void checkTravelOverrides() {
            Set<List<String>> seen = new HashSet<>();
            each("travelOverrides", doc.travelOverrides(), (path, override) -> {
                String from = override.fromRegionId();
                String to = override.toRegionId();
                reference(path + ".fromRegionId", from, regionIds, "region");
                reference(path + ".toRegionId", to, regionIds, "region");
                if (required(path + ".minutes", override.minutes())) {
                    range(path + ".minutes", override.minutes(), 0, MAX_MINUTES);
                }
                if (from != null && to != null && !seen.add(List.of(from, to))) {
                    problem(path, "duplicate travel override from '" + from + "' to '" + to + "'");
                }
            });
        }

        private void checkKam(String path, Kam kam) {
            if (newId(path + ".id", kam.id(), kamIds, "KAM")) {
                kamActiveById.put(kam.id(), kam.active() == null || kam.active());
            }
            text(path + ".name", kam.name(), MAX_NAME_CHARS);
            reference(path + ".homeRegionId", kam.homeRegionId(), regionIds, "region");
            range(path + ".experienceYears", kam.experienceYears(), 0, Integer.MAX_VALUE);
            range(path + ".capacityMinutes", kam.capacityMinutes(), 1, MAX_CAPACITY_MINUTES);
            range(path + ".maxAccounts", kam.maxAccounts(), 0, Integer.MAX_VALUE);
            List<String> expertise = kam.sectorIds();
            Set<String> seen = new HashSet<>();
            for (int i = 0; expertise != null && i < expertise.size(); i++) {
                String sectorPath = item(path + ".sectorIds", i);
                String sectorId = expertise.get(i);
                reference(sectorPath, sectorId, sectorIds, "sector");
                if (sectorId != null && !seen.add(sectorId)) {
                    problem(sectorPath, "duplicate sector '" + sectorId + "' in this KAM's sectorIds");
                }
            }
        }

        private void checkSomeKamActive() {
            List<Kam> kams = doc.kams() == null ? List.of() : doc.kams();
            boolean anyActive = kams.stream().anyMatch(k -> k != null && !Boolean.FALSE.equals(k.active()));
            if (!anyActive) {
                problem("kams", doc.kams() == null ? "is required: the list of KAMs, at least one of them active"
                        : kams.isEmpty() ? "no active KAM: the plan has no KAMs"
                        : "no active KAM among the " + kams.size() + " KAMs");
            }
        }

        private void checkAccount(String path, Account account) {
            newId(path + ".id", account.id(), accountIds, "account");
            text(path + ".name", account.name(), MAX_NAME_CHARS);
            reference(path + ".sectorId", account.sectorId(), sectorIds, "sector");
            reference(path + ".regionId", account.regionId(), regionIds, "region");
            if (required(path + ".tier", account.tier())) {
                oneOf(path + ".tier", account.tier(), TIERS, "tier");
            }
            oneOf(path + ".complexity", account.complexity(), COMPLEXITIES, "complexity");
            oneOf(path + ".phase", account.phase(), PHASES, "phase");
            checkRevenue(path + ".annualRevenue", account.annualRevenue());
            range(path + (account.readsLegacyOverride() ? ".workloadMinutes" : ".workloadOverrideMinutes"),
                    account.baseOverride(), 0, MAX_MINUTES);
            optionalReference(path + ".currentKamId", account.currentKamId(), kamIds, "KAM");
            optionalReference(path + ".assignedKamId", account.assignedKamId(), kamIds, "KAM");
            if (Boolean.TRUE.equals(account.pinned())) {
                checkPin(path, account);
            }
        }

        /**
         * Compared by magnitude before anything prints it: 1e999999999 is a short number in JSON and a
         * gigabyte as plain digits, so the value is only ever shown in scientific notation.
         */
        private void checkRevenue(String path, BigDecimal revenue) {
            if (revenue == null) {
                return;
            }
            if (revenue.signum() < 0) {
                problem(path, "must be >= 0, was " + revenue);
            } else if (revenue.compareTo(MAX_REVENUE) > 0) {
                problem(path, "must be <= " + MAX_REVENUE.toPlainString() + ", was " + revenue);
            } else if (revenue.stripTrailingZeros().scale() > MAX_REVENUE_DECIMALS) {
                problem(path, "must have at most " + MAX_REVENUE_DECIMALS + " decimals, was " + revenue);
            }
        }

        /** docs/model.md: the pin wins over clearing an inactive assignment, so a pin that cannot hold is a 400. */
        private void checkPin(String path, Account account) {
            boolean byAssigned = account.assignedKamId() != null;
            String lock = byAssigned ? account.assignedKamId() : account.currentKamId();
            if (lock == null) {
                problem(path + ".pinned", "a pinned account needs an assignedKamId or a currentKamId, was pinned: true with neither");
            } else if (Boolean.FALSE.equals(kamActiveById.get(lock))) {
                problem(path + (byAssigned ? ".assignedKamId" : ".currentKamId"),
                        "a pinned account cannot be locked to inactive KAM '" + lock + "'");
            }
        }

        private void checkForbiddenPairs() {
            Set<List<String>> seen = new HashSet<>();
            each("forbiddenPairs", doc.forbiddenPairs(), (path, pair) -> {
                kamAccountPair(path, pair.kamId(), pair.accountId(), seen, "forbidden pair");
                text(path + ".reason", pair.reason(), MAX_REASON_CHARS);
            });
        }

        private void checkAffinities() {
            Set<List<String>> seen = new HashSet<>();
            each("affinities", doc.affinities(), (path, affinity) -> {
                kamAccountPair(path, affinity.kamId(), affinity.accountId(), seen, "affinity");
                if (required(path + ".penalty", affinity.penalty())) {
                    range(path + ".penalty", affinity.penalty(), -MAX_PENALTY, MAX_PENALTY);
                }
            });
        }

        private void kamAccountPair(String path, String kamId, String accountId, Set<List<String>> seen, String kind) {
            reference(path + ".kamId", kamId, kamIds, "KAM");
            reference(path + ".accountId", accountId, accountIds, "account");
            if (kamId != null && accountId != null && !seen.add(List.of(kamId, accountId))) {
                problem(path, "duplicate " + kind + " for kamId '" + kamId + "' and accountId '" + accountId + "'");
            }
        }

        private void checkSettings(Settings settings) {
            if (settings == null) {
                checkLongestRoadTrip(null);
                return;
            }
            String path = "settings";
            range(path + ".aTierMinExperienceYears", settings.aTierMinExperienceYears(), 0, Integer.MAX_VALUE);
            range(path + ".intraRegionTravelMinutes", settings.intraRegionTravelMinutes(), 0, MAX_MINUTES);
            positive(path + ".roadFactor", settings.roadFactor());
            positive(path + ".speedKmh", settings.speedKmh());
            numberMap(path + ".tierMinutes", settings.tierMinutes(), TIERS, "tier", MAX_MINUTES);
            numberMap(path + ".complexityPercent", settings.complexityPercent(), COMPLEXITIES, "complexity", MAX_PERCENT);
            numberMap(path + ".phasePercent", settings.phasePercent(), PHASES, "phase", MAX_PERCENT);
            numberMap(path + ".visitsPerYear", settings.visitsPerYear(), TIERS, "tier", MAX_VISITS_PER_YEAR);
            numberMap(path + ".unassignedPenalty", settings.unassignedPenalty(), TIERS, "tier", MAX_PENALTY);
            numberMap(path + ".movePenalty", settings.movePenalty(), TIERS, "tier", MAX_PENALTY);
            numberMap(path + ".constraintWeights", settings.constraintWeights(), CONSTRAINTS, "constraint", MAX_WEIGHT);
            range(path + ".terminationSeconds", settings.terminationSeconds(), 1, MAX_SECONDS);
            range(path + ".unimprovedSeconds", settings.unimprovedSeconds(), 1, MAX_SECONDS);
            oneOf(path + ".mode", settings.mode(), SolveMode.NAMES, "mode");
            checkLongestRoadTrip(settings);
        }

        /**
         * Road minutes are computed, not given, so the minutes cap has to be checked on the regions
         * at hand: a tiny speedKmh would otherwise push the travel penalties past any overflow guard.
         */
        private void checkLongestRoadTrip(Settings settings) {
            PlanSettings defaults = PlanSettings.defaults();
            Double roadFactor = settings == null || settings.roadFactor() == null
                    ? defaults.roadFactor() : settings.roadFactor();
            Double speedKmh = settings == null || settings.speedKmh() == null
                    ? defaults.speedKmh() : settings.speedKmh();
            List<Region> regions = locatedRegions;
            if (!(roadFactor > 0) || !(speedKmh > 0) || roadFactor.isInfinite() || speedKmh.isInfinite()
                    || regions.size() > limits.maxRegions()) {
                return; // already reported
            }
            double longestKm = 0;
            Region longestFrom = null;
            Region longestTo = null;
            for (int i = 0; i < regions.size(); i++) {
                for (int j = i + 1; j < regions.size(); j++) {
                    double km = PlanSettings.haversineKm(domain(regions.get(i)), domain(regions.get(j)));
                    if (km > longestKm) {
                        longestKm = km;
                        longestFrom = regions.get(i);
                        longestTo = regions.get(j);
                    }
                }
            }
            double minutes = longestKm * roadFactor / speedKmh * 60;
            if (minutes > MAX_MINUTES) {
                String path = settings != null && settings.speedKmh() != null ? "settings.speedKmh" : "settings.roadFactor";
                problem(path, "with roadFactor " + roadFactor + " and speedKmh " + speedKmh + " the road trip from '"
                        + longestFrom.id() + "' to '" + longestTo.id() + "' takes " + Math.round(minutes)
                        + " minutes, must be <= " + MAX_MINUTES);
            }
        }

        private org.kamplanner.domain.Region domain(Region region) {
            return new org.kamplanner.domain.Region(region.id(), region.name(), region.latitude(), region.longitude(), 0);
        }
    }
}
