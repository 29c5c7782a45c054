package org.kamplanner.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The travel table kept from KAM home regions only (5,000 regions fit, docs/deployment.md). */
class TravelTimesTest {

    private static final PlanSettings SETTINGS = PlanSettings.defaults();
    private static final Region MUNICH = new Region("MUC", "Munich", 48.14, 11.58, 0);
    private static final Region VIENNA = new Region("VIE", "Vienna", 48.21, 16.37, 1);
    private static final Region ZURICH = new Region("ZRH", "Zurich", 47.37, 8.54, 2);
    private static final List<Region> REGIONS = List.of(MUNICH, VIENNA, ZURICH);

    @Test
    void fromAHomeItAgreesWithTheFullTableOverridesIncluded() {
        List<TravelTimes.Override> overrides = List.of(new TravelTimes.Override("VIE", "MUC", 200),
                new TravelTimes.Override("MUC", "ZRH", 150));
        TravelTimes full = TravelTimes.of(REGIONS, overrides, SETTINGS);
        TravelTimes homes = TravelTimes.of(REGIONS, List.of(VIENNA, MUNICH, VIENNA), overrides, SETTINGS);

        assertThat(homes.homes()).containsExactly(VIENNA, MUNICH);
        for (Region from : homes.homes()) {
            for (Region to : REGIONS) {
                assertThat(homes.minutes(from, to)).as("%s → %s", from.id(), to.id()).isEqualTo(full.minutes(from, to));
            }
        }
        assertThat(homes.minutes(MUNICH, VIENNA)).isEqualTo(200); // the reverse of VIE → MUC
        assertThat(homes.minutes(MUNICH, ZURICH)).isEqualTo(150);
        assertThat(homes.minutes(MUNICH, MUNICH)).isEqualTo(SETTINGS.intraRegionTravelMinutes());
    }

    @Test
    void travelFromARegionThatIsNoHomeIsNotKept() {
        TravelTimes homes = TravelTimes.of(REGIONS, List.of(MUNICH), List.of(), SETTINGS);

        assertThat(homes.homeSlots()).containsExactly(0, -1, -1);
        assertThatIllegalArgumentException().isThrownBy(() -> homes.minutes(ZURICH, MUNICH))
                .withMessageContaining("ZRH");
    }
}
