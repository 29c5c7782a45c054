package org.kamplanner.solver;

import org.kamplanner.words.Words;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** The English and the German bundle have the same keys, and each German sentence takes the same arguments. */
class MessageBundlesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("%(\\d+\\$)?[sd%]");

    @Test
    void bothBundlesHaveExactlyTheSameKeys() throws IOException {
        Properties english = load("/messages.properties");
        Properties german = load("/messages_de.properties");
        assertThat(german.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            assertThat(placeholders(german.getProperty(key))).as(key).isEqualTo(placeholders(english.getProperty(key)));
        }
    }

    @Test
    void numbersFollowTheLanguage() {
        try {
            LocaleContextHolder.setLocale(Locale.GERMANY);
            assertThat(Words.hours(74_070)).isEqualTo("1.234,5 h");
            assertThat(Words.number(3_200)).isEqualTo("3.200");
            LocaleContextHolder.setLocale(Locale.US);
            assertThat(Words.hours(74_070)).isEqualTo("1,234.5 h");
            assertThat(Words.number(3_200)).isEqualTo("3,200");
            // A language without a bundle gets English.
            LocaleContextHolder.setLocale(Locale.FRENCH);
            assertThat(Words.text("recommend.assign", "A", "B")).isEqualTo("Assigning A to B");
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }

    /**
     * Every key the code names as a literal ("error.field.null", or a family such as "error.field.unknown."
     * completed at run time) is in the bundle, so no message is missing in either language.
     */
    @Test
    void everyKeyTheCodeNamesIsInTheBundles() throws IOException {
        Properties english = load("/messages.properties");
        Pattern literal = Pattern.compile("\"((?:error|cli|warning|move|headline|unassigned|justification|recommend"
                + "|change|constraint)\\.[A-Za-z.]+)\"");
        List<String> missing = new ArrayList<>();
        int found = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(source));
                while (m.find()) {
                    String key = m.group(1);
                    found++;
                    boolean known = key.endsWith(".")
                            ? english.stringPropertyNames().stream().anyMatch(k -> k.startsWith(key))
                            : english.containsKey(key);
                    if (!known) {
                        missing.add(source.getFileName() + ": " + key);
                    }
                }
            }
        }
        assertThat(found).as("keys named in the code").isGreaterThan(150);
        assertThat(missing).isEmpty();
        // The families completed at run time, member by member.
        for (String kind : List.of("sector", "region", "KAM", "account", "tier", "complexity", "phase", "constraint",
                "mode")) {
            assertThat(english).containsKey("error.field.unknown." + kind);
        }
        for (int status : new int[] { 400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 503 }) {
            assertThat(english).containsKey("error.title." + status);
        }
    }

    /** The German bundle is German: only a word the two languages share may read the same. */
    @Test
    void everyGermanMessageIsTranslated() throws IOException {
        Properties english = load("/messages.properties");
        Properties german = load("/messages_de.properties");
        assertThat(english.stringPropertyNames()).filteredOn(k -> english.getProperty(k).equals(german.getProperty(k)))
                .containsExactly("cli.column.kam");
    }

    /** Spring fills its own keys with MessageFormat ({0}), not with the %s of ScoreWords. */
    @Test
    void springsProblemDetailKeysAreMessageFormatPatterns() throws IOException {
        Properties german = load("/messages_de.properties");
        Properties english = load("/messages.properties");
        Pattern argument = Pattern.compile("\\{\\d}");
        english.stringPropertyNames().stream().filter(k -> k.startsWith("problemDetail.")).forEach(k -> {
            assertThat(english.getProperty(k)).as(k).doesNotContain("%s").containsPattern(argument);
            assertThat(arguments(german.getProperty(k), argument)).as(k)
                    .containsExactlyInAnyOrderElementsOf(arguments(english.getProperty(k), argument));
        });
    }

    private static List<String> arguments(String pattern, Pattern argument) {
        Matcher m = argument.matcher(pattern);
        List<String> all = new ArrayList<>();
        while (m.find()) {
            all.add(m.group());
        }
        return all;
    }

    private static String placeholders(String pattern) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder all = new StringBuilder();
        while (m.find()) {
            all.append(m.group());
        }
        return all.toString();
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
