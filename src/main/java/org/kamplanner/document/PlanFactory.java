package org.kamplanner.document;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Complexity;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.Phase;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Region;
import org.kamplanner.domain.Sector;
import org.kamplanner.domain.Tier;
import org.kamplanner.domain.TravelTimes;
import org.kamplanner.solver.KamConstraint;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * Turns a validated plan document into the planning model: defaults of docs/model.md filled in, the travel
 * matrix and every per-account cost term computed once, the given assignments applied as the warm
 * start. Assumes {@link PlanValidator} passed: it does not re-check references.
 */
public final class PlanFactory {

    /** The model and what was changed on the way in (an assignment to an inactive KAM is cleared). */
    public record Built(AssignmentPlan plan, List<String> warnings) {
    }

    private PlanFactory() {
    }

    /** What building one account needs from its plan: settings, travel matrix and the facts by id. */
    public record Lookups(PlanSettings settings, TravelTimes travelTimes, List<Region> regions,
            Map<String, Region> regionById, Map<String, Sector> sectorById, Map<String, Kam> kamById) {

        /** The lookups of a plan already built, to add an account to it. */
        public static Lookups of(AssignmentPlan plan) {
            return new Lookups(plan.getSettings(), plan.getTravelTimes(), plan.getRegions(),
                    byId(plan.getRegions(), Region::id), byId(plan.getSectors(), Sector::getId),
                    byId(plan.getKams(), Kam::getId));
        }
    }

    /**
     * One validated document account as a model account with every cost term of docs/model.md computed,
     * unassigned; forbidden pairs, affinities and the assignment are the caller's to apply. The one
     * place an Account is made from a document: a plan's accounts and an account added later (a
     * recommendation, POST /plans/{id}/accounts) must cost the same.
     */
    /**
     * settings.keepWithIncumbent: an account of such a tier whose incumbent is active is locked to that KAM
     * like a pinned account (a pin given on the document keeps its own KAM). Its incumbent's leaving is what
     * frees it: then it moves like any other.
     */
    static boolean keptWithIncumbent(PlanDocument.Account a, Tier tier, Kam incumbent, PlanSettings settings) {
        return !Boolean.TRUE.equals(a.pinned()) && settings.keepWithIncumbent().contains(tier)
                && incumbent != null && incumbent.isActive();
    }

    public static Account account(PlanDocument.Account a, Lookups lookups) {
        PlanSettings settings = lookups.settings();
        Tier tier = Tier.valueOf(a.tier());
        Complexity complexity = a.complexity() == null ? Complexity.MEDIUM : Complexity.valueOf(a.complexity());
        Phase phase = a.phase() == null ? Phase.ESTABLISHED : Phase.valueOf(a.phase());
        boolean remote = Boolean.TRUE.equals(a.remote());
        Region region = lookups.regionById().get(a.regionId());
        Kam incumbent = lookups.kamById().get(a.currentKamId());
        Account account = new Account(a.id(), nameOrId(a.name(), a.id()), lookups.sectorById().get(a.sectorId()),
                region, tier, complexity, phase, remote, incumbent,
                Boolean.TRUE.equals(a.pinned()) || keptWithIncumbent(a, tier, incumbent, settings));
        account.setAnnualRevenue(a.annualRevenue());

        Integer override = a.baseOverride();
        int base = override != null ? override : settings.baseMinutes(tier, complexity, phase);
        TravelTimes travel = lookups.travelTimes();
        List<Region> homes = travel.homes();
        int[] travelByHome = new int[homes.size()];
        for (int slot = 0; slot < homes.size(); slot++) {
            travelByHome[slot] = settings.visitTravelMinutes(tier, remote, travel.minutes(homes.get(slot), region));
        }
        account.setCosts(base, travel.homeSlots(), travelByHome,
                tier == Tier.A ? settings.aTierMinExperienceYears() : 0,
                settings.unassignedPenalty().get(tier), settings.movePenalty().get(tier));
        return account;
    }

    public static Built build(PlanDocument doc) {
        PlanSettings settings = resolveSettings(doc.settings(), list(doc.accounts()).size());

        List<Region> regions = new ArrayList<>();
        for (PlanDocument.Region r : list(doc.regions())) {
            regions.add(new Region(r.id(), nameOrId(r.name(), r.id()), r.latitude(), r.longitude(), regions.size()));
        }
        Map<String, Region> regionById = byId(regions, Region::id);
        List<TravelTimes.Override> overrides = list(doc.travelOverrides()).stream()
                .map(o -> new TravelTimes.Override(o.fromRegionId(), o.toRegionId(), o.minutes()))
                .toList();
        // Travel is only asked from a KAM's home: the table has rows for those (TravelTimes).
        Set<Region> homes = new LinkedHashSet<>();
        for (PlanDocument.Kam k : list(doc.kams())) {
            homes.add(regionById.get(k.homeRegionId()));
        }
        TravelTimes travelTimes = TravelTimes.of(regions, homes, overrides, settings);

        List<Sector> sectors = new ArrayList<>();
        for (PlanDocument.Sector s : list(doc.sectors())) {
            sectors.add(new Sector(s.id(), nameOrId(s.name(), s.id()), s.maxAccountsPerKam(),
                    Boolean.TRUE.equals(s.expertiseRequired()), sectors.size()));
        }
        Map<String, Sector> sectorById = byId(sectors, Sector::getId);

        List<Kam> kams = new ArrayList<>();
        for (PlanDocument.Kam k : list(doc.kams())) {
            boolean[] expertise = new boolean[sectors.size()];
            list(k.sectorIds()).forEach(id -> expertise[sectorById.get(id).getIndex()] = true);
            kams.add(new Kam(k.id(), nameOrId(k.name(), k.id()), regionById.get(k.homeRegionId()),
                    Objects.requireNonNullElse(k.experienceYears(), 0), expertise,
                    Objects.requireNonNullElse(k.capacityMinutes(), 7200), k.maxAccounts(),
                    !Boolean.FALSE.equals(k.active()), kams.size()));
        }
        Map<String, Kam> kamById = byId(kams, Kam::getId);

        Lookups lookups = new Lookups(settings, travelTimes, regions, regionById, sectorById, kamById);
        List<String> warnings = new ArrayList<>();
        List<Account> accounts = new ArrayList<>();
        List<PlanDocument.Account> docAccounts = list(doc.accounts());
        for (int i = 0; i < docAccounts.size(); i++) {
            PlanDocument.Account a = docAccounts.get(i);
            Account account = account(a, lookups);
            boolean pinned = account.isPinned();
            if (pinned) {
                // The pin locks the account to its assignment, else to its incumbent (validated active); a tier
                // kept with its incumbent locks to the incumbent.
                boolean kept = keptWithIncumbent(a, account.getTier(), account.getCurrentKam(), settings);
                account.setKam(kamById.get(a.assignedKamId() != null && !kept ? a.assignedKamId() : a.currentKamId()));
            } else if (a.assignedKamId() != null) {
                Kam assigned = kamById.get(a.assignedKamId());
                if (assigned.isActive()) {
                    account.setKam(assigned);
                } else {
                    warnings.add(FieldChecks.words("warning.inactiveAssignment", i, a.id(), assigned.getId()));
                }
            }
            if (a.readsLegacyOverride()) {
                warnings.add(FieldChecks.words("warning.legacyOverride", i, a.id()));
            }
            accounts.add(account);
        }
        checkScoreRange(accounts, travelTimes.homes(), settings, list(doc.affinities()));
        fairRevenueShares(kams, accounts);
        Map<String, Account> accountById = byId(accounts, Account::getId);
        applyForbiddenPairs(list(doc.forbiddenPairs()), kamById, accountById);
        applyAffinities(list(doc.affinities()), kamById, accountById);

        return new Built(new AssignmentPlan(settings, travelTimes, sectors, regions, kams, accounts,
                weightOverrides(settings)), warnings);
    }

    /**
     * A model of the document carrying the solution's assignments (accounts paired by id) and score,
     * sharing no object with the solution: for work on a solved plan while readers may hold the
     * solver's own copy.
     */
    public static AssignmentPlan withAssignments(PlanDocument document, AssignmentPlan solution) {
        AssignmentPlan copy = build(document).plan();
        Map<String, Kam> kamById = byId(copy.getKams(), Kam::getId);
        Map<String, Account> accountById = byId(copy.getAccounts(), Account::getId);
        for (Account solved : solution.getAccounts()) {
            Account account = accountById.get(solved.getId());
            if (account != null) {
                account.setKam(solved.getKam() == null ? null : kamById.get(solved.getKam().getId()));
            }
        }
        copy.setScore(solution.getScore());
        return copy;
    }

    /**
     * Every level of the score must fit a 64-bit number with room to spare, whatever the solver tries.
     * Each value is capped by the validator, but many accounts with large values and weights together
     * could still overflow, so the plan as a whole is checked here, level by level, against the worst
     * case of every constraint at its weight: every account on one KAM (each at its costliest home
     * region), every account breaking every per-account rule, unassigned or moved.
     */
    static void checkScoreRange(List<Account> accounts, List<Region> homes, PlanSettings settings,
            List<PlanDocument.Affinity> affinities) {
        double totalLoad = 0;
        double travel = 0;
        double unassigned = 0;
        double moves = 0;
        double revenueK = 0;
        for (Account account : accounts) {
            revenueK += account.getRevenueK();
            int costliest = 0;
            int farthest = 0;
            for (Region home : homes) {
                costliest = Math.max(costliest, account.getBaseMinutes() + account.getTravelMinutesFrom(home));
                farthest = Math.max(farthest, account.getTravelMinutesFrom(home));
            }
            totalLoad += costliest;
            travel += farthest;
            unassigned += account.getUnassignedPenalty();
            moves += account.getMovePenalty();
        }
        double n = accounts.size();
        double affinity = affinities.stream().mapToDouble(a -> Math.abs((double) a.penalty())).sum();
        double balance = totalLoad * totalLoad * weight(settings, KamConstraint.BALANCED_WORKLOAD);
        if (balance > MAX_SCORE_TERM) {
            long weight = Math.max(1, weight(settings, KamConstraint.BALANCED_WORKLOAD));
            throw InvalidPlanException.of("accounts", FieldChecks.words("error.score.balance", (long) totalLoad,
                    (long) Math.sqrt(MAX_SCORE_TERM / weight)));
        }
        // Balanced revenue's worst case: every account's revenue on one KAM (only when it is on: weight > 0).
        double revenue = revenueK * revenueK * weight(settings, KamConstraint.BALANCED_REVENUE);
        if (revenue > MAX_SCORE_TERM) {
            long weight = weight(settings, KamConstraint.BALANCED_REVENUE);
            throw InvalidPlanException.of("settings.constraintWeights." + KamConstraint.BALANCED_REVENUE.constraintName(),
                    FieldChecks.words("error.score.revenue", (long) revenueK, weight));
        }
        double hard = totalLoad * weight(settings, KamConstraint.KAM_CAPACITY)
                + n * (weight(settings, KamConstraint.SECTOR_CAP) + weight(settings, KamConstraint.MAX_ACCOUNTS_PER_KAM)
                        + weight(settings, KamConstraint.A_ACCOUNT_NEEDS_EXPERIENCED_KAM)
                        + weight(settings, KamConstraint.REQUIRED_SECTOR_EXPERTISE)
                        + weight(settings, KamConstraint.FORBIDDEN_PAIR));
        double medium = unassigned * weight(settings, KamConstraint.UNASSIGNED_ACCOUNT);
        double soft = balance + revenue + travel * weight(settings, KamConstraint.TRAVEL_TIME)
                + moves * weight(settings, KamConstraint.ACCOUNT_CONTINUITY)
                + n * 300 * weight(settings, KamConstraint.PREFERRED_SECTOR_EXPERTISE)
                + affinity * weight(settings, KamConstraint.ACCOUNT_AFFINITY);
        checkLevel("hard", hard);
        checkLevel("medium", medium);
        checkLevel("soft", soft);
    }

    private static void checkLevel(String level, double worst) {
        if (worst > MAX_SCORE_TERM) {
            throw InvalidPlanException.of("settings", FieldChecks.words("error.score.level", level,
                    String.format(Locale.ROOT, "%.3g", worst)));
        }
    }

    private static long weight(PlanSettings settings, KamConstraint constraint) {
        return settings.constraintWeights().getOrDefault(constraint.constraintName(), constraint.defaultWeight());
    }

    /** A quarter of Long.MAX_VALUE: room for the other constraints' terms beside the balance term. */
    private static final double MAX_SCORE_TERM = Long.MAX_VALUE / 4.0;

    private static void applyForbiddenPairs(List<PlanDocument.ForbiddenPair> pairs, Map<String, Kam> kamById,
            Map<String, Account> accountById) {
        Map<Account, List<PlanDocument.ForbiddenPair>> byAccount = new LinkedHashMap<>();
        pairs.forEach(p -> byAccount.computeIfAbsent(accountById.get(p.accountId()), a -> new ArrayList<>()).add(p));
        byAccount.forEach((account, list) -> account.setForbiddenKams(
                list.stream().map(p -> kamById.get(p.kamId())).toArray(Kam[]::new),
                list.stream().map(p -> p.reason() == null || p.reason().isBlank() ? "forbidden pair" : p.reason())
                        .toArray(String[]::new)));
    }

    private static void applyAffinities(List<PlanDocument.Affinity> affinities, Map<String, Kam> kamById,
            Map<String, Account> accountById) {
        Map<Account, List<PlanDocument.Affinity>> byAccount = new LinkedHashMap<>();
        affinities.forEach(p -> byAccount.computeIfAbsent(accountById.get(p.accountId()), a -> new ArrayList<>()).add(p));
        byAccount.forEach((account, list) -> account.setAffinities(
                list.stream().map(p -> kamById.get(p.kamId())).toArray(Kam[]::new),
                list.stream().mapToLong(PlanDocument.Affinity::penalty).toArray()));
    }

    /** Each active KAM's fair share of all accounts' revenueK: in proportion to its capacity (Balanced revenue). */
    private static void fairRevenueShares(List<Kam> kams, List<Account> accounts) {
        long revenue = accounts.stream().mapToLong(Account::getRevenueK).sum();
        long capacity = kams.stream().filter(Kam::isActive).mapToLong(Kam::getCapacityMinutes).sum();
        for (Kam kam : kams) {
            if (kam.isActive()) {
                kam.setFairRevenueK(Math.round((double) revenue * kam.getCapacityMinutes() / capacity));
            }
        }
    }

    static ConstraintWeightOverrides<HardMediumSoftLongScore> weightOverrides(PlanSettings settings) {
        Map<String, HardMediumSoftLongScore> scores = new HashMap<>();
        for (KamConstraint constraint : KamConstraint.values()) {
            if (constraint.defaultWeight() != 1) { // Balanced revenue: off unless the plan gives it a weight
                scores.put(constraint.constraintName(), constraint.level().score(constraint.defaultWeight()));
            }
        }
        settings.constraintWeights().forEach((name, weight) ->
                scores.put(name, KamConstraint.byName(name).orElseThrow().level().score(weight)));
        if (settings.maxMovedAccounts() == null) {
            // No cap, nothing to count against: switched off, so its count costs no score calculation speed
            // (the count of every hand-over cost about a tenth of it on dach-large even without a cap).
            scores.put(KamConstraint.MAX_HAND_OVERS.constraintName(), HardMediumSoftLongScore.ZERO);
        }
        return ConstraintWeightOverrides.of(scores);
    }

    /**
     * docs/model.md's defaults with the document's settings laid over them; maps may be given in part. The
     * default solving time grows with the number of accounts (PlanSettings.defaultTerminationSeconds).
     */
    public static PlanSettings resolveSettings(PlanDocument.Settings given, int accounts) {
        PlanSettings d = PlanSettings.defaults().withTerminationSeconds(PlanSettings.defaultTerminationSeconds(accounts));
        if (given == null) {
            return d;
        }
        return new PlanSettings(
                Objects.requireNonNullElse(given.aTierMinExperienceYears(), d.aTierMinExperienceYears()),
                Objects.requireNonNullElse(given.intraRegionTravelMinutes(), d.intraRegionTravelMinutes()),
                Objects.requireNonNullElse(given.roadFactor(), d.roadFactor()),
                Objects.requireNonNullElse(given.speedKmh(), d.speedKmh()),
                merge(Tier.class, d.tierMinutes(), given.tierMinutes()),
                merge(Complexity.class, d.complexityPercent(), given.complexityPercent()),
                merge(Phase.class, d.phasePercent(), given.phasePercent()),
                merge(Tier.class, d.visitsPerYear(), given.visitsPerYear()),
                merge(Tier.class, d.unassignedPenalty(), given.unassignedPenalty()),
                merge(Tier.class, d.movePenalty(), given.movePenalty()),
                given.constraintWeights() == null ? Map.of() : Map.copyOf(given.constraintWeights()),
                Objects.requireNonNullElse(given.terminationSeconds(), d.terminationSeconds()),
                given.unimprovedSeconds(),
                given.seed(),
                given.workBudget(),
                given.maxMovedAccounts(),
                given.keepWithIncumbent() == null ? Set.of()
                        : given.keepWithIncumbent().stream().map(Tier::valueOf).collect(Collectors.toUnmodifiableSet()));
    }

    private static <K extends Enum<K>, V> Map<K, V> merge(Class<K> type, Map<K, V> defaults, Map<String, V> given) {
        Map<K, V> merged = new EnumMap<>(type);
        merged.putAll(defaults);
        if (given != null) {
            given.forEach((key, value) -> merged.put(Enum.valueOf(type, key), value));
        }
        return merged;
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> map = new HashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return map;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String nameOrId(String name, String id) {
        return name == null || name.isBlank() ? id : name;
    }
}
