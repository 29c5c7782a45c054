package org.kamplanner.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The field checks every part of a plan document shares (required, ids, references, ranges, enums),
 * each adding a problem at its path; {@link PlanValidator} states the plan's own rules with them.
 */
class FieldChecks {

    final List<FieldProblem> problems = new ArrayList<>();


    <T> void each(String list, List<T> items, BiConsumer<String, T> check) {
        for (int i = 0; items != null && i < items.size(); i++) {
            T element = items.get(i);
            if (element == null) {
                problem(PlanValidator.item(list, i), "must be an object, was null");
            } else {
                check.accept(PlanValidator.item(list, i), element);
            }
        }
    }

    void size(String path, List<?> list, int cap) {
        if (list != null && list.size() > cap) {
            problem(path, "has " + list.size() + " entries, over the limit of " + cap);
        }
    }

    boolean required(String path, Object value) {
        if (value == null) {
            problem(path, "is required");
            return false;
        }
        if (value instanceof String text && text.isBlank()) {
            problem(path, "must not be blank, was '" + text + "'");
            return false;
        }
        return true;
    }

    /** A required id, unique among its kind; true when it was added to the known ids. */
    boolean newId(String path, String id, Set<String> known, String kind) {
        if (!required(path, id) || !text(path, id, PlanValidator.MAX_ID_CHARS)) {
            return false;
        }
        if (known.contains(id)) {
            problem(path, "duplicate " + kind + " id '" + id + "'");
            return false;
        }
        known.add(id);
        return true;
    }

    /** Optional text of at most {@code max} characters; true when it is absent or fits. */
    boolean text(String path, String value, int max) {
        if (value != null && value.length() > max) {
            problem(path, "must be at most " + max + " characters, was " + value.length());
            return false;
        }
        return true;
    }

    void reference(String path, String id, Set<String> known, String kind) {
        if (required(path, id)) {
            optionalReference(path, id, known, kind);
        }
    }

    void optionalReference(String path, String id, Set<String> known, String kind) {
        if (id != null && !known.contains(id)) {
            problem(path, "unknown " + kind + " '" + id + "'");
        }
    }

    void oneOf(String path, String value, List<String> allowed, String kind) {
        if (value != null && !allowed.contains(value)) {
            problem(path, "unknown " + kind + " '" + value + "' (allowed: " + String.join(", ", allowed) + ")");
        }
    }

    /** A null value means "not given" here; required fields are checked before. */
    void range(String path, Number value, long min, long max) {
        if (value == null) {
            return;
        }
        long v = value.longValue();
        if (v < min) {
            problem(path, (min == 1 ? "must be > 0" : "must be >= " + min) + ", was " + v);
        } else if (v > max) {
            problem(path, "must be <= " + max + ", was " + v);
        }
    }

    void positive(String path, Double value) {
        if (value != null && (!(value > 0) || value.isInfinite())) {
            problem(path, "must be a finite number > 0, was " + value);
        }
    }

    /** True when the value is present and a valid angle. */
    boolean degrees(String path, Double value, int bound) {
        if (!required(path, value)) {
            return false;
        }
        if (!(value >= -bound && value <= bound)) {
            problem(path, "must be between -" + bound + " and " + bound + ", was " + value);
            return false;
        }
        return true;
    }

    void numberMap(String path, Map<String, ? extends Number> map, List<String> keys, String kind, long max) {
        if (map == null) {
            return;
        }
        map.forEach((key, value) -> {
            String entryPath = path + "." + key;
            oneOf(entryPath, key, keys, kind);
            if (required(entryPath, value)) {
                range(entryPath, value, 0, max);
            }
        });
    }

    void problem(String path, String message) {
        problems.add(new FieldProblem(path, message));
    }
}
