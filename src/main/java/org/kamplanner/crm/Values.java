package org.kamplanner.crm;

import org.kamplanner.words.Words;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * The numbers of a CRM export as people and spreadsheets write them: "1.250.000,50 €", "$1,250,000",
 * "1'250'000 CHF", "6,5" years, "80 %" or "0,8" of full time. A value that cannot be read throws an
 * {@link IllegalArgumentException} with the sentence for the planner.
 */
final class Values {

    private static final Pattern NOT_NUMBER = Pattern.compile("[^0-9.,\\-]");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:[.,]\\d+)?");

    private Values() {
    }

    /**
     * An amount: currency signs, letters, spaces and apostrophes (Swiss grouping) dropped; with both
     * {@code .} and {@code ,} the later one is the decimal mark; with one of them repeated it groups; a single
     * one followed by exactly three digits groups unless the file writes decimal commas and it is the comma.
     */
    static BigDecimal amount(String text, boolean decimalComma) {
        String digits = NOT_NUMBER.matcher(text.replace('\u2212', '-')).replaceAll("");
        if (digits.isEmpty() || digits.equals("-")) {
            throw new IllegalArgumentException(Words.text("crm.error.amount", text));
        }
        int dot = digits.lastIndexOf('.');
        int comma = digits.lastIndexOf(',');
        String plain;
        if (dot >= 0 && comma >= 0) {
            char decimal = dot > comma ? '.' : ',';
            char grouping = decimal == '.' ? ',' : '.';
            plain = digits.replace(String.valueOf(grouping), "").replace(decimal, '.');
        } else if (dot >= 0 || comma >= 0) {
            char mark = dot >= 0 ? '.' : ',';
            int at = Math.max(dot, comma);
            boolean repeated = digits.indexOf(mark) != at;
            boolean threeAfter = digits.length() - at - 1 == 3;
            boolean decimal = !repeated && (!threeAfter || (decimalComma && mark == ','));
            plain = decimal ? digits.replace(mark, '.') : digits.replace(String.valueOf(mark), "");
        } else {
            plain = digits;
        }
        try {
            return new BigDecimal(plain);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Words.text("crm.error.amount", text));
        }
    }

    /** A decimal number such as years in sales: "6,5" and "6.5" alike. */
    static double decimal(String text) {
        Matcher number = NUMBER.matcher(text.strip());
        if (!number.matches()) {
            throw new IllegalArgumentException(Words.text("crm.error.number", text));
        }
        return Double.parseDouble(text.strip().replace(',', '.'));
    }

    /**
     * A share of full time as a fraction: "100 %", "80%", "0,8", "1", "80" (percent, being above 1),
     * "Vollzeit" or "full time" (1).
     */
    static double share(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("vollzeit") || lower.equals("full time") || lower.equals("full-time")) {
            return 1;
        }
        Matcher number = NUMBER.matcher(lower);
        if (!number.find()) {
            throw new IllegalArgumentException(Words.text("crm.error.share", text));
        }
        double value = Double.parseDouble(number.group().replace(',', '.'));
        double fraction = lower.contains("%") || value > 1 ? value / 100 : value;
        if (fraction <= 0 || fraction > 1) {
            throw new IllegalArgumentException(Words.text("crm.error.share", text));
        }
        return fraction;
    }
}
