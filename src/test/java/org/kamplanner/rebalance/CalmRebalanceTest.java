package org.kamplanner.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.TestDocuments;
import org.kamplanner.document.TestDocuments.Model;

/**
 * A rebalance caps the voluntary hand-overs by default (twice the orphaned accounts, at least 5) unless the
 * request gives settings.maxMovedAccounts; settings.keepWithIncumbent locks a tier's accounts to an active
 * incumbent like a pin, and a leaver's accounts move freely.
 */
class CalmRebalanceTest {

    /** K1 has 4 accounts, K2 3 (A2 among them), K3 none; every account's incumbent is its KAM. */
    private static PlanDocument source(String settings) {
        TestDocuments doc = TestDocuments.document().settings(settings)
                .region("MUC", "München", 48.137, 11.575)
                .sector("SERV", "Services", 15, false);
        doc.kam("K1", "Anna", "MUC").experience(10).sectors("SERV");
        doc.kam("K2", "Ben", "MUC").experience(10).sectors("SERV");
        doc.kam("K3", "Cleo", "MUC").experience(10).sectors("SERV");
        for (String id : List.of("A1", "B1", "C1", "C2")) {
            doc.account(id, "SERV", "MUC", id.substring(0, 1)).current("K1").assigned("K1");
        }
        for (String id : List.of("A2", "B2", "C3")) {
            doc.account(id, "SERV", "MUC", id.substring(0, 1)).current("K2").assigned("K2");
        }
        return doc.build().document();
    }

    @Test
    void aLeaverAllowsTwiceItsOrphansAndAtLeastFive() {
        assertThat(Rebalancer.defaultHandOverCap(0)).isEqualTo(5);
        assertThat(Rebalancer.defaultHandOverCap(2)).isEqualTo(5);
        assertThat(Rebalancer.defaultHandOverCap(3)).isEqualTo(6);
        assertThat(Rebalancer.defaultHandOverCap(18)).isEqualTo(36);

        // K1 leaves: 4 orphans, so at most 8 accounts of K2 and K3 may change KAM.
        Rebalancer.Rebalance r = Rebalancer.rebalance(source("{}"), new RebalanceRequest(List.of("K1"), null, null));
        assertThat(r.document().settings().maxMovedAccounts()).isEqualTo(8);
        assertThat(r.notes()).contains("At most 8 accounts of KAMs who stay change KAM (settings.maxMovedAccounts;"
                + " a rebalance allows twice the 4 orphaned accounts, at least 5, unless the request gives more)");
    }

    @Test
    void theRequestLiftsTheCapAndTheSourcesOwnCapIsNotCarried() {
        PlanDocument.Settings lifted = PlanDocument.Settings.DEFAULTS.withMaxMovedAccounts(100);
        Rebalancer.Rebalance asked = Rebalancer.rebalance(source("{}"), new RebalanceRequest(List.of("K1"), null, lifted));
        assertThat(asked.document().settings().maxMovedAccounts()).isEqualTo(100);

        // The source was solved with a cap of 1 against its own incumbents: the rebalance counts anew.
        Rebalancer.Rebalance fresh = Rebalancer.rebalance(source("{\"maxMovedAccounts\": 1}"),
                new RebalanceRequest(List.of("K2"), null, null));
        assertThat(fresh.document().settings().maxMovedAccounts()).isEqualTo(6); // 3 orphans
    }

    @Test
    void keptTiersStayWithAnActiveIncumbentAndALeaversMove() {
        PlanDocument rebalanced = Rebalancer.rebalance(source("{\"keepWithIncumbent\": [\"A\"]}"),
                new RebalanceRequest(List.of("K2"), null, null)).document();
        Model m = TestDocuments.model(rebalanced);

        assertThat(m.account("A1").isPinned()).isTrue(); // A, incumbent K1 stays
        assertThat(m.account("A1").getKam()).isSameAs(m.kam("K1"));
        assertThat(m.account("B1").isPinned()).isFalse(); // B: not a kept tier
        assertThat(m.account("A2").isPinned()).isFalse(); // A, but its incumbent K2 leaves: forced, free
        assertThat(m.account("A2").getKam()).isNull();
    }
}
