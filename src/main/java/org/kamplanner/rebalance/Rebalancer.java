package org.kamplanner.rebalance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kamplanner.words.Words;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.solver.search.SolveMode;

/**
 * Builds the document of a rebalance from a plan as it stands: the source's assignment becomes every
 * account's currentKamId and its warm start, leavers become inactive and their accounts start
 * unassigned, newcomers are added, and the request's settings are laid over the source's. The result is
 * an ordinary plan document: it is validated, stored and solved like any other (in REBALANCE mode).
 */
public final class Rebalancer {

    /** The new document and what to tell the planner about it (how many accounts were orphaned). */
    public record Rebalance(PlanDocument document, List<String> notes) {
    }

    private Rebalancer() {
    }

    /**
     * @param source the source plan's current document (its assignedKamIds are the best so far)
     * @throws InvalidPlanException for bad leavers or new KAMs, with the request's paths
     */
    public static Rebalance rebalance(PlanDocument source, RebalanceRequest request) {
        List<String> leaving = request.leavingKamIds() == null ? List.of() : request.leavingKamIds();
        if (!leaving.isEmpty()) {
            Leavers.check(source, leaving, "leavingKamIds");
        }
        List<PlanDocument.Kam> newKams = request.newKams() == null ? List.of() : request.newKams();
        if (leaving.isEmpty() && newKams.isEmpty() && request.settings() == null) {
            throw InvalidPlanException.of("leavingKamIds", Words.text("error.rebalance.empty"));
        }
        Set<String> leavers = Set.copyOf(leaving);

        List<PlanDocument.Kam> kams = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (PlanDocument.Kam k : source.kams()) {
            names.put(k.id(), k.name() == null ? k.id() : k.name());
            kams.add(leavers.contains(k.id()) ? k.asInput().withActive(Boolean.FALSE) : k.asInput());
        }
        for (PlanDocument.Kam k : newKams) {
            kams.add(k == null ? null : k.asInput());
        }

        Map<String, Integer> orphaned = new HashMap<>();
        List<PlanDocument.Account> accounts = new ArrayList<>();
        for (PlanDocument.Account a : source.accounts()) {
            String kam = a.assignedKamId();
            boolean orphan = kam != null && leavers.contains(kam);
            if (orphan) {
                orphaned.merge(kam, 1, Integer::sum);
            }
            accounts.add(a.asInput().withCurrentKamId(kam).withAssignedKamId(orphan ? null : kam));
        }

        PlanDocument.Settings settings = merge(source.settings(), request.settings());
        String mode = request.settings() != null && request.settings().mode() != null ? request.settings().mode()
                : SolveMode.REBALANCE.name();
        settings = settings == null ? null : settings.withMode(mode);
        int forced = orphaned.values().stream().mapToInt(Integer::intValue).sum();
        Integer askedCap = request.settings() == null ? null : request.settings().maxMovedAccounts();
        int cap = askedCap != null ? askedCap : defaultHandOverCap(forced);
        settings = settings == null ? null : settings.withMaxMovedAccounts(cap);

        List<String> notes = new ArrayList<>();
        for (String leaver : leaving) {
            // A warning is worded once, in the language of the request that makes the plan.
            notes.add(Words.text("warning.leaves", names.get(leaver), leaver, orphaned.getOrDefault(leaver, 0)));
        }
        notes.add(askedCap != null ? Words.text("warning.rebalanceCapAsked", cap)
                : Words.text("warning.rebalanceCap", cap, forced));
        String name = (source.name() == null ? "plan" : source.name()) + " (rebalanced"
                + (leaving.isEmpty() ? "" : ": " + String.join(", ", leaving) + " leaving")
                + (newKams.isEmpty() ? "" : (leaving.isEmpty() ? ": " : "; ") + newKams.size() + " joining") + ")";
        PlanDocument document = new PlanDocument(null, name, null, null, null, null, null, null, settings,
                source.sectors(), source.regions(), source.travelOverrides(), source.forbiddenPairs(),
                source.affinities(), kams, accounts, null);
        return new Rebalance(document, notes);
    }

    /**
     * The voluntary hand-overs a rebalance allows unless the request gives settings.maxMovedAccounts: twice
     * the accounts a leaver orphaned, at least {@value #MIN_HAND_OVERS}. Each orphan may need room on the KAM
     * that takes it (one account off a full KAM, a second one for a chain of two), so this covers the
     * leaver's accounts on a nearly full team without reshuffling it; a rebalance without leavers (settings,
     * newcomers) may still move a handful. The source plan's own cap is not carried over: it was counted
     * against the source's incumbents, not against its assignment, which a rebalance starts from.
     */
    static int defaultHandOverCap(int orphaned) {
        return Math.max(MIN_HAND_OVERS, 2 * orphaned);
    }

    static final int MIN_HAND_OVERS = 5;

    /**
     * Maps a validator problem of the built document back onto the request: a new KAM's path is
     * {@code newKams[j]}, a setting's stays {@code settings.…}; the rest came from the source plan.
     */
    public static InvalidPlanException onRequest(InvalidPlanException e, int sourceKamCount) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldProblem p : e.problems()) {
            String path = p.path();
            var m = java.util.regex.Pattern.compile("^kams\\[(\\d+)\\](.*)$").matcher(path);
            if (m.matches() && Integer.parseInt(m.group(1)) >= sourceKamCount) {
                path = "newKams[" + (Integer.parseInt(m.group(1)) - sourceKamCount) + "]" + m.group(2);
            } else if (path.equals("kams")) {
                path = "leavingKamIds";
            }
            problems.add(new FieldProblem(path, p.message()));
        }
        return new InvalidPlanException(problems);
    }

    /** The request's settings over the source's: a given field wins, maps merge key by key. */
    public static PlanDocument.Settings merge(PlanDocument.Settings base, PlanDocument.Settings given) {
        if (given == null) {
            return base != null ? base : PlanDocument.Settings.DEFAULTS;
        }
        if (base == null) {
            return given;
        }
        return new PlanDocument.Settings(
                or(given.aTierMinExperienceYears(), base.aTierMinExperienceYears()),
                or(given.intraRegionTravelMinutes(), base.intraRegionTravelMinutes()),
                or(given.roadFactor(), base.roadFactor()),
                or(given.speedKmh(), base.speedKmh()),
                maps(base.tierMinutes(), given.tierMinutes()),
                maps(base.complexityPercent(), given.complexityPercent()),
                maps(base.phasePercent(), given.phasePercent()),
                maps(base.visitsPerYear(), given.visitsPerYear()),
                maps(base.unassignedPenalty(), given.unassignedPenalty()),
                maps(base.movePenalty(), given.movePenalty()),
                maps(base.constraintWeights(), given.constraintWeights()),
                or(given.terminationSeconds(), base.terminationSeconds()),
                or(given.unimprovedSeconds(), base.unimprovedSeconds()),
                given.mode(),
                or(given.seed(), base.seed()),
                or(given.workBudget(), base.workBudget()),
                or(given.maxMovedAccounts(), base.maxMovedAccounts()),
                or(given.keepWithIncumbent(), base.keepWithIncumbent()));
    }

    private static <T> T or(T given, T base) {
        return given != null ? given : base;
    }

    private static <V> Map<String, V> maps(Map<String, V> base, Map<String, V> given) {
        if (base == null || given == null) {
            return given != null ? given : base;
        }
        Map<String, V> merged = new java.util.LinkedHashMap<>(base);
        merged.putAll(given);
        return merged;
    }
}
