package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** A replica solves as many plans at once as it has cores, unless KAM_PLANNER_SOLVE_THREADS says otherwise. */
class MachineCoresTest {

    private static final String THREADS = "${KAM_PLANNER_SOLVE_THREADS:${kam-planner.machine.cores}}";

    @Test
    void theSolveThreadsAreTheCoresByDefault() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        new MachineCores().postProcessEnvironment(environment, null);

        assertThat(environment.resolvePlaceholders(THREADS))
                .isEqualTo(String.valueOf(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void theVariableOverridesTheCores() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("env", Map.of("KAM_PLANNER_SOLVE_THREADS", "7")));
        new MachineCores().postProcessEnvironment(environment, null);

        assertThat(environment.resolvePlaceholders(THREADS)).isEqualTo("7");
    }
}
