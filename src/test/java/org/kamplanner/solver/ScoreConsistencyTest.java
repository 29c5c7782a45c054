package org.kamplanner.solver;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kamplanner.ModelChecker;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * The score and every reported figure of a bundled dataset under a random assignment (some accounts
 * unassigned, hard constraints broken on purpose) agree with an independent recomputation of
 * docs/model.md: this exercises every constraint, the travel matrix and the rounding rules at scale.
 */
class ScoreConsistencyTest {

    private static final SolutionManager<AssignmentPlan, HardMediumSoftLongScore> SOLUTION_MANAGER =
            SolutionManager.create(SolverFactory.create(SolverConfig.createFromXmlResource("solverConfig.xml")));

    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = { "dach-small", "dach-medium", "dach-large", "dach-xl", "dach-overfull",
            "dach-overfull-small", "dach-overfull-medium" })
    void randomAssignmentScoresAsMODELmdSays(String dataset) throws IOException {
        PlanDocument document;
        try (InputStream in = getClass().getResourceAsStream("/demo-data/" + dataset + ".json")) {
            document = mapper.readValue(in, PlanDocument.class);
        }
        AssignmentPlan plan = PlanFactory.build(document).plan();
        SplittableRandom random = new SplittableRandom(42);
        List<Kam> kams = plan.getActiveKams();
        for (Account account : plan.getAccounts()) {
            if (!account.isPinned()) {
                account.setKam(random.nextInt(10) == 0 ? null : kams.get(random.nextInt(kams.size())));
            }
        }
        SOLUTION_MANAGER.update(plan);

        ModelChecker.assertConsistent(mapper.valueToTree(
                PlanReport.document(document, plan, "test", "COMPLETED", List.of(), null)));
    }
}
