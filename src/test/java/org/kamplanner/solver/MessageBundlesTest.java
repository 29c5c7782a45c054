package org.kamplanner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            assertThat(ScoreWords.hours(74_070)).isEqualTo("1.234,5 h");
            assertThat(ScoreWords.number(3_200)).isEqualTo("3.200");
            LocaleContextHolder.setLocale(Locale.US);
            assertThat(ScoreWords.hours(74_070)).isEqualTo("1,234.5 h");
            assertThat(ScoreWords.number(3_200)).isEqualTo("3,200");
            // A language without a bundle gets English.
            LocaleContextHolder.setLocale(Locale.FRENCH);
            assertThat(ScoreWords.text("recommend.assign", "A", "B")).isEqualTo("Assigning A to B");
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
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
