package org.kamplanner.frontier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.explain.PlanAnalysis;
import org.kamplanner.rebalance.Rebalancer;
import org.kamplanner.solver.KamConstraint;
import org.kamplanner.words.Words;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The frontier's plans, for the service and the command line alike: the caps checked, the default caps spread
 * from the uncapped plan's hand-overs, and each point's document made from the source document.
 */
public final class FrontierPlans {

    /** More points than this are refused: each is a whole solve. */
    public static final int MAX_CAPS = 12;
    /** The default frontier: this many caps from 0 up to the uncapped plan's hand-overs, and that plan. */
    public static final int DEFAULT_CAPS = 5;
    /** Points by cap, no cap last. */
    static final Comparator<Integer> BY_CAP = Comparator.nullsLast(Comparator.naturalOrder());

    private FrontierPlans() {
    }

    /**
     * The caps to solve first: the list as given, or (none given) only the uncapped point, whose hand-overs
     * {@link #spread} the others.
     *
     * @throws InvalidPlanException for an empty list, more than {@link #MAX_CAPS} caps, a negative or repeated cap
     */
    public static List<Integer> check(List<Integer> caps) {
        if (caps == null) {
            return java.util.Collections.singletonList(null);
        }
        if (caps.isEmpty()) {
            throw InvalidPlanException.of("maxMovedAccounts", Words.text("frontier.error.noCaps"));
        }
        if (caps.size() > MAX_CAPS) {
            throw InvalidPlanException.of("maxMovedAccounts", Words.text("frontier.error.tooManyCaps", MAX_CAPS,
                    caps.size()));
        }
        List<FieldProblem> problems = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        boolean uncapped = false;
        for (int i = 0; i < caps.size(); i++) {
            Integer cap = caps.get(i);
            String path = "maxMovedAccounts[" + i + "]";
            if (cap != null && cap < 0) {
                problems.add(new FieldProblem(path, Words.text("frontier.error.negativeCap", cap)));
            } else if (cap == null ? uncapped : !seen.add(cap)) {
                problems.add(new FieldProblem(path, Words.text("frontier.error.repeatedCap",
                        cap == null ? "null" : cap)));
            }
            uncapped |= cap == null;
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        return caps.stream().sorted(BY_CAP).toList();
    }

    /**
     * The default caps from the uncapped plan's hand-overs: {@link #DEFAULT_CAPS} evenly spaced from 0 below
     * them (0, ⅕, ⅖, ⅗, ⅘ of them, rounded down, each once), so that with the uncapped plan the frontier has
     * six points; fewer when there are fewer than five hand-overs to spread, none when there are none.
     */
    public static List<Integer> spread(int uncappedHandOvers) {
        Set<Integer> caps = new TreeSet<>();
        for (int k = 0; k < DEFAULT_CAPS; k++) {
            int cap = (int) ((long) uncappedHandOvers * k / DEFAULT_CAPS);
            if (cap < uncappedHandOvers) {
                caps.add(cap);
            }
        }
        return List.copyOf(caps);
    }

    /**
     * A source plan without incumbents has no hand-overs to cap: a 400. The incumbents are the source document's
     * {@code currentKamId}s only, never its solved assignment (a proposal, not who looks after the account today).
     */
    public static void checkIncumbents(PlanDocument source) {
        if (source.accounts() == null || source.accounts().stream().allMatch(a -> a == null || a.currentKamId() == null)) {
            throw InvalidPlanException.of("accounts[].currentKamId", Words.text("frontier.error.noIncumbents"));
        }
    }

    /**
     * The document of one point: the source's problem with every account starting at its incumbent (if active:
     * a plan with no hand-over to start from), the given settings over the source's, and the cap.
     */
    public static PlanDocument point(PlanDocument source, PlanDocument.Settings given, Integer cap) {
        Set<String> active = new HashSet<>();
        List<PlanDocument.Kam> kams = new ArrayList<>();
        for (PlanDocument.Kam k : source.kams()) {
            if (!Boolean.FALSE.equals(k.active())) {
                active.add(k.id());
            }
            kams.add(k.asInput());
        }
        List<PlanDocument.Account> accounts = source.accounts().stream()
                .map(a -> a.asInput().withAssignedKamId(active.contains(a.currentKamId()) ? a.currentKamId() : null))
                .toList();
        PlanDocument.Settings settings = Rebalancer.merge(source.settings(), given);
        String mode = given != null && given.mode() != null ? given.mode()
                : source.settings() == null ? null : source.settings().mode();
        // The point's own cap, none for the uncapped point, whatever cap the source or the body had.
        settings = settings.withMode(mode).withMaxMovedAccounts(cap);
        String name = (source.name() == null ? "plan" : source.name()) + " "
                + Words.text(cap == null ? "frontier.name.uncapped" : "frontier.name.capped", cap);
        return new PlanDocument(null, name, null, null, null, null, null, null, settings, source.sectors(),
                source.regions(), source.travelOverrides(), source.forbiddenPairs(), source.affinities(), kams,
                accounts, null);
    }

    /** A solved point's hand-overs (docs/model.md): accounts taken from an active incumbent. */
    public static int handOvers(PlanDocument solved) {
        return solved.summary().handOvers();
    }

    /** The plan's Balanced workload penalty (positive), from its analysis; null when the analysis lacks it. */
    public static Long workloadPenalty(PlanAnalysis analysis) {
        String name = KamConstraint.BALANCED_WORKLOAD.constraintName();
        return analysis.constraints().stream().filter(c -> name.equals(c.name())).findFirst()
                .map(c -> -HardMediumSoftLongScore.parseScore(c.score()).softScore()).orElse(null);
    }
}
