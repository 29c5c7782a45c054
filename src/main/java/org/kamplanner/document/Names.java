package org.kamplanner.document;

import java.util.regex.Pattern;

/**
 * What a name or an id may hold. Names: any text a person writes, but no character that hides or
 * rearranges what is shown: control characters (NUL, CR, LF, tab, C1), the bidi controls that can make
 * "K1" read as another id (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), zero-width characters
 * (U+200B–U+200D, U+2060, U+FEFF) and the line and paragraph separators U+2028, U+2029. Ids: ASCII letters,
 * digits and {@code . _ - :}, which every URL path reaches unescaped and which leave no look-alikes (a
 * Cyrillic "К1" is refused, not taken for "K1"); docs/model.md, "Invalid input".
 */
public final class Names {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]+");

    private Names() {
    }

    /** A character no name or id may hold: it is invisible or changes how the text around it is shown. */
    public static boolean isHidden(char c) {
        return Character.isISOControl(c)
                || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069'
                || c == '\u200E' || c == '\u200F' || c == '\u061C'
                || c >= '\u200B' && c <= '\u200D' || c == '\u2060' || c == '\uFEFF'
                || c == '\u2028' || c == '\u2029';
    }

    /** The first hidden character of {@code text}, or -1. */
    static int firstHidden(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isHidden(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean isId(String text) {
        return ID.matcher(text).matches();
    }
}
