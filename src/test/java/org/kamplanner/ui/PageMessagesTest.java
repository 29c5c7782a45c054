package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The page's two dictionaries (js/i18n/en.json, de.json) say the same things: every key in both, every
 * text filled, the same {0}-style placeholders; and every key the page's scripts and markup ask for is
 * there, so no ⟦key⟧ (i18n.js's visible fallback) ever reaches a planner. Like the service's bundle test,
 * without a browser.
 */
class PageMessagesTest {

    private static final Path STATIC = Path.of("src", "main", "resources", "static");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");
    /** t('key' … in the scripts; keys built at run time (t(`score.${level}`)) are listed in DYNAMIC. */
    private static final Pattern SCRIPT_KEY = Pattern.compile("\\bt\\('([^']+)'");
    private static final Pattern MARKUP_KEY = Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]+)\"");
    private static final Set<String> DYNAMIC = Set.of("score.hard", "score.medium", "score.soft", "capacity.over",
            "capacity.near", "capacity.under", "status.SCHEDULED", "status.SOLVING", "status.COMPLETED",
            "status.TERMINATED", "status.FAILED");

    @Test
    void bothLanguagesHaveEveryKeyWithTheSamePlaceholders() throws IOException {
        Map<String, String> en = dictionary("en");
        Map<String, String> de = dictionary("de");
        assertThat(de.keySet()).as("keys in de.json").containsExactlyInAnyOrderElementsOf(en.keySet());
        for (String key : en.keySet()) {
            assertThat(en.get(key)).as("en " + key).isNotBlank();
            assertThat(de.get(key)).as("de " + key).isNotBlank();
            assertThat(placeholders(de.get(key))).as("placeholders of " + key).isEqualTo(placeholders(en.get(key)));
        }
    }

    @Test
    void everyKeyThePageUsesIsInTheDictionary() throws IOException {
        Set<String> used = new TreeSet<>(DYNAMIC);
        try (Stream<Path> scripts = Files.list(STATIC.resolve("js"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".js")).toList()) {
                used.addAll(matches(SCRIPT_KEY, Files.readString(script)));
            }
        }
        used.addAll(matches(MARKUP_KEY, Files.readString(STATIC.resolve("index.html"))));
        assertThat(used).as("keys the page uses").hasSizeGreaterThan(100);
        assertThat(dictionary("en").keySet()).containsAll(used);
    }

    private static Map<String, String> dictionary(String language) throws IOException {
        return new ObjectMapper().readValue(STATIC.resolve("js/i18n/" + language + ".json").toFile(),
                new TypeReference<TreeMap<String, String>>() { });
    }

    private static Set<String> placeholders(String text) {
        return matches(PLACEHOLDER, text);
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return found;
    }
}
