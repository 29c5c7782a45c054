package org.kamplanner.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kamplanner.explain.MoveGain;
import org.kamplanner.solver.KamConstraint;
import org.springframework.context.i18n.LocaleContextHolder;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * A rebalance's review runs when the solve ends, outside any request; what a kept move bought is kept
 * as figures and worded in the language of whoever reads the plan afterwards.
 */
class MoveReasonLanguageTest {

    private final MoveGain gain = new MoveGain("Solarwerk GmbH", "Anna Schmidt", "Jonas Weber",
            new MoveGain.Loads(7590, 7200, 7200, 4000, 4390, 7200), 0, 390,
            List.of(new MoveGain.Room("Kern AG", "B", 1_250_000, "Carl Brandt", true)), null,
            HardMediumSoftLongScore.of(-390, 0, -1234),
            Map.of(KamConstraint.KAM_CAPACITY, HardMediumSoftLongScore.ofHard(-390),
                    KamConstraint.BALANCED_WORKLOAD, HardMediumSoftLongScore.ofSoft(-1834),
                    KamConstraint.ACCOUNT_CONTINUITY, HardMediumSoftLongScore.ofSoft(600)));

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void theSameGainReadsInTheReadersLanguage() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(gain.words()).isEqualTo("chosen: Solarwerk GmbH goes from Anna Schmidt to Jonas Weber to make room"
                + " at Anna Schmidt for Kern AG (B, \u20ac1,250,000, whose KAM Carl Brandt left); moving it back would"
                + " cost 390 hard and 1,234 soft: +390 hard capacity, +1,834 balance, \u2212600 continuity");

        LocaleContextHolder.setLocale(Locale.GERMANY);
        assertThat(gain.words()).isEqualTo("gewählt: Solarwerk GmbH geht von Anna Schmidt zu Jonas Weber, um bei"
                + " Anna Schmidt Platz für Kern AG (B, 1.250.000 \u20ac, ihr KAM Carl Brandt ist ausgeschieden) zu"
                + " schaffen; es zurückzuverschieben würde 390 hard und 1.234 soft kosten: +390 hard Kapazität,"
                + " +1.834 Auslastungsausgleich, \u2212600 Kontinuität");
    }
}
