package org.kamplanner.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kamplanner.document.InvalidPlanException;
import org.springframework.context.i18n.LocaleContextHolder;

/** The caps, their default spread and the sentences, without a service. */
class FrontierPlansTest {

    @AfterEach
    void english() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void theDefaultCapsAreFiveFifthsBelowTheUncappedHandOvers() {
        assertThat(FrontierPlans.spread(73)).containsExactly(0, 14, 29, 43, 58);
        assertThat(FrontierPlans.spread(3)).containsExactly(0, 1, 2);
        assertThat(FrontierPlans.spread(0)).isEmpty();
    }

    @Test
    void capsAreSortedWithNoCapLastAndBadOnesNamedByIndex() {
        assertThat(FrontierPlans.check(Arrays.asList(null, 25, 0))).containsExactly(0, 25, null);
        assertThat(FrontierPlans.check(null)).containsExactly((Integer) null);
        assertThatThrownBy(() -> FrontierPlans.check(List.of(0, 10, -5))).isInstanceOfSatisfying(
                InvalidPlanException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("maxMovedAccounts[2]");
                    assertThat(p.message()).contains("-5");
                }));
        assertThatThrownBy(() -> FrontierPlans.check(Arrays.asList(null, 3, null))).isInstanceOfSatisfying(
                InvalidPlanException.class, e -> assertThat(e.problems().get(0).path()).isEqualTo("maxMovedAccounts[2]"));
        assertThatThrownBy(() -> FrontierPlans.check(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)))
                .isInstanceOfSatisfying(InvalidPlanException.class,
                        e -> assertThat(e.problems().get(0).path()).isEqualTo("maxMovedAccounts"));
    }

    @Test
    void aStepSaysWhatItBuysAndWhenAPlanBreaksAHardRule() {
        FrontierPoint capZero = point(0, 13, "-13hard/0medium/-493589soft", 0.70, 1.02, 364_705);
        FrontierPoint cap42 = point(42, 42, "0hard/0medium/-480837soft", 0.68, 1.03, 356_600);
        FrontierPoint uncapped = point(null, 214, "0hard/0medium/-461368soft", 0.60, 1.12, 350_969);

        List<FrontierStep> steps = FrontierSteps.of(List.of(capZero, cap42, uncapped));

        assertThat(steps).extracting(FrontierStep::from).containsExactly(0, 42);
        assertThat(steps.get(1).sentence())
                .isEqualTo("172 more hand-overs: spread 35 → 52 points, workload penalty 356,600 → 350,969");
        assertThat(steps.get(0).sentence()).isEqualTo("29 more hand-overs: spread 32 → 35 points, workload penalty "
                + "364,705 → 356,600; the plan capped at 0 breaks a hard rule (-13hard/0medium/-493589soft)");
        LocaleContextHolder.setLocale(Locale.GERMAN);
        assertThat(FrontierSteps.of(List.of(cap42, uncapped)).get(0).sentence())
                .isEqualTo("172 Übergaben mehr: Spanne 35 → 52 Prozentpunkte, Auslastungsstrafe 356.600 → 350.969");
    }

    @Test
    void pointsStillSolvingMakeNoStep() {
        FrontierPoint solving = new FrontierPoint(0, "p", "SOLVING", "0hard/0medium/-1soft", 0, 0.5, 0.9, 10L, 5L,
                null, null);
        assertThat(FrontierSteps.of(List.of(solving, point(null, 4, "0hard/0medium/-1soft", 0.5, 0.8, 4)))).isEmpty();
    }

    private static FrontierPoint point(Integer cap, int handOvers, String score, double min, double max, long workload) {
        return new FrontierPoint(cap, "plan-" + cap, "COMPLETED", score, handOvers, min, max, 1_000L, workload, null, null);
    }
}
