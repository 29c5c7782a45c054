package org.kamplanner.crm;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a CRM export's names are compared: a German export writes "München" or "Muenchen", an English one
 * "Munchen", an HR list "Jürgen Schäfer" where the CRM has "Juergen Schaefer". Both spellings fold to one
 * key ({@link #key}: umlauts as ae/oe/ue, ß as ss, other accents dropped, case, punctuation and spacing
 * ignored); {@link #plain} drops the umlauts' dots instead, for the ASCII spelling without the e.
 */
public final class Spelling {

    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Spelling() {
    }

    /** "Frankfurt a. M." → "frankfurt a m", "Müller-Lüdenscheidt" → "mueller luedenscheidt". */
    static String key(String text) {
        String lower = text.toLowerCase(Locale.ROOT)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        return fold(lower);
    }

    /** "München" → "munchen": the umlaut without its e. */
    static String plain(String text) {
        return fold(text.toLowerCase(Locale.ROOT).replace("ß", "ss"));
    }

    private static String fold(String lower) {
        String bare = ACCENTS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        return NOT_LETTERS.matcher(bare).replaceAll(" ").trim();
    }

    /** Edits (insert, delete, replace) from one key to another: how close a suggestion is. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
