package org.kamplanner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.kamplanner.ModelChecker;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.domain.AssignmentPlan;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * Solves dach-small with the service's own solver configuration in FULL_ASSERT mode, which
 * recalculates the score from scratch after every move and fails on any incremental score error.
 */
class SolverFullAssertTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void dachSmallReachesZeroHardWithEveryAccountAssigned() throws IOException {
        PlanDocument document;
        try (InputStream in = getClass().getResourceAsStream("/demo-data/dach-small.json")) {
            document = mapper.readValue(in, PlanDocument.class);
        }
        SolverConfig config = SolverConfig.createFromXmlResource("solverConfig.xml")
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT)
                .withTerminationSpentLimit(Duration.ofSeconds(5));

        AssignmentPlan solved = SolverFactory.<AssignmentPlan>create(config).buildSolver()
                .solve(PlanFactory.build(document).plan());

        assertThat(solved.getScore().hardScore()).isZero();
        assertThat(solved.getScore().mediumScore()).isZero();
        assertThat(solved.getAccounts()).allSatisfy(account -> assertThat(account.getKam()).isNotNull());
        ModelChecker.assertConsistent(mapper.valueToTree(
                PlanReport.document(document, solved, "test", "COMPLETED", java.util.List.of(), null)));
    }
}
