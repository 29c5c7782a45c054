package org.kamplanner.document;

import java.util.List;

import org.kamplanner.document.PlanDocument.Region;
import org.kamplanner.domain.PlanSettings;

/** The two regions of a document farthest apart, great-circle: the validator caps the road minutes of that trip. */
record LongestTrip(Region from, Region to, double km) {

    /** Of located regions; 12.5 million pairs at 5,000 regions, so each region is converted once, not once per pair. */
    static LongestTrip of(List<Region> regions) {
        List<org.kamplanner.domain.Region> located = regions.stream()
                .map(r -> new org.kamplanner.domain.Region(r.id(), r.name(), r.latitude(), r.longitude(), 0))
                .toList();
        LongestTrip longest = new LongestTrip(null, null, 0);
        for (int i = 0; i < regions.size(); i++) {
            for (int j = i + 1; j < regions.size(); j++) {
                double km = PlanSettings.haversineKm(located.get(i), located.get(j));
                if (km > longest.km) {
                    longest = new LongestTrip(regions.get(i), regions.get(j), km);
                }
            }
        }
        return longest;
    }
}
