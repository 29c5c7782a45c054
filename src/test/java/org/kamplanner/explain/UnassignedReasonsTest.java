package org.kamplanner.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.domain.AssignmentPlan;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;

/** An over-full plan tells how much capacity is missing and why each left-out account did not fit. */
class UnassignedReasonsTest {

    // One region (30 min inside): A1 = 3600 + 24 × 2 × 30 / 12 = 3720, B1 = 480 + 60 = 540, C1 = 120 + 20 = 140.
    // Capacity 3000 + 1000 = 4000 against a smallest possible workload of 4400: 400 min = 6.7 h missing.
    private static final String OVERFULL = """
            {"sectors": [{"id": "GREENTECH", "name": "GreenTech", "maxAccountsPerKam": 10, "expertiseRequired": true},
                         {"id": "SERVICES", "name": "Services", "maxAccountsPerKam": 15}],
             "regions": [{"id": "MUC", "name": "München", "latitude": 48.137, "longitude": 11.575}],
             "kams": [{"id": "K1", "name": "Anna Schmidt", "homeRegionId": "MUC", "experienceYears": 8,
                       "sectorIds": ["GREENTECH"], "capacityMinutes": 3000},
                      {"id": "K2", "name": "Jonas Weber", "homeRegionId": "MUC", "experienceYears": 2,
                       "sectorIds": ["SERVICES"], "capacityMinutes": 1000}],
             "accounts": [{"id": "A1", "name": "Solarwerk GmbH", "sectorId": "GREENTECH", "regionId": "MUC",
                           "tier": "A", "annualRevenue": 2400000, "complexity": "HIGH"},
                          {"id": "B1", "name": "Kanzlei Wolf", "sectorId": "SERVICES", "regionId": "MUC", "tier": "B",
                           "assignedKamId": "K2"},
                          {"id": "C1", "name": "Beratung Huber", "sectorId": "SERVICES", "regionId": "MUC", "tier": "C",
                           "assignedKamId": "K2"}]}
            """;

    private final PlanExplainer explainer = new PlanExplainer(
            SolutionManager.create(SolverFactory.create(SolverConfig.createFromXmlResource("solverConfig.xml"))));

    @Test
    void summarySaysHowMuchCapacityIsMissingAndWhichTiersAreLeftOut() throws IOException {
        PlanDocument document = new ObjectMapper().readValue(OVERFULL, PlanDocument.class);
        AssignmentPlan plan = PlanFactory.build(document).plan();
        explainer.score(plan);

        PlanDocument.Summary summary = PlanReport.summary(plan);

        assertThat(summary.missingCapacityHours()).isEqualTo(6.7);
        assertThat(summary.missingFullTimeKams()).isEqualTo(0.1); // 400 of a full-time KAM's 7200 minutes
        assertThat(summary.unassignedByTier()).isEqualTo(Map.of("A", 1, "B", 0, "C", 0));
    }

    @Test
    void analysisNamesTheHardRulesThatKeptTheAccountOffEveryKam() throws IOException {
        PlanDocument document = new ObjectMapper().readValue(OVERFULL, PlanDocument.class);

        PlanAnalysis analysis = explainer.analyze(PlanFactory.build(document).plan());

        // Anna Schmidt is empty but 3720 > 3000 (12.0 h short); Jonas Weber has no GreenTech expertise.
        assertThat(analysis.unassigned()).containsExactly(new PlanDocument.UnassignedAccount("A1", "Solarwerk GmbH", "A",
                new BigDecimal("2400000"), "A-account Solarwerk GmbH fits on no active KAM: 1 without GreenTech expertise, "
                        + "1 without the capacity (closest: Anna Schmidt, 12.0 h short)"));
    }

    @Test
    void anAccountThatWouldFitIsSaidToFit() throws IOException {
        PlanDocument document = new ObjectMapper().readValue(OVERFULL.replace("\"assignedKamId\": \"K2\"}]}",
                "\"assignedKamId\": null}]}"), PlanDocument.class);

        PlanAnalysis analysis = explainer.analyze(PlanFactory.build(document).plan());

        assertThat(analysis.unassigned()).extracting(PlanDocument.UnassignedAccount::reason)
                .contains("Beratung Huber could go to 2 KAM(s) without breaking a hard rule, e.g. Anna Schmidt: "
                        + "it has not been placed (yet)");
    }

    @Test
    void theDocumentsSummaryListsTheUncoveredAccountsWithRevenueAndReason() throws IOException {
        PlanDocument document = new ObjectMapper().readValue(OVERFULL, PlanDocument.class);
        AssignmentPlan plan = PlanFactory.build(document).plan();
        explainer.score(plan);

        PlanDocument read = UnassignedReasons.inSummary(PlanReport.document(document, plan, "p", "COMPLETED",
                List.of(), null), plan);

        assertThat(read.summary().unassigned()).extracting(PlanDocument.UnassignedAccount::name,
                PlanDocument.UnassignedAccount::annualRevenue).containsExactly(
                        tuple("Solarwerk GmbH", new BigDecimal("2400000")));
        assertThat(read.summary().unassigned().get(0).reason()).startsWith("A-account Solarwerk GmbH fits on no active KAM");
    }
}
