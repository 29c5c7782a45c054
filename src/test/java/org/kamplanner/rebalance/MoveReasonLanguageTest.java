package org.kamplanner.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kamplanner.solver.KamConstraint;
import org.springframework.context.i18n.LocaleContextHolder;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * A rebalance's review runs when the solve ends, outside any request; what a kept move bought is kept
 * as figures and worded in the language of whoever reads the plan afterwards.
 */
class MoveReasonLanguageTest {

    private final MoveReview.Gain gain = new MoveReview.Gain("Solarwerk GmbH", 390, "Anna Schmidt", "Jonas Weber",
            List.of("Kern AG"), HardMediumSoftLongScore.ofSoft(-1234),
            Map.of(KamConstraint.BALANCED_WORKLOAD, HardMediumSoftLongScore.ofSoft(-1834),
                    KamConstraint.ACCOUNT_CONTINUITY, HardMediumSoftLongScore.ofSoft(600)));

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void theSameGainReadsInTheReadersLanguage() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(gain.words()).isEqualTo("chosen: moving Solarwerk GmbH frees 6.5 h at Anna Schmidt for Jonas Weber"
                + " (room made for Kern AG); moving it back would cost 1,234 soft: +1,834 balance, \u2212600 continuity");

        LocaleContextHolder.setLocale(Locale.GERMANY);
        assertThat(gain.words()).isEqualTo("gewählt: Solarwerk GmbH zu verschieben macht 6,5 h bei Anna Schmidt frei"
                + " für Jonas Weber (Platz geschaffen für Kern AG); es zurückzuverschieben würde 1.234 soft kosten:"
                + " +1.834 Auslastungsausgleich, \u2212600 Kontinuität");
    }
}
