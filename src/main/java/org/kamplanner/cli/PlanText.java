package org.kamplanner.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import org.kamplanner.words.Words;
import org.kamplanner.bound.PlanBound;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanReport;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.explain.PlanAnalysis;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * What the commands print about a plan, in the command line's language ({@code --lang} or the system's,
 * through {@link ScoreWords}): the KAM table, the summary with the uncovered accounts, the quality
 * certificate and an analysis. Numbers per language ("1.234,5 h"); the files written stay JSON.
 */
final class PlanText {

    private static final int SHOWN = 10;

    private PlanText() {
    }

    static String words(String key, Object... args) {
        return Words.text(key, args);
    }

    /** One row per KAM, then the summary: covered, moved, travel, workloads, and who is left without a KAM. */
    static void kamTable(PrintStream out, AssignmentPlan plan) {
        PlanDocument.Summary summary = PlanReport.summary(plan);
        out.printf("%n%-8s %-28s %8s %9s %7s %9s%n", words("cli.column.kam"), words("cli.column.name"),
                words("cli.column.accounts"), words("cli.column.load"), words("cli.column.utilization"),
                words("cli.column.travel"));
        PlanReport.KamFigures figures = PlanReport.KamFigures.of(plan);
        long[] load = figures.load();
        int[] count = figures.accounts();
        long[] travel = figures.travel();
        for (Kam kam : plan.getKams()) {
            int i = kam.getIndex();
            out.printf("%-8s %-28s %8d %9s %7s %9s%s%n", kam.getId(), abbreviate(kam.getName(), 28), count[i],
                    decimal(load[i] / 60.0), Words.percent(load[i], kam.getCapacityMinutes()),
                    decimal(travel[i] / 60.0), kam.isActive() ? "" : words("cli.inactive"));
        }
        out.println();
        out.println(words("cli.summary", summary.assignedAccounts(), summary.unassignedAccounts(),
                summary.movedAccounts(), Words.hours(summary.totalTravelMinutes()),
                percent(summary.utilizationMin()), percent(summary.utilizationMax()), percent(summary.utilizationMean())));
        out.println(summary.headline());
    }

    /** "Uncovered accounts (3):" and each with tier, revenue and why, the most valuable first. */
    static void uncovered(PrintStream out, List<PlanDocument.UnassignedAccount> unassigned) {
        if (unassigned == null || unassigned.isEmpty()) {
            return;
        }
        out.println(words("cli.uncovered", unassigned.size()));
        unassigned.stream()
                .sorted(Comparator.comparing(PlanDocument.UnassignedAccount::tier)
                        .thenComparing(u -> u.annualRevenue() == null ? BigDecimal.ZERO : u.annualRevenue(),
                                Comparator.reverseOrder()))
                .limit(SHOWN)
                .forEach(u -> out.println("  " + words("cli.uncoveredAccount", u.accountId(), u.name(), u.tier(),
                        u.annualRevenue() == null ? "–" : Words.number(u.annualRevenue().longValue()), u.reason())));
        if (unassigned.size() > SHOWN) {
            out.println("  " + words("cli.more", unassigned.size() - SHOWN));
        }
    }

    /** "bound: within 1.84 % of the best possible plan for this coverage (LP relaxation, 5.2 s)". */
    static String boundLine(PlanBound bound) {
        return switch (bound.status()) {
            case COMPUTING -> words("cli.bound.computing");
            case UNAVAILABLE -> words("cli.bound.unavailable", bound.reason());
            case PROVEN -> words("cli.bound.proven", bound.softGapPercent() == null ? words("cli.bound.noSoftGap")
                    : words("cli.bound.within", String.format(Words.locale(), "%.2f", bound.softGapPercent())),
                    Words.number(bound.mediumPenalty()),
                    bound.softPenalty() == null ? "–" : Words.number(bound.softPenalty()), bound.method(),
                    decimal(bound.seconds()))
                    + (bound.reason() == null ? "" : "; " + bound.reason());
        };
    }

    /** Constraints worst first, each with its first sentences, then the most penalized objects. */
    static void analysis(PrintStream out, PlanAnalysis analysis) {
        out.println(words(analysis.feasible() ? "cli.score.feasible" : "cli.score.infeasible", analysis.score()));
        out.println();
        List<PlanAnalysis.ConstraintResult> byImpact = analysis.constraints().stream()
                .filter(c -> c.matchCount() > 0)
                .sorted(Comparator.comparing((PlanAnalysis.ConstraintResult c) -> HardMediumSoftLongScore.parseScore(c.score())))
                .toList();
        for (PlanAnalysis.ConstraintResult c : byImpact) {
            out.printf("%-34s %-6s %s %-3d %6d %s  %s%n", c.name(), c.level(), words("cli.weight"), c.weight(),
                    c.matchCount(), words("cli.matches"), c.score());
            c.matches().stream().limit(5).forEach(m -> out.println("    " + m.justification().description()));
            if (c.matchCount() > 5) {
                out.println("    " + words("cli.more", c.matchCount() - 5));
            }
        }
        out.println();
        out.println(words("cli.worstKams"));
        analysis.kams().stream().limit(SHOWN).forEach(k -> {
            out.printf("  %-10s %-28s %s%n", k.kamId(), k.name(), k.score());
            analysis.sentencesOfKam(k.kamId()).forEach(sentence -> out.println("      " + sentence));
        });
        out.println(words("cli.worstAccounts"));
        analysis.accounts().stream().limit(SHOWN).forEach(a -> {
            out.printf("  %-10s %-28s %s%n", a.accountId(), a.name(), a.score());
            analysis.sentencesOfAccount(a.accountId()).forEach(sentence -> out.println("      " + sentence));
        });
        uncovered(out, analysis.unassigned());
    }

    /** One decimal, per language: "86.7", "86,7". */
    static String decimal(double value) {
        return String.format(Words.locale(), "%,.1f", value);
    }

    private static String percent(double fraction) {
        return String.format(Words.locale(), "%.1f %%", 100 * fraction);
    }

    static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
