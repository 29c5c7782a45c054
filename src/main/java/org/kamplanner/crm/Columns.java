package org.kamplanner.crm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which header of a file holds which field: the first of the field's synonyms that the header has, compared
 * by {@link Spelling#key} ("Billing Zip/Postal Code" matches "billing zip postal code").
 */
record Columns(Map<String, String> byField) {

    static Columns of(List<String> header, Map<String, List<String>> synonyms) {
        Map<String, String> byField = new LinkedHashMap<>();
        synonyms.forEach((field, names) -> {
            for (String name : names == null ? List.<String>of() : names) {
                String found = header.stream().filter(h -> Spelling.key(h).equals(Spelling.key(name))).findFirst()
                        .orElse(null);
                if (found != null) {
                    byField.put(field, found);
                    return;
                }
            }
        });
        return new Columns(byField);
    }

    /** A header line: it names at least two of the fields (a report's title line names none). */
    static boolean isHeader(List<String> cells, Map<String, List<String>> synonyms) {
        return of(cells, synonyms).byField().size() >= 2;
    }

    String header(String field) {
        return byField.get(field);
    }

    boolean has(String field) {
        return byField.containsKey(field);
    }

    /** The fields among {@code required} the header lacks. */
    List<String> missing(Set<String> required) {
        return required.stream().filter(f -> !byField.containsKey(f)).sorted().toList();
    }
}
