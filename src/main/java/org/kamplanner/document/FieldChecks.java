package org.kamplanner.document;

import org.kamplanner.words.Words;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;


/**
 * The field checks every part of a plan document shares (required, ids, references, enums), each
 * adding a problem at its path; {@link PlanValidator} states the plan's own rules with them. A path
 * whose value is out of its bounds (the annotations on {@link PlanDocument}) is reported once, as
 * such: the checks here skip it rather than compare or echo an over-long value.
 */
class FieldChecks {

    final List<FieldProblem> problems = new ArrayList<>();
    /** The paths already reported as out of bounds. */
    final Set<String> outOfBounds = new HashSet<>();

    <T> void each(String list, List<T> items, BiConsumer<String, T> check) {
        for (int i = 0; items != null && i < items.size(); i++) {
            T element = items.get(i);
            if (element == null) {
                problem(PlanValidator.item(list, i), words("error.field.null"));
            } else {
                check.accept(PlanValidator.item(list, i), element);
            }
        }
    }

    void size(String path, List<?> list, int cap) {
        if (list != null && list.size() > cap) {
            problem(path, words("error.field.tooMany", list.size(), cap));
        }
    }

    boolean required(String path, Object value) {
        if (value == null) {
            problem(path, words("error.field.required"));
            return false;
        }
        if (value instanceof String text && text.isBlank()) {
            problem(path, words("error.field.blank", Echo.of(text)));
            return false;
        }
        return true;
    }

    /** A required id, unique among its kind; true when it was added to the known ids. */
    boolean newId(String path, String id, Set<String> known, String kind) {
        if (!required(path, id) || outOfBounds.contains(path)) {
            return false;
        }
        if (!Names.isId(id)) {
            problem(path, words("error.field.idCharacters", Echo.of(id)));
            return false;
        }
        if (known.contains(id)) {
            problem(path, words("error.field.duplicateId." + kind, id));
            return false;
        }
        known.add(id);
        return true;
    }

    void reference(String path, String id, Set<String> known, String kind) {
        if (required(path, id)) {
            optionalReference(path, id, known, kind);
        }
    }

    void optionalReference(String path, String id, Set<String> known, String kind) {
        if (id != null && !outOfBounds.contains(path) && !known.contains(id)) {
            problem(path, words("error.field.unknown." + kind, Echo.of(id)));
        }
    }

    void oneOf(String path, String value, List<String> allowed, String kind) {
        if (value != null && !outOfBounds.contains(path) && !allowed.contains(value)) {
            problem(path, words("error.field.unknown." + kind, Echo.of(value)) + words("error.field.allowed", String.join(", ", allowed)));
        }
    }

    /** A name without characters that hide or reorder what is shown ({@link Names#isHidden}). */
    void name(String path, String name) {
        int at = name == null || outOfBounds.contains(path) ? -1 : Names.firstHidden(name);
        if (at >= 0) {
            problem(path, words("error.field.hiddenCharacter", String.format("U+%04X", (int) name.charAt(at)), at + 1,
                    Echo.of(name)));
        }
    }

    /** Keys from a fixed list, every value given; the values' bounds are annotations. */
    void numberMap(String path, Map<String, ? extends Number> map, List<String> keys, String kind) {
        if (map == null || outOfBounds.contains(path)) { // a key too long to name in a path
            return;
        }
        map.forEach((key, value) -> {
            String entryPath = path + "." + Echo.of(key); // a key is the client's text: no line break in a path
            oneOf(entryPath, key, keys, kind);
            required(entryPath, value);
        });
    }

    void problem(String path, String message) {
        problems.add(new FieldProblem(path, message));
    }

    /**
     * A message in the request's language ({@link ScoreWords#locale()}); {@code kind} keys name the
     * kind of id in the key ({@code error.field.unknown.sector}), because the German article and
     * ending follow the noun ("unbekannte Branche", "unbekannter KAM").
     */
    static String words(String key, Object... args) {
        return Words.text(key, args);
    }
}
