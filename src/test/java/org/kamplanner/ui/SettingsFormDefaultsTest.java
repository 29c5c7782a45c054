package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Tier;
import org.kamplanner.solver.KamConstraint;

/**
 * The settings panel (js/settingsForm.js) names the service's constraints and shows the model's defaults as
 * placeholders: its copies must be the service's, or a weight would go to a constraint that does not exist
 * and a planner would read a default that is not the one solved with.
 */
class SettingsFormDefaultsTest {

    private static final Path FORM = Path.of("src/main/resources/static/js/settingsForm.js");

    @Test
    void thePanelsConstraintsAndDefaultsAreTheServices() throws IOException {
        String source = Files.readString(FORM);
        Matcher constraints = Pattern.compile("const CONSTRAINTS = \\[([^\\]]*)]").matcher(source);
        assertThat(constraints.find()).isTrue();
        List<String> names = Pattern.compile("'([^']+)'").matcher(constraints.group(1)).results()
                .map(m -> m.group(1)).toList();
        assertThat(names).containsExactlyElementsOf(
                Arrays.stream(KamConstraint.values()).map(KamConstraint::constraintName).toList());

        // The weights that are not 1 by default (Balanced revenue: 0) are the panel's placeholders too.
        Matcher weights = Pattern.compile("const DEFAULT_WEIGHTS = \\{([^}]*)}").matcher(source);
        assertThat(weights.find()).isTrue();
        Map<String, Long> shown = new LinkedHashMap<>();
        Pattern.compile("'([^']+)': (\\d+)").matcher(weights.group(1)).results()
                .forEach(m -> shown.put(m.group(1), Long.parseLong(m.group(2))));
        Map<String, Long> service = new LinkedHashMap<>();
        Arrays.stream(KamConstraint.values()).filter(c -> c.defaultWeight() != 1)
                .forEach(c -> service.put(c.constraintName(), c.defaultWeight()));
        assertThat(shown).isEqualTo(service);
        assertThat(source).contains("settings.maxMovedAccounts");

        PlanSettings defaults = PlanSettings.defaults();
        assertThat(tierMap(source, "DEFAULT_TIER_MINUTES")).isEqualTo(byName(defaults.tierMinutes()));
        assertThat(tierMap(source, "DEFAULT_VISITS")).isEqualTo(byName(defaults.visitsPerYear()));
    }

    private static Map<String, Integer> tierMap(String source, String name) {
        Matcher map = Pattern.compile("const " + name + " = \\{([^}]*)}").matcher(source);
        assertThat(map.find()).as(name).isTrue();
        Map<String, Integer> values = new LinkedHashMap<>();
        Pattern.compile("(\\w+): (\\d+)").matcher(map.group(1)).results()
                .forEach(m -> values.put(m.group(1), Integer.parseInt(m.group(2))));
        return values;
    }

    private static Map<String, Integer> byName(Map<Tier, Integer> values) {
        Map<String, Integer> named = new LinkedHashMap<>();
        values.forEach((tier, value) -> named.put(tier.name(), value));
        return named;
    }
}
