package org.kamplanner.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.domain.AssignmentPlan;
import org.springframework.context.i18n.LocaleContextHolder;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;

/** A comparison reads in the planner's terms: KAMs over capacity, utilization, juniors on A-accounts, hand-overs. */
class BusinessFiguresTest {

    // One region (30 min inside). Workloads: A1 = 2400 × 1.5 (HIGH) + 24 × 2 × 30 / 12 = 3600 + 120 = 3720,
    // B1 = 480 + 12 × 2 × 30 / 12 = 540, C1 = 120 + 4 × 2 × 30 / 12 = 140.
    // Jonas (2 years, 1000 min) carries A1 and B1: 4260, 3260 min = 54.3 h over, 426 %; Anna carries C1: 140 of 3000, 5 %.
    // A1 moved from Anna to Jonas (an A-account with a junior), C1 from Jonas to Anna: hand-overs A 1, C 1.
    private static final String PLAN = """
            {"sectors": [{"id": "SERVICES", "name": "Services", "maxAccountsPerKam": 15}],
             "regions": [{"id": "MUC", "name": "München", "latitude": 48.137, "longitude": 11.575}],
             "kams": [{"id": "K1", "name": "Anna Schmidt", "homeRegionId": "MUC", "experienceYears": 8,
                       "sectorIds": ["SERVICES"], "capacityMinutes": 3000},
                      {"id": "K2", "name": "Jonas Weber", "homeRegionId": "MUC", "experienceYears": 2,
                       "sectorIds": ["SERVICES"], "capacityMinutes": 1000}],
             "accounts": [{"id": "A1", "name": "Solarwerk GmbH", "sectorId": "SERVICES", "regionId": "MUC",
                           "tier": "A", "complexity": "HIGH", "currentKamId": "K1", "assignedKamId": "K2"},
                          {"id": "B1", "name": "Kanzlei Wolf", "sectorId": "SERVICES", "regionId": "MUC", "tier": "B",
                           "currentKamId": "K2", "assignedKamId": "K2"},
                          {"id": "C1", "name": "Beratung Huber", "sectorId": "SERVICES", "regionId": "MUC", "tier": "C",
                           "currentKamId": "K2", "assignedKamId": "K1"}]}
            """;

    private final PlanExplainer explainer = new PlanExplainer(
            SolutionManager.create(SolverFactory.create(SolverConfig.createFromXmlResource("solverConfig.xml"))));

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void figuresCountKamsOverCapacityJuniorsOnAAccountsTravelAndHandOversByTier() throws IOException {
        LocaleContextHolder.setLocale(Locale.ENGLISH);

        BusinessFigures figures = BusinessFigures.of(output(PLAN));

        assertThat(figures.kamsOverCapacity()).isEqualTo(1);
        assertThat(figures.minutesOverCapacity()).isEqualTo(3260);
        assertThat(figures.utilizationMinPercent()).isEqualTo(5);
        assertThat(figures.utilizationMaxPercent()).isEqualTo(426);
        assertThat(figures.aAccountsWithJuniors()).isEqualTo(1);
        assertThat(figures.travelMinutes()).isEqualTo(200);
        assertThat(figures.handOversByTier()).isEqualTo(Map.of("A", 1, "B", 0, "C", 1));
        assertThat(figures.sentences()).containsExactly("1 KAMs over capacity, by 54.3 h in total",
                "Workloads 5–426 % of capacity", "1 A-accounts with a KAM of fewer than 5 years in sales",
                "Travel 3.3 h a month", "2 accounts handed over from today's owner (A 1, B 0, C 1)");
    }

    @Test
    void todaysAssignmentHandsNothingOverAndSaysSoInGerman() throws IOException {
        LocaleContextHolder.setLocale(Locale.GERMAN);
        String today = PLAN.replace("\"currentKamId\": \"K1\", \"assignedKamId\": \"K2\"",
                "\"currentKamId\": \"K1\", \"assignedKamId\": \"K1\"")
                .replace("\"currentKamId\": \"K2\", \"assignedKamId\": \"K1\"",
                        "\"currentKamId\": \"K2\", \"assignedKamId\": \"K2\"");

        BusinessFigures figures = BusinessFigures.of(output(today));

        // Anna: A1 3720 of 3000 (720 over); Jonas: B1 + C1 = 680 of 1000.
        assertThat(figures.handOversByTier()).isEqualTo(Map.of("A", 0, "B", 0, "C", 0));
        assertThat(figures.sentences()).containsExactly("1 KAMs über ihrer Kapazität, um insgesamt 12,0 h",
                "Auslastung 68–124 % der Kapazität", "Jeder A-Account bei einem KAM mit mindestens 5 Jahren im Vertrieb",
                "Reisezeit 3,3 h im Monat", "Kein Account wechselt vom heutigen Inhaber");
    }

    @Test
    void plansUnderDifferentSettingsAreSaidNotToMeasureTheSame() throws IOException {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        PlanDocument first = output(PLAN);
        PlanDocument second = output(PLAN.replace("{\"sectors\"",
                "{\"settings\": {\"tierMinutes\": {\"A\": 2000}, \"seed\": 7}, \"sectors\""));

        PlanComparison comparison = PlanComparison.of(first, analysis(first), second, analysis(second));
        PlanComparison same = PlanComparison.of(first, analysis(first), first, analysis(first));

        assertThat(comparison.differentSettings()).containsExactly("tierMinutes", "seed");
        assertThat(comparison.notes()).containsExactly("The plans were solved under different settings (tierMinutes): "
                + "their scores do not measure the same, compare the business figures",
                "The solver searched with different settings (seed)");
        assertThat(comparison.plans().get(1).business().kamsOverCapacity()).isEqualTo(1);
        assertThat(same.differentSettings()).isEmpty();
        assertThat(same.notes()).isEmpty();
    }

    private PlanDocument output(String json) throws IOException {
        PlanDocument input = new ObjectMapper().readValue(json, PlanDocument.class);
        AssignmentPlan plan = PlanFactory.build(input).plan();
        explainer.score(plan);
        return PlanReport.document(input, plan, "p", "COMPLETED", List.of(), null);
    }

    private PlanAnalysis analysis(PlanDocument document) {
        return explainer.summarize(PlanFactory.build(document).plan());
    }
}
