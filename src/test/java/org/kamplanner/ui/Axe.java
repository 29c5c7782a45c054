package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The automated accessibility check: axe-core (src/test/resources/axe, copied from npm by
 * tools/map-outline; never served by the app) injected into the page as it stands, run against the WCAG
 * 2.1 A and AA rules. A serious or critical violation fails the test with the rule and the elements.
 */
final class Axe {

    private static final String SOURCE = load();

    private Axe() {
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The serious and critical violations of the page as shown now, each as "rule (impact): help — elements". */
    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(ChromeDriver driver) {
        driver.executeScript(SOURCE);
        Map<String, Object> result = (Map<String, Object>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                   .then((r) => done({ passes: r.passes.length, violations: r.violations
                     .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                     .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '')) })) }))
                   .catch((e) => done({ passes: 0, violations: [{ id: 'axe failed', impact: 'critical', help: String(e), nodes: [] }] }));""");
        // The rules ran (colour contrast, names, ARIA, ...): an empty list means checked, not skipped.
        assertThat(((Number) result.get("passes")).intValue()).as("axe rules passed").isGreaterThan(10);
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result.get("violations");
        return violations.stream().map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " — " + v.get("nodes")).toList();
    }

    static void assertNoSeriousViolations(ChromeDriver driver, String where) {
        assertThat(seriousViolations(driver)).as("accessibility of %s", where).isEmpty();
    }
}
