package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.solver.search.SolveMode;

import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * A document may ask for a day of solving; the server caps one solve, says so in the plan's warnings
 * (PlanService.submit adds this warning) and the solve's termination ends it at the cap (PlanSolving
 * hands this termination to Timefold): nobody can hold a solver thread for a day.
 */
class SolveTimeCapTest {

    private final SolveTimeCap cap = new SolveTimeCap(Duration.ofSeconds(1));

    @Test
    void aDayLongTimeLimitIsCappedAndSaidSo() {
        PlanSettings dayLong = PlanSettings.defaults().withTerminationSeconds(86_400);

        assertThat(cap.warning(dayLong))
                .isEqualTo("settings.terminationSeconds 86400 is over this service's cap of 1 s: solving stops after 1 s");
        TerminationConfig termination = cap.applyTo(SolveMode.ANNUAL.termination(dayLong));
        assertThat(termination.getSpentLimit()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aTimeLimitWithinTheCapIsLeftAlone() {
        SolveTimeCap halfAnHour = new SolveTimeCap(Duration.ofMinutes(30));
        PlanSettings twoMinutes = PlanSettings.defaults().withTerminationSeconds(120);

        assertThat(halfAnHour.warning(twoMinutes)).isNull();
        assertThat(halfAnHour.applyTo(SolveMode.ANNUAL.termination(twoMinutes)).getSpentLimit())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aTerminationWithoutATimeLimitGetsTheCap() {
        assertThat(cap.applyTo(new TerminationConfig()).getSpentLimit()).isEqualTo(Duration.ofSeconds(1));
    }
}
