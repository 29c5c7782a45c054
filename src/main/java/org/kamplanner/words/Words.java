package org.kamplanner.words;

import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The application's sentences in English ({@code messages.properties}) and German
 * ({@code messages_de.properties}), and how numbers read in them: every package words what it shows
 * through this one leaf class, so none depends on another feature for its words.
 */
public final class Words {

    /**
     * Static, because a constraint's justification is worded inside the constraint streams, where nothing
     * is injected. Patterns are {@link String#format} patterns, read raw (no MessageFormat quoting rules).
     */
    private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

    static {
        MESSAGES.setBasename("messages");
        // The bundles are read through this class's loader, not the context class loader of whichever thread
        // first words a sentence: that may be an embedded Tomcat's request thread, whose web application class
        // loader refuses every resource once that server stops, and the German bundle, not yet read, was then
        // never found again (every sentence English; a test context closed before another started showed it).
        MESSAGES.setBundleClassLoader(Words.class.getClassLoader());
        MESSAGES.setDefaultEncoding("UTF-8");
        MESSAGES.setFallbackToSystemLocale(false);
        MESSAGES.setAlwaysUseMessageFormat(false);
    }

    private Words() {
    }

    /**
     * The language of the sentences: German for a request that asks for it ({@code Accept-Language}), and
     * outside a request when the JVM's default locale is German (the command line); English otherwise.
     * Spring's {@link LocaleContextHolder} gives the request's locale, or {@link Locale#getDefault()}.
     */
    public static Locale locale() {
        return "de".equals(LocaleContextHolder.getLocale().getLanguage()) ? Locale.GERMAN : Locale.ENGLISH;
    }

    /** The sentence {@code key} in {@link #locale()}, its {@code %s} filled with the arguments. */
    public static String text(String key, Object... args) {
        Locale locale = locale();
        return String.format(locale, MESSAGES.getMessage(key, null, locale), args);
    }

    /**
     * An error's title: the status' reason phrase in English ("Not Found"), "Nicht gefunden" in German.
     * By number and phrase, so that this leaf needs no web types.
     */
    public static String title(int status, String reasonPhrase) {
        return MESSAGES.getMessage("error.title." + status, null, reasonPhrase, locale());
    }

    /** Minutes as hours with one decimal, per locale: "1,234.5 h", "1.234,5 h". */
    public static String hours(long minutes) {
        return String.format(locale(), "%,.1f h", minutes / 60.0);
    }

    /** A whole number with thousands separators, per locale: "3,200", "3.200". */
    public static String number(long value) {
        return String.format(locale(), "%,d", value);
    }

    /** A share as a percentage with one decimal, per locale: "87.5 %", "87,5 %". */
    public static String percent(long part, long whole) {
        return String.format(locale(), "%.1f %%", 100.0 * part / whole);
    }
}
