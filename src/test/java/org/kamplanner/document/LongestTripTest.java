package org.kamplanner.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.PlanDocument.Region;
import org.kamplanner.domain.PlanSettings;

/** The farthest pair found by chord length is the one a haversine over every pair finds. */
class LongestTripTest {

    @Test
    void theFarthestPairIsTheOneEveryHaversineFinds() {
        Random random = new Random(5);
        for (int round = 0; round < 20; round++) {
            List<Region> regions = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                // Clustered like a country in some rounds, world-wide (poles, the date line) in others.
                double spread = round % 2 == 0 ? 5 : 90;
                double latitude = Math.max(-90, Math.min(90, (round % 2 == 0 ? 48 : 0) + (random.nextDouble() * 2 - 1) * spread));
                double longitude = ((round % 2 == 0 ? 11 : 0) + (random.nextDouble() * 2 - 1) * spread * 2 + 540) % 360 - 180;
                regions.add(new Region("R" + i, null, latitude, longitude));
            }
            double brute = 0;
            for (Region a : regions) {
                for (Region b : regions) {
                    brute = Math.max(brute, PlanSettings.haversineKm(located(a), located(b)));
                }
            }

            LongestTrip longest = LongestTrip.of(regions);

            assertThat(longest.km()).isCloseTo(brute, within(1e-6));
            assertThat(PlanSettings.haversineKm(located(longest.from()), located(longest.to()))).isEqualTo(longest.km());
        }
    }

    @Test
    void oneRegionHasNoTrip() {
        assertThat(LongestTrip.of(List.of(new Region("R", null, 48.1, 11.6))).km()).isZero();
    }

    private static org.kamplanner.domain.Region located(Region region) {
        return new org.kamplanner.domain.Region(region.id(), region.name(), region.latitude(), region.longitude(), 0);
    }
}
