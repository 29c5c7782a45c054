package org.kamplanner.plan;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Offers {@code kam-planner.machine.cores}, the processors this JVM may use, to the configuration: a
 * replica runs as many solves at once as it has cores (each Timefold solve is one thread) unless
 * KAM_PLANNER_SOLVE_THREADS says otherwise, and a properties file cannot ask the machine itself.
 * Registered in META-INF/spring.factories; last in line, so any other source overrides it.
 */
public class MachineCores implements EnvironmentPostProcessor {

    static final String PROPERTY = "kam-planner.machine.cores";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("kam-planner-machine",
                Map.of(PROPERTY, Runtime.getRuntime().availableProcessors())));
    }
}
