package org.kamplanner.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.TestDocuments.Model;

/**
 * PlanReport's derived figures (the API's output fields, README) against numbers computed by hand from docs/model.md,
 * and PlanFactory's clearing of an assignment to an inactive KAM.
 *
 * <p>The document: MUC and VIE with the override MUC→VIE 240 (so VIE→MUC is 240 too), intra-region 30.
 * <pre>
 * KAM  home  capacity  active
 * K1   MUC   7200      yes
 * K2   VIE   6000      yes
 * K3   MUC   7200      no
 *
 * acct tier/cx/phase          region remote incumbent assigned  base                               travel (from KAM home)            workload
 * A1   A HIGH ESTABLISHED     MUC    -      K1        K1        2400×150×100/10000 = 3600           MUC→MUC 30: 24×2×30/12 = 120      3720
 * B1   B MEDIUM ESTABLISHED   VIE    -      K1        K2        480                                 VIE→VIE 30: 12×2×30/12 = 60       540   moved
 * B2   B LOW ONBOARDING       MUC    -      -         K2        480×75×150/10000 = 540              VIE→MUC 240: 12×2×240/12 = 480    1020
 * C1   C MEDIUM ESTABLISHED   MUC    yes    K2        K1        120                                 remote: 0                         120   moved
 * C2   C MEDIUM ESTABLISHED   VIE    -      K2        -         120                                 unassigned: 0                     (120 shown)
 * C3   C, workload 300        MUC    -      -         K3 → cleared (inactive)  override 300        unassigned: 0                     (300 shown)
 * B3   B MEDIUM ESTABLISHED   VIE    -      K3        K1        480                                 MUC→VIE 240: 12×2×240/12 = 480    960   moved
 * </pre>
 * K1: A1 3720 + C1 120 + B3 960 = 4800, 3 accounts, travel 120 + 0 + 480 = 600, utilization 4800/7200 = 2/3.
 * K2: B1 540 + B2 1020 = 1560, 2 accounts, travel 60 + 480 = 540, utilization 1560/6000 = 0.26.
 * K3: inactive, nothing: 0, 0, 0, utilization 0.
 */
class PlanReportTest {

    private static Model model() {
        TestDocuments doc = TestDocuments.document()
                .region("MUC", "München", 48.137, 11.575)
                .region("VIE", "Wien", 48.208, 16.373)
                .travel("MUC", "VIE", 240)
                .sector("SERV", "Services", 15, false);
        doc.kam("K1", "Anna", "MUC").experience(10).sectors("SERV");
        doc.kam("K2", "Ben", "VIE").experience(10).sectors("SERV").capacity(6000);
        doc.kam("K3", "Cleo", "MUC").experience(10).inactive();
        doc.account("A1", "SERV", "MUC", "A").complexity("HIGH").current("K1").assigned("K1");
        doc.account("B1", "SERV", "VIE", "B").current("K1").assigned("K2");
        doc.account("B2", "SERV", "MUC", "B").complexity("LOW").phase("ONBOARDING").assigned("K2");
        doc.account("C1", "SERV", "MUC", "C").remote().current("K2").assigned("K1");
        doc.account("C2", "SERV", "VIE", "C").current("K2");
        doc.account("C3", "SERV", "MUC", "C").workload(300).assigned("K3");
        doc.account("B3", "SERV", "VIE", "B").current("K3").assigned("K1");
        return doc.build();
    }

    private static PlanDocument report(Model m) {
        return PlanReport.document(m.document(), m.plan(), "plan-1", "NOT_SOLVING", m.built().warnings(), null);
    }

    @Test
    void assignmentToInactiveKamIsClearedWithWarning() {
        Model m = model();
        // C3 (index 5, not pinned) names inactive K3: cleared, and the response says so.
        assertThat(m.account("C3").getKam()).isNull();
        assertThat(m.built().warnings()).containsExactly(
                "accounts[5].assignedKamId: C3 is assigned to inactive KAM 'K3'; the assignment was cleared");
        // The other given assignments are the warm start.
        assertThat(m.account("B3").getKam()).isSameAs(m.kam("K1"));
        assertThat(m.account("B1").getKam()).isSameAs(m.kam("K2"));
        assertThat(m.account("C2").getKam()).isNull();
    }

    @Test
    void perKamFigures() {
        Map<String, PlanDocument.Kam> kams = byId(report(model()).kams(), PlanDocument.Kam::id);
        PlanDocument.Kam k1 = kams.get("K1");
        assertThat(k1.loadMinutes()).isEqualTo(4800L); // 3720 + 120 + 960
        assertThat(k1.accountCount()).isEqualTo(3);
        assertThat(k1.travelMinutes()).isEqualTo(600L); // 120 + 0 + 480
        assertThat(k1.utilization()).isCloseTo(2.0 / 3.0, within(1e-12)); // 4800 / 7200
        PlanDocument.Kam k2 = kams.get("K2");
        assertThat(k2.loadMinutes()).isEqualTo(1560L); // 540 + 1020
        assertThat(k2.accountCount()).isEqualTo(2);
        assertThat(k2.travelMinutes()).isEqualTo(540L); // 60 + 480
        assertThat(k2.utilization()).isCloseTo(0.26, within(1e-12)); // 1560 / 6000
        PlanDocument.Kam k3 = kams.get("K3");
        assertThat(k3.loadMinutes()).isZero();
        assertThat(k3.accountCount()).isZero();
        assertThat(k3.travelMinutes()).isZero();
        assertThat(k3.utilization()).isZero();
    }

    @Test
    void perAccountFigures() {
        Map<String, PlanDocument.Account> accounts = byId(report(model()).accounts(), PlanDocument.Account::id);
        // id → (assignedKamId, workloadMinutes, travelMinutes), from the table in the class comment.
        assertAccount(accounts.get("A1"), "K1", 3720, 120);
        assertAccount(accounts.get("B1"), "K2", 540, 60);
        assertAccount(accounts.get("B2"), "K2", 1020, 480);
        assertAccount(accounts.get("C1"), "K1", 120, 0);
        // Unassigned: no travel; the workload shown is base(a).
        assertAccount(accounts.get("C2"), null, 120, 0);
        assertAccount(accounts.get("C3"), null, 300, 0);
        assertAccount(accounts.get("B3"), "K1", 960, 480);
        // The override is echoed so the returned document can go in again with the same base.
        assertThat(accounts.get("C3").workloadOverrideMinutes()).isEqualTo(300);
        assertThat(accounts.get("A1").workloadOverrideMinutes()).isNull();
    }

    @Test
    void summary() {
        PlanDocument.Summary summary = report(model()).summary();
        // Assigned A1, B1, B2, C1, B3 = 5; unassigned C2, C3 = 2.
        assertThat(summary.assignedAccounts()).isEqualTo(5);
        assertThat(summary.unassignedAccounts()).isEqualTo(2);
        // Moved: B1 (K1→K2), C1 (K2→K1), B3 (inactive K3→K1) = 3. Not A1 (stays), not B2 (no incumbent),
        // not C2 (incumbent K2 but unassigned).
        assertThat(summary.movedAccounts()).isEqualTo(3);
        // Hand-overs: B1 (active K1→K2), C1 (active K2→K1), C2 (active K2→none: unassigned counts) = 3.
        // Not B3 (its incumbent K3 left: forced), not A1, not B2 (no incumbent).
        assertThat(summary.handOvers()).isEqualTo(3);
        // 120 + 60 + 480 + 0 + 480 = 1140.
        assertThat(summary.totalTravelMinutes()).isEqualTo(1140L);
        // Active KAMs only (K1 2/3, K2 0.26): inactive K3's 0 would make the min 0 and the mean /3.
        assertThat(summary.utilizationMin()).isCloseTo(0.26, within(1e-12));
        assertThat(summary.utilizationMax()).isCloseTo(2.0 / 3.0, within(1e-12));
        // (2/3 + 0.26) / 2 = 0.463333…
        assertThat(summary.utilizationMean()).isCloseTo((2.0 / 3.0 + 0.26) / 2, within(1e-12));
    }

    @Test
    void revenueSharesStandBesideCapacityShares() {
        assertThat(report(model()).summary().revenueShares()).isNull();
        TestDocuments doc = TestDocuments.document().region("MUC", "München", 48.137, 11.575)
                .sector("SERV", "Services", 15, false);
        doc.kam("K1", "Anna", "MUC").sectors("SERV");
        doc.kam("K2", "Ben", "MUC").sectors("SERV").capacity(3600);
        doc.kam("K3", "Cleo", "MUC").inactive();
        doc.account("A1", "SERV", "MUC", "A").revenue("3000000").assigned("K1");
        doc.account("B1", "SERV", "MUC", "B").revenue("1000000").assigned("K2");
        doc.account("C1", "SERV", "MUC", "C").revenue("1000000");
        // Revenue 5,000 k in all (C1 unassigned counts): K1 3000 / 5000 = 0.6, K2 0.2; capacity 7200 / 10800 = 2/3,
        // 3600 / 10800 = 1/3; inactive K3 has no share.
        assertThat(report(doc.build()).summary().revenueShares()).containsExactly(
                new RevenueShare("K1", 0.6, 7200.0 / 10800),
                new RevenueShare("K2", 0.2, 3600.0 / 10800));
    }

    @Test
    void reportAfterReassignmentFollowsThePlan() {
        Model m = model().assign("C2", "K2").assign("B1", "K1");
        PlanDocument doc = report(m);
        // C2 with K2 (home VIE, C2 in VIE): 120 + 4×2×30/12 = 120 + 20 = 140, not moved (K2 is its incumbent).
        // B1 back with its incumbent K1 (MUC→VIE 240): 480 + 480 = 960, no longer moved.
        Map<String, PlanDocument.Kam> kams = byId(doc.kams(), PlanDocument.Kam::id);
        assertThat(kams.get("K1").loadMinutes()).isEqualTo(5760L); // 4800 + 960
        assertThat(kams.get("K2").loadMinutes()).isEqualTo(1160L); // 1020 + 140
        assertThat(doc.summary().movedAccounts()).isEqualTo(2); // C1, B3
        assertThat(doc.summary().handOvers()).isEqualTo(1); // C1 only: B3's incumbent left, C2 and B1 are back
        assertThat(doc.summary().assignedAccounts()).isEqualTo(6);
        // A1 120 + B1 480 + B2 480 + C1 0 + C2 20 + B3 480 = 1580.
        assertThat(doc.summary().totalTravelMinutes()).isEqualTo(1580L);
    }

    @Test
    void olderOverrideInputIsReadForOneReleaseWithAWarning() {
        // C3 sent the older way: workloadMinutes 300 and no travelMinutes (so not a returned document).
        PlanDocument legacy = withAccount(model().document(), "C3",
                a -> new PlanDocument.Account(a.id(), a.name(), a.sectorId(), a.regionId(), a.tier(), a.annualRevenue(),
                        a.complexity(), a.phase(), a.remote(), 300, null, a.currentKamId(), a.pinned(),
                        a.assignedKamId(), null));
        PlanFactory.Built built = PlanFactory.build(legacy);
        assertThat(built.plan().getAccounts().get(5).getBaseMinutes()).isEqualTo(300);
        assertThat(built.warnings()).contains("accounts[5].workloadMinutes: C3 gives workloadMinutes without "
                + "travelMinutes, read as the base-workload override; send it as workloadOverrideMinutes, this reading "
                + "ends with the next release");
        // Echoed as the override, under its own name.
        PlanDocument out = PlanReport.document(legacy, built.plan(), "p", "NOT_SOLVING", List.of(), null);
        assertThat(byId(out.accounts(), PlanDocument.Account::id).get("C3").workloadOverrideMinutes()).isEqualTo(300);
    }

    @Test
    void aReturnedDocumentGoesInAgainWithTheSameBaseAndNoWarning() {
        // Output workloadMinutes (with travelMinutes beside it) is never read as an override.
        PlanDocument out = report(model());
        PlanFactory.Built again = PlanFactory.build(out);
        assertThat(again.warnings()).noneMatch(w -> w.contains("workloadMinutes"));
        assertThat(again.plan().getAccounts()).extracting(a -> a.getId() + "=" + a.getBaseMinutes())
                .containsExactlyElementsOf(model().plan().getAccounts().stream()
                        .map(a -> a.getId() + "=" + a.getBaseMinutes()).toList());
    }

    @Test
    void inputAndModelArePairedByIdNotByPosition() {
        Model m = model();
        // The same input in another order: every account keeps its own figures.
        List<PlanDocument.Account> reversed = new ArrayList<>(m.document().accounts());
        Collections.reverse(reversed);
        PlanDocument doc = PlanReport.document(m.document().withAccounts(reversed), m.plan(), "plan-1", "NOT_SOLVING",
                List.of(), null);
        assertThat(doc.accounts().get(0).id()).isEqualTo("B3");
        Map<String, PlanDocument.Account> accounts = byId(doc.accounts(), PlanDocument.Account::id);
        assertAccount(accounts.get("A1"), "K1", 3720, 120);
        assertAccount(accounts.get("B3"), "K1", 960, 480);
    }

    private static PlanDocument withAccount(PlanDocument doc, String id,
            UnaryOperator<PlanDocument.Account> change) {
        return doc.withAccounts(doc.accounts().stream().map(a -> a.id().equals(id) ? change.apply(a) : a).toList());
    }

    private static void assertAccount(PlanDocument.Account account, String kamId, int workload, int travel) {
        assertThat(account.assignedKamId()).as(account.id() + " assignedKamId").isEqualTo(kamId);
        assertThat(account.workloadMinutes()).as(account.id() + " workloadMinutes").isEqualTo(workload);
        assertThat(account.travelMinutes()).as(account.id() + " travelMinutes").isEqualTo(travel);
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
