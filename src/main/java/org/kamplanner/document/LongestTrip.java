package org.kamplanner.document;

import java.util.List;

import org.kamplanner.document.PlanDocument.Region;
import org.kamplanner.domain.PlanSettings;

/** The two regions of a document farthest apart, great-circle: the validator caps the road minutes of that trip. */
record LongestTrip(Region from, Region to, double km) {

    /**
     * Of located regions. 12.5 million pairs at 5,000 regions: a haversine per pair took seconds, so the pairs
     * are compared by the straight line between their points on the unit sphere (three products, no
     * trigonometry), which orders them as the great-circle distance does; only the farthest pair is measured.
     */
    static LongestTrip of(List<Region> regions) {
        int n = regions.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double latitude = Math.toRadians(regions.get(i).latitude());
            double longitude = Math.toRadians(regions.get(i).longitude());
            x[i] = Math.cos(latitude) * Math.cos(longitude);
            y[i] = Math.cos(latitude) * Math.sin(longitude);
            z[i] = Math.sin(latitude);
        }
        int from = -1;
        int to = -1;
        double farthest = -1;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = x[i] - x[j];
                double dy = y[i] - y[j];
                double dz = z[i] - z[j];
                double chord = dx * dx + dy * dy + dz * dz;
                if (chord > farthest) {
                    farthest = chord;
                    from = i;
                    to = j;
                }
            }
        }
        if (from < 0) {
            return new LongestTrip(null, null, 0);
        }
        return new LongestTrip(regions.get(from), regions.get(to), PlanSettings.haversineKm(located(regions.get(from)),
                located(regions.get(to))));
    }

    private static org.kamplanner.domain.Region located(Region region) {
        return new org.kamplanner.domain.Region(region.id(), region.name(), region.latitude(), region.longitude(), 0);
    }
}
