package org.kamplanner.crm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kamplanner.document.PlanDocument;

/**
 * The regions of an imported plan: one per gazetteer place, shared by every account and KAM there, named
 * as the export first spelled it ("München", not the gazetteer's "Munich"). Lookups are remembered, so an
 * export with 700 rows in 60 cities asks the gazetteer 60 times.
 */
final class Places {

    private final Gazetteer gazetteer;
    private final Map<String, Gazetteer.Match> lookups = new HashMap<>();
    private final Map<Long, PlanDocument.Region> regions = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();

    Places(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    Gazetteer.Match find(String city, String postalCode, String country) {
        String zone = postalCode == null || postalCode.isBlank() ? "" : postalCode.strip().substring(0, 1);
        return lookups.computeIfAbsent(Spelling.key(city) + "|" + zone + "|" + country,
                k -> gazetteer.find(city, postalCode, country));
    }

    /** The region of a place, made on first use. */
    String region(Gazetteer.Place place, String spelling) {
        PlanDocument.Region region = regions.get(place.id());
        if (region == null) {
            String id = place.country() + "-" + Spelling.key(place.name()).replace(' ', '-');
            if (!ids.add(id)) {
                id = id + "-" + place.id(); // two places of one name in one country
                ids.add(id);
            }
            region = new PlanDocument.Region(id, spelling.strip(), place.latitude(), place.longitude());
            regions.put(place.id(), region);
        }
        return region.id();
    }

    List<PlanDocument.Region> regions() {
        return new ArrayList<>(regions.values());
    }

    /** How many different spellings of places the gazetteer was asked for. */
    int lookups() {
        return lookups.size();
    }
}
