package org.kamplanner.document;

/**
 * A client's value as an error message quotes it: at most {@value #MAX_CHARS} characters, then "…", so
 * a 100,000-digit number or a megabyte of name is named without being sent back whole, and any control
 * character as its code (U+0000), so a message never carries a line break or a hidden bidi override.
 */
public final class Echo {

    public static final int MAX_CHARS = 60;

    private Echo() {
    }

    public static String of(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS + 8));
        int shown = 0;
        for (int i = 0; i < text.length() && shown < MAX_CHARS; i++, shown++) {
            char c = text.charAt(i);
            if (Names.isHidden(c)) {
                out.append(String.format("U+%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return shown < text.length() ? out.append('…').toString() : out.toString();
    }
}
