package org.kamplanner.crm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.kamplanner.words.Words;
import org.kamplanner.document.FieldProblem;

/** What one import collects while it reads its files: the mapping, problems, defaults, skipped rows, places. */
final class ImportContext {

    final CrmMapping mapping;
    final Gazetteer gazetteer;
    final Places places;
    final List<FieldProblem> problems = new ArrayList<>();
    final CrmReport.Defaults defaults = new CrmReport.Defaults();
    final List<CrmReport.SkippedRow> skipped = new ArrayList<>();

    ImportContext(CrmMapping mapping, Gazetteer gazetteer) {
        this.mapping = mapping;
        this.gazetteer = gazetteer;
        this.places = new Places(gazetteer);
    }

    void problem(String path, String message) {
        problems.add(new FieldProblem(path, message));
    }

    /**
     * The sector of an industry as the export writes it (or a sector id itself), or null with the problem
     * added: an unknown industry is named with the closest the mapping knows, never filed under a guess.
     */
    String sector(String industry, String path) {
        String key = Spelling.key(industry);
        for (Map.Entry<String, String> entry : mapping.industries().entrySet()) {
            if (Spelling.key(entry.getKey()).equals(key)) {
                return entry.getValue();
            }
        }
        for (var sector : mapping.sectors()) {
            if (Spelling.key(sector.id()).equals(key)) {
                return sector.id();
            }
        }
        List<String> closest = mapping.industries().keySet().stream()
                .sorted(Comparator.comparingInt((String known) -> Spelling.distance(key, Spelling.key(known))))
                .limit(3).toList();
        problem(path, Words.text("crm.error.unknownIndustry", industry, String.join(", ", closest)));
        return null;
    }

    /** The country of a row: its cell's ISO code, the mapping's default when empty (counted), or null with the problem. */
    String country(String text, String path, String field) {
        if (text.isEmpty()) {
            defaults.add(field, mapping.defaultCountry());
            return gazetteer.country(mapping.defaultCountry());
        }
        String code = gazetteer.country(text);
        if (code == null) {
            problem(path, Words.text("crm.error.unknownCountry", text));
        }
        return code;
    }

    /** The region of a place, or null with the problem (unknown: the closest names; ambiguous: the candidates). */
    String region(String city, String postalCode, String country, String path) {
        Gazetteer.Match match = places.find(city, postalCode, country);
        if (match.place() == null) {
            problem(path, Words.text(match.problem(), city, country, String.join(", ", match.suggestions())));
            return null;
        }
        return places.region(match.place(), city);
    }
}
