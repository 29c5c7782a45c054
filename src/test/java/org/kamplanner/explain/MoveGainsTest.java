package org.kamplanner.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kamplanner.document.TestDocuments;
import org.kamplanner.domain.AssignmentPlan;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * What a voluntary move buys, with the numbers worked by hand (docs/model.md). Every account is a C-account
 * (continuity 200) of a sector all KAMs know (no expertise penalty), with its workload given; remote
 * accounts travel 0, the others in München 4·2·30/12 = 20 minutes a month to a KAM living there.
 */
class MoveGainsTest {

    private static final MoveGains GAINS = MoveGains.standard();

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    private static TestDocuments team(int annaCapacity) {
        TestDocuments doc = TestDocuments.document()
                .region("MUC", "München", 48.137, 11.575)
                .sector("IND", "Industry", 20, false);
        doc.kam("K1", "Anna Schmidt", "MUC").sectors("IND").capacity(annaCapacity).experience(10);
        doc.kam("K2", "Jonas Weber", "MUC").sectors("IND").experience(10);
        doc.kam("K3", "Carl Brandt", "MUC").sectors("IND").experience(10);
        return doc;
    }

    @Test
    void aMoveThatBalancesSaysWhoseHoursItMovedAndWhatMovingItBackWouldCost() {
        TestDocuments doc = team(7200);
        doc.account("A1", "IND", "MUC", "C").name("Eisenwerk AG").workload(3000).current("K1").assigned("K1");
        doc.account("A2", "IND", "MUC", "C").name("Solarwerk GmbH").workload(3000).current("K1").assigned("K2");
        doc.account("A3", "IND", "MUC", "C").name("Kern AG").workload(600).current("K2").assigned("K2");
        AssignmentPlan plan = doc.build().plan();

        // Now Anna 3020 (balance 3020²/7200 = 1266), Jonas 3640 (1840); back Anna 6040 (5066), Jonas 620 (53):
        // +2013 balance, −200 continuity. Utilization back → now: Anna 83.9 % → 41.9 %, Jonas 8.6 % → 50.6 %.
        MoveGain gain = GAINS.of(plan).get("A2");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(gain.words()).isEqualTo("chosen: Solarwerk GmbH goes from Anna Schmidt to Jonas Weber to take"
                + " 50.3 h a month off Anna Schmidt (83.9 % \u2192 41.9 % of capacity) for Jonas Weber"
                + " (8.6 % \u2192 50.6 %); moving it back would cost 1,813 soft: +2,013 balance, \u2212200 continuity");
        LocaleContextHolder.setLocale(Locale.GERMAN);
        assertThat(gain.words()).isEqualTo("gewählt: Solarwerk GmbH geht von Anna Schmidt zu Jonas Weber, um"
                + " 50,3 h im Monat von Anna Schmidt (83,9 % \u2192 41,9 % der Kapazität) an Jonas Weber"
                + " (8,6 % \u2192 50,6 %) abzugeben; es zurückzuverschieben würde 1.813 soft kosten:"
                + " +2.013 Auslastungsausgleich, \u2212200 Kontinuität");
    }

    @Test
    void aMoveThatMadeRoomNamesTheAccountItMadeRoomFor() {
        TestDocuments doc = team(3600);
        doc.account("A1", "IND", "MUC", "C").name("Eisenwerk AG").workload(2000).current("K1").assigned("K2");
        doc.account("A2", "IND", "MUC", "C").name("Neubau GmbH").revenue(1_200_000).workload(2000).assigned("K1");
        doc.account("A3", "IND", "MUC", "C").name("Kern AG").workload(500).current("K1").assigned("K1");
        // A3 is small enough to stay but not to make the room alone.
        AssignmentPlan plan = doc.build().plan();

        // Back, Anna carries 2020 + 2020 + 520 = 4560 against 3600: 960 over, where now 2540 fits.
        // Balance now 2540²/3600 = 1792 + 2020²/7200 = 566; back 4560²/3600 = 5776: +3418; continuity −200.
        MoveGain gain = GAINS.of(plan).get("A1");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(gain.words()).isEqualTo("chosen: Eisenwerk AG goes from Anna Schmidt to Jonas Weber to make room"
                + " at Anna Schmidt for Neubau GmbH (C, \u20ac1,200,000, without a KAM before); moving it back would cost"
                + " 960 hard and 3,218 soft: +960 hard capacity, +3,418 balance, \u2212200 continuity");
        LocaleContextHolder.setLocale(Locale.GERMAN);
        assertThat(gain.words()).isEqualTo("gewählt: Eisenwerk AG geht von Anna Schmidt zu Jonas Weber, um bei"
                + " Anna Schmidt Platz für Neubau GmbH (C, 1.200.000 \u20ac, bisher ohne KAM) zu schaffen;"
                + " es zurückzuverschieben würde 960 hard und 3.218 soft kosten: +960 hard Kapazität,"
                + " +3.418 Auslastungsausgleich, \u2212200 Kontinuität");
    }

    @Test
    void aMoveThatBuysNothingAloneNamesTheMoveItIsAChainWith() {
        TestDocuments doc = team(7200);
        doc.account("A1", "IND", "MUC", "C").name("Eisenwerk AG").remote().workload(1200).current("K1").assigned("K1");
        doc.account("A2", "IND", "MUC", "C").name("Alpha KG").remote().workload(600).current("K1").assigned("K2");
        doc.account("A3", "IND", "MUC", "C").name("Beta KG").remote().workload(600).current("K1").assigned("K3");
        AssignmentPlan plan = doc.build().plan();

        // Balance now 1200²/7200 + 2 · 600²/7200 = 200 + 50 + 50. Alpha back alone: 1800²/7200 = 450 + 50,
        // +200 balance against −200 continuity: nothing. Both back: 2400²/7200 = 800, +500 balance,
        // −400 continuity: 100 worse, where each alone is 0 worse.
        Map<String, MoveGain> gains = GAINS.of(plan);
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(gains.get("A2").words()).isEqualTo("chosen: Alpha KG goes from Anna Schmidt to Jonas Weber as part"
                + " of a chain with Beta KG (Anna Schmidt \u2192 Carl Brandt); moving both back would cost 100 soft:"
                + " +500 balance, \u2212400 continuity");
        LocaleContextHolder.setLocale(Locale.GERMAN);
        assertThat(gains.get("A3").words()).isEqualTo("gewählt: Beta KG geht von Anna Schmidt zu Carl Brandt als Teil"
                + " einer Kette mit Alpha KG (Anna Schmidt \u2192 Jonas Weber); beide zurückzuverschieben würde"
                + " 100 soft kosten: +500 Auslastungsausgleich, \u2212400 Kontinuität");
    }

    @Test
    void aMoveThatBuysNothingSaysSoWithWhatMovingItBackWouldSave() {
        TestDocuments doc = team(7200);
        doc.account("A1", "IND", "MUC", "C").name("Eisenwerk AG").remote().workload(600).current("K1").assigned("K2");
        AssignmentPlan plan = doc.build().plan();

        // Anna and Jonas have the same capacity: back, the balance is the same and continuity 200 better.
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(GAINS.of(plan).get("A1").words()).isEqualTo("chosen: Eisenwerk AG goes from Anna Schmidt to"
                + " Jonas Weber and buys nothing: the plan is as good or better with it back, alone or with the moves beside"
                + " it; moving it back would"
                + " save 200 soft: \u2212200 continuity");
    }

    @Test
    void aRebalanceUndoesTheMovesThatBuyNothingAndKeepsTheOthers() {
        TestDocuments doc = team(7200);
        doc.account("A1", "IND", "MUC", "C").name("Eisenwerk AG").workload(3000).current("K1").assigned("K1");
        doc.account("A2", "IND", "MUC", "C").name("Solarwerk GmbH").workload(3000).current("K1").assigned("K2");
        doc.account("A3", "IND", "MUC", "C").name("Kern AG").remote().workload(600).current("K3").assigned("K2");
        TestDocuments.Model model = doc.build();

        // Solarwerk back: balance 1266 + 1820 (Jonas with Kern AG's 600) → 5066 + 50, worse by 2030 against 200
        // continuity: kept. Kern AG back with Carl: balance 1820 → 1266 + 50, 504 better, and 200 continuity: undone.
        assertThat(GAINS.undoUseless(model.plan())).isEqualTo(1);
        assertThat(model.account("A3").getKam().getId()).isEqualTo("K3");
        assertThat(model.account("A2").getKam().getId()).isEqualTo("K2");
        assertThat(GAINS.of(model.plan())).containsOnlyKeys("A2")
                .allSatisfy((id, gain) -> assertThat(gain.buysSomething()).isTrue());
    }

    @Test
    void theWhatIfsLeaveThePlanAsItWas() {
        TestDocuments doc = team(7200);
        doc.account("A1", "IND", "MUC", "C").workload(600).current("K1").assigned("K2");
        doc.account("A2", "IND", "MUC", "C").workload(600).current("K2").assigned("K1");
        TestDocuments.Model model = doc.build();

        assertThat(GAINS.of(model.plan())).containsOnlyKeys("A1", "A2");
        assertThat(model.account("A1").getKam().getId()).isEqualTo("K2");
        assertThat(model.account("A2").getKam().getId()).isEqualTo("K1");
    }
}
