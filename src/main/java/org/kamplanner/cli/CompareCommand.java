package org.kamplanner.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.kamplanner.words.Words;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.explain.BusinessFigures;
import org.kamplanner.explain.PlanAnalysis;
import org.kamplanner.explain.PlanComparison;
import org.kamplanner.explain.PlanExplainer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compare BEFORE.json AFTER.json [--json]}: what {@code GET /plans/compare} shows for two stored
 * plans, for two files: score, summary, the business figures (KAMs over capacity, utilization range,
 * A-accounts with juniors, travel, hand-overs by tier) with a note when the two differ in settings, each
 * constraint's score, and the accounts with another KAM, by name. Each plan is scored as given, so an
 * edited file compares as what it now says.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare two plan documents: score, summary, business figures, each constraint, and the accounts "
                + "with another KAM.")
class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FIRST", descriptionKey = "first", description = "the plan before (JSON), e.g. solved.json")
    Path first;

    @Parameters(index = "1", paramLabel = "SECOND", descriptionKey = "second", description = "the plan after (JSON), e.g. rebalanced.json")
    Path second;

    @Option(names = "--json", description = "print JSON (the API's comparison, moved accounts with names) "
            + "instead of text; default: text")
    boolean json;

    @Mixin
    KamPlannerCli.CommonOptions common;

    /** A moved account with the names a planner reads. */
    record NamedMove(String accountId, String accountName, String fromKamId, String fromKamName, String toKamId,
            String toKamName) {
    }

    record Comparison(List<PlanComparison.ComparedPlan> plans, List<NamedMove> moved, List<String> differentSettings,
            List<String> notes) {
    }

    @Override
    public Integer call() throws IOException {
        PlanDocument before = CliTools.read(first);
        PlanDocument after = CliTools.read(second);
        PlanExplainer explainer = CliTools.explainer();
        Scored a = scored(explainer, before, first);
        Scored b = scored(explainer, after, second);
        PlanComparison comparison = PlanComparison.of(a.document(), a.analysis(), b.document(), b.analysis());
        Map<String, String> names = new HashMap<>();
        for (PlanDocument plan : List.of(before, after)) {
            plan.kams().forEach(k -> names.put("kam " + k.id(), k.name()));
            plan.accounts().forEach(x -> names.put("account " + x.id(), x.name()));
        }
        List<NamedMove> moved = comparison.moved().stream()
                .map(m -> new NamedMove(m.accountId(), names.get("account " + m.accountId()), m.fromKamId(),
                        m.fromKamId() == null ? null : names.get("kam " + m.fromKamId()), m.toKamId(),
                        m.toKamId() == null ? null : names.get("kam " + m.toKamId())))
                .toList();
        if (json) {
            System.out.println(CliTools.pretty().writeValueAsString(new Comparison(comparison.plans(), moved,
                    comparison.differentSettings(), comparison.notes())));
        } else {
            print(System.out, comparison, moved);
        }
        return KamPlannerCli.OK;
    }

    private record Scored(PlanDocument document, PlanAnalysis analysis) {
    }

    private static Scored scored(PlanExplainer explainer, PlanDocument input, Path file) {
        PlanFactory.Built built = PlanFactory.build(input);
        AssignmentPlan plan = built.plan();
        // Scores the plan too, which the report then reads.
        PlanAnalysis analysis = explainer.summarize(plan);
        String name = input.name() == null ? file.getFileName().toString() : input.name();
        PlanDocument report = PlanReport.document(input, plan, file.getFileName().toString(), input.status(), built.warnings(), null);
        return new Scored(new PlanDocument(report.id(), name, report.status(), report.score(), report.feasible(),
                report.warnings(), report.error(), report.summary(), report.settings(), report.sectors(),
                report.regions(), report.travelOverrides(), report.forbiddenPairs(), report.affinities(), report.kams(),
                report.accounts()), analysis);
    }

    private static void print(PrintStream out, PlanComparison comparison, List<NamedMove> moved) {
        PlanComparison.ComparedPlan a = comparison.plans().get(0);
        PlanComparison.ComparedPlan b = comparison.plans().get(1);
        out.printf("%-34s %-30s %-30s%n", "", abbreviate(a.id(), 30), abbreviate(b.id(), 30));
        out.printf("%-34s %-30s %-30s%n", PlanText.words("cli.compare.score"), a.score(), b.score());
        out.printf("%-34s %-30s %-30s%n", PlanText.words("cli.compare.feasible"), a.feasible(), b.feasible());
        PlanDocument.Summary sa = a.summary();
        PlanDocument.Summary sb = b.summary();
        row(out, PlanText.words("cli.compare.assigned"), sa.assignedAccounts(), sb.assignedAccounts());
        row(out, PlanText.words("cli.compare.unassigned"), sa.unassignedAccounts(), sb.unassignedAccounts());
        row(out, PlanText.words("cli.compare.moved"), sa.movedAccounts(), sb.movedAccounts());
        out.printf("%-34s %-30s %-30s%n", PlanText.words("cli.compare.travel"), Words.hours(sa.totalTravelMinutes()),
                Words.hours(sb.totalTravelMinutes()));
        out.printf("%-34s %-30s %-30s%n", PlanText.words("cli.compare.utilization"), utilization(sa), utilization(sb));
        out.println();
        business(out, comparison.notes(), a.business(), b.business());
        out.println(PlanText.words("cli.compare.constraints"));
        Map<String, String> second = new HashMap<>();
        b.constraints().forEach(c -> second.put(c.name(), c.score()));
        for (PlanComparison.ConstraintScore c : a.constraints()) {
            String other = second.getOrDefault(c.name(), "–");
            out.printf("  %-32s %-30s %-30s%s%n", c.name(), c.score(), other, c.score().equals(other) ? "" : "  *");
        }
        out.println();
        out.println(PlanText.words("cli.compare.accounts", moved.size()));
        for (NamedMove m : moved) {
            out.printf("  %-10s %-30s %s → %s%n", m.accountId(), abbreviate(m.accountName(), 30),
                    kam(m.fromKamId(), m.fromKamName()), kam(m.toKamId(), m.toKamName()));
        }
    }

    /**
     * The business figures side by side, before the raw penalties (a hard score of "-63267" says less than
     * "14 KAMs over capacity"), after the note that the two plans were solved under different settings.
     */
    private static void business(PrintStream out, List<String> notes, BusinessFigures a, BusinessFigures b) {
        notes.forEach(out::println);
        out.println(PlanText.words("cli.compare.business"));
        businessRow(out, "cli.compare.overCapacity", a, b, CompareCommand::overCapacity);
        businessRow(out, "cli.compare.utilizationRange", a, b, f -> String.format(Words.locale(), "%d-%d %%",
                f.utilizationMinPercent(), f.utilizationMaxPercent()));
        businessRow(out, "cli.compare.juniors", a, b, f -> Words.number(f.aAccountsWithJuniors()));
        businessRow(out, "cli.compare.businessTravel", a, b, f -> Words.hours(f.travelMinutes()));
        businessRow(out, "cli.compare.handOvers", a, b, f -> {
            Map<String, Integer> tiers = f.handOversByTier();
            int total = tiers.values().stream().mapToInt(Integer::intValue).sum();
            // Tier letters are the same in both languages.
            return String.format("%s (A %s, B %s, C %s)", Words.number(total), Words.number(tiers.get("A")),
                    Words.number(tiers.get("B")), Words.number(tiers.get("C")));
        });
        out.println();
    }

    private static String overCapacity(BusinessFigures f) {
        return f.kamsOverCapacity() == 0 ? PlanText.words("cli.compare.none")
                : PlanText.words("cli.compare.overBy", Words.number(f.kamsOverCapacity()), Words.hours(f.minutesOverCapacity()));
    }

    private static void businessRow(PrintStream out, String key, BusinessFigures a, BusinessFigures b,
            Function<BusinessFigures, String> value) {
        String first = value.apply(a);
        String second = value.apply(b);
        out.printf("  %-32s %-30s %-30s%s%n", PlanText.words(key), first, second, first.equals(second) ? "" : "  *");
    }

    private static void row(PrintStream out, String label, int a, int b) {
        out.printf("%-34s %-30d %-30d%n", label, a, b);
    }

    private static String utilization(PlanDocument.Summary s) {
        return String.format(Words.locale(), "%.1f / %.1f / %.1f %%", 100 * s.utilizationMin(), 100 * s.utilizationMean(),
                100 * s.utilizationMax());
    }

    private static String kam(String id, String name) {
        return id == null ? PlanText.words("cli.compare.noKam") : name == null ? id : name + " (" + id + ")";
    }

    private static String abbreviate(String text, int width) {
        return text == null ? "" : PlanText.abbreviate(text, width);
    }
}
