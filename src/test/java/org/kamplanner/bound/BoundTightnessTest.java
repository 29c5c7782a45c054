package org.kamplanner.bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.AssignmentPlan;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * On the bundled plans whose optimum CP-SAT proved (benchmarks/RESULTS.md), the soft bound is at most the
 * optimum and within 1 % of it (the floor): the LP alone, and with CP-SAT's bound (which may reach
 * the optimum, but never pass it). The plan it is computed for is what the service's
 * search reaches in a fixed number of moves: every account placed, so M = 0 and the soft bound does not
 * depend on which plan it is.
 */
class BoundTightnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
            "datasets/dach-small.json, 34858, 1.0",
            "benchmarks/data/dach-medium-10x100.json, 53139, 1.0",
            "benchmarks/data/dach-medium-15x150.json, 73332, 1.0" })
    void softBoundIsBelowTheProvenOptimumAndWithinOnePercent(String file, long optimum, double floorPercent)
            throws IOException {
        AssignmentPlan plan = solved(file);
        assertThat(plan.getScore().hardScore()).isZero();
        assertThat(plan.getScore().mediumScore()).isZero();

        // The LP alone: CP-SAT would prove these small plans' optima and hide the LP's gap.
        PlanBound bound = new LowerBound(LowerBound.Options.DEFAULT.withCpSatLimit(Duration.ZERO))
                .compute(plan, Duration.ofSeconds(60));

        assertThat(bound.status()).as(bound.toString()).isEqualTo(PlanBound.Status.PROVEN);
        assertThat(bound.method()).isEqualTo("LP relaxation");
        assertThat(bound.reason()).as(bound.toString()).isNull(); // converged
        assertThat(bound.mediumPenalty()).isZero();
        assertThat(bound.softPenalty()).as(bound.toString()).isLessThanOrEqualTo(optimum)
                .isGreaterThanOrEqualTo((long) Math.ceil((1 - floorPercent / 100) * optimum));
        assertThat(bound.softGapPercent()).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({
            "datasets/dach-small.json, 34858",
            "benchmarks/data/dach-medium-10x100.json, 53139",
            "benchmarks/data/dach-medium-15x150.json, 73332" })
    void withCpSatTheBoundIsStillBelowTheOptimum(String file, long optimum) throws IOException {
        AssignmentPlan plan = solved(file);

        PlanBound bound = new LowerBound().compute(plan, Duration.ofSeconds(60));

        assertThat(bound.status()).as(bound.toString()).isEqualTo(PlanBound.Status.PROVEN);
        assertThat(bound.softPenalty()).as(bound.toString()).isLessThanOrEqualTo(optimum)
                .isGreaterThanOrEqualTo((long) Math.ceil(0.99 * optimum));
    }

    private static AssignmentPlan solved(String file) throws IOException {
        PlanDocument document = JSON.readValue(new File(file), PlanDocument.class);
        SolverConfig config = SolverConfig.createFromXmlResource("solverConfig.xml")
                .withRandomSeed(0L)
                .withTerminationConfig(new TerminationConfig().withMoveCountLimit(20_000L));
        return SolverFactory.<AssignmentPlan>create(config).buildSolver().solve(PlanFactory.build(document).plan());
    }
}
