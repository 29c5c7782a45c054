package org.kamplanner.solver.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.TestDocuments;
import org.kamplanner.document.TestDocuments.Model;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;

/**
 * MakeRoomMoveFactory and MakeRoomMove on tiny hand-built plans, run on Timefold's own score
 * director (solverConfig.xml's constraints), which also does and undoes each move.
 *
 * <p>Every plan: one region, one sector "S" (cap 5, no expertise required), every KAM with S
 * expertise, every account remote with a workload override, so workload = the override, travel 0
 * and the soft score is the balance term alone, Σ load² / capacity (integer division). Unassigned
 * penalty A 100, B 10, C 1. A-accounts need five years of experience.
 *
 * <p>The factory's choices are random; each test draws many moves with fixed seeds and states what
 * every move must be, and which of the possible moves must turn up.
 */
class MakeRoomMoveFactoryTest {

    private static final int DRAWS = 60;

    private static TestDocuments base() {
        return TestDocuments.document()
                .region("R", "Munich", 48.137, 11.575)
                .sector("S", "Services", 5, false);
    }

    private static void account(TestDocuments doc, String id, String tier, int minutes) {
        doc.account(id, "S", "R", tier).remote().workload(minutes);
    }

    // ************************************************************************
    // A big account against a KAM full of small ones
    // ************************************************************************

    /**
     * K1 (10 years, 1200 min) holds SMALL1 and SMALL2 (B, 600 each); K2 (0 years, 1000 min) is empty;
     * BIG (A, 1000) is unassigned and only K1 may take it (K2 is too inexperienced). BIG fits on K1
     * only if both smalls leave (1000 + 600 > 1200); K2 has room for one of them (600 ≤ 1000, 1200 >
     * 1000). Before: 0hard/-100medium/-1200soft (1200² / 1200).
     */
    private static Model bigAgainstSmalls() {
        TestDocuments doc = base();
        doc.kam("K1", "Anna", "R").experience(10).sectors("S").capacity(1200);
        doc.kam("K2", "Ben", "R").experience(0).sectors("S").capacity(1000);
        account(doc, "BIG", "A", 1000);
        account(doc, "SMALL1", "B", 600);
        account(doc, "SMALL2", "B", 600);
        return doc.build().assign("SMALL1", "K1").assign("SMALL2", "K1");
    }

    @Test
    void bringsTheBigAccountOnAndTheBlockersElsewhereOrOut() {
        Model m = bigAgainstSmalls();
        // One small on K2, the other out: 0hard/-10medium, soft −(1000² / 1200 = 833 + 600² / 1000 = 360) = −1193.
        Map<String, String> smallToK2 = Map.of("BIG", "K1", "SMALL1", "K2", "SMALL2", "-");
        Map<String, String> otherSmallToK2 = Map.of("BIG", "K1", "SMALL1", "-", "SMALL2", "K2");
        // Both out (only when every random destination try picks K1, their own KAM): 0/-20/−833.
        Map<String, String> bothOut = Map.of("BIG", "K1", "SMALL1", "-", "SMALL2", "-");
        Map<Map<String, String>, HardMediumSoftLongScore> expected = Map.of(
                smallToK2, HardMediumSoftLongScore.of(0, -10, -1193),
                otherSmallToK2, HardMediumSoftLongScore.of(0, -10, -1193),
                bothOut, HardMediumSoftLongScore.of(0, -20, -833));

        Set<Map<String, String>> seen = drawAndCheck(m, new MakeRoomMoveFactory(), HardMediumSoftLongScore.of(0, -100, -1200),
                expected);

        assertThat(seen).contains(smallToK2, otherSmallToK2);
    }

    // ************************************************************************
    // When there is nothing to do
    // ************************************************************************

    @Test
    void noMovesWhenEveryAccountIsAssigned() {
        // A1 (A, 1000) and B1 (B, 600) both on K1 (2000 min): everything assigned, hard 0.
        TestDocuments doc = base();
        doc.kam("K1", "Anna", "R").experience(10).sectors("S").capacity(2000);
        account(doc, "A1", "A", 1000);
        account(doc, "B1", "B", 600);
        Model full = doc.build().assign("A1", "K1").assign("B1", "K1");
        try (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director = Scoring.scoreDirector(full.plan())) {
            assertThat(full.plan().getScore()).isEqualTo(HardMediumSoftLongScore.of(0, 0, -1280)); // 1600² / 2000
            assertThat(new MakeRoomMoveFactory().createRandomMoveIterator(director, new Random(1)).hasNext()).isFalse();

            // Without a score yet (the first step can come before one is known), the snapshot finds nothing open.
            full.plan().setScore(null);
            assertThat(new MakeRoomMoveFactory().createRandomMoveIterator(director, new Random(1)).hasNext()).isFalse();
        }
    }

    /** "nothing unassigned (or coverage weighs nothing)": the medium score is 0 with an open account. */
    @Test
    void noMovesWhenCoverageWeighsNothing() {
        Model m = base().settings("{\"constraintWeights\": {\"Unassigned account\": 0}}")
                .kam("K1", "Anna", "R").experience(10).sectors("S").capacity(1200).and()
                .kam("K2", "Ben", "R").experience(0).sectors("S").capacity(1000).and()
                .account("BIG", "S", "R", "A").remote().workload(1000).and()
                .account("SMALL1", "S", "R", "B").remote().workload(600).and()
                .account("SMALL2", "S", "R", "B").remote().workload(600).and()
                .build().assign("SMALL1", "K1").assign("SMALL2", "K1");
        try (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director = Scoring.scoreDirector(m.plan())) {
            assertThat(m.plan().getScore()).isEqualTo(HardMediumSoftLongScore.of(0, 0, -1200));
            assertThat(new MakeRoomMoveFactory().createRandomMoveIterator(director, new Random(1)).hasNext()).isFalse();
        }
        // The same plan at default weights does have moves (see bringsTheBigAccountOn...): the weight is the cause.
        Model weighted = bigAgainstSmalls();
        try (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director =
                Scoring.scoreDirector(weighted.plan())) {
            assertThat(new MakeRoomMoveFactory().createRandomMoveIterator(director, new Random(1)).hasNext()).isTrue();
        }
    }

    @Test
    void supportsRandomSelectionOnlyAndCountsAccountsTimesActiveKams() {
        Model m = bigAgainstSmalls();
        try (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director = Scoring.scoreDirector(m.plan())) {
            MakeRoomMoveFactory factory = new MakeRoomMoveFactory();
            assertThatThrownBy(() -> factory.createOriginalMoveIterator(director))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(factory.getSize(director)).isEqualTo(3L * 2L);
        }
    }

    // ************************************************************************
    // Coverage
    // ************************************************************************

    /**
     * One KAM (10 years, 1000 min) holding B1 (B, 600), which has nowhere else to go. The open account
     * fits only if B1 leaves (600 + 600 > 1000 for a 600-minute one; 600 + 500 > 1000 for 500).
     */
    private static Model oneFullKam(String openId, String openTier, int openMinutes) {
        TestDocuments doc = base();
        doc.kam("K1", "Anna", "R").experience(10).sectors("S").capacity(1000);
        account(doc, "B1", "B", 600);
        account(doc, openId, openTier, openMinutes);
        return doc.build().assign("B1", "K1");
    }

    @Test
    void neverOffersAMoveThatLosesCoverage() {
        // C1 (C, penalty 1) in for B1 (B, penalty 10): 9 more medium penalty, so never offered.
        Model m = oneFullKam("C1", "C", 600);
        try (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director = Scoring.scoreDirector(m.plan())) {
            assertThat(m.plan().getScore()).isEqualTo(HardMediumSoftLongScore.of(0, -1, -360)); // 600² / 1000
            for (long seed = 0; seed < 10; seed++) {
                Iterator<MakeRoomMove> moves = new MakeRoomMoveFactory().createRandomMoveIterator(director,
                        new Random(seed));
                for (int i = 0; i < DRAWS; i++) {
                    MakeRoomMove move = moves.next();
                    // After its attempts the factory hands out an empty move, which Timefold skips.
                    assertThat(move.isMoveDoable(director)).as(move.toString()).isFalse();
                    assertThat(move.getPlanningEntities()).isEmpty();
                }
            }
        }
    }

    @Test
    void offersTheMoveWhenItGainsCoverage() {
        // A1 (A, 100) in for B1 (B, 10): every move is exactly that, B1 out (its only KAM is K1).
        Model m = oneFullKam("A1", "A", 600);
        // Before: 0/-100/−360; after: A1 600 on K1: 0/-10/−360.
        drawAndCheck(m, new MakeRoomMoveFactory(), HardMediumSoftLongScore.of(0, -100, -360),
                Map.of(Map.of("B1", "-", "A1", "K1"), HardMediumSoftLongScore.of(0, -10, -360)));
    }

    @Test
    void offersTheMoveWhenCoverageIsEven() {
        // B2 (B, 500) for B1 (B, 600): lost 10 − 10 = 0 is not "more than it brings in", so it is offered.
        Model m = oneFullKam("B2", "B", 500);
        // Before 0/-10/−360; after B2 500 on K1: 0/-10/−250 (500² / 1000).
        drawAndCheck(m, new MakeRoomMoveFactory(), HardMediumSoftLongScore.of(0, -10, -360),
                Map.of(Map.of("B1", "-", "B2", "K1"), HardMediumSoftLongScore.of(0, -10, -250)));

        try (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director = Scoring.scoreDirector(m.plan())) {
            MakeRoomMove move = new MakeRoomMoveFactory().createRandomMoveIterator(director, new Random(7)).next();
            // The blocker leaves first, then the incoming one comes on; only assigned KAMs are values.
            assertThat(new ArrayList<Object>(move.getPlanningEntities())).containsExactly(m.account("B1"), m.account("B2"));
            assertThat(new ArrayList<Object>(move.getPlanningValues())).containsExactly(m.kam("K1"));
        }
    }

    // ************************************************************************
    // Chains
    // ************************************************************************

    /**
     * K1 (10 years, 1000 min) holds MID (B, 600, forbidden with K3); K2 (0 years, 600) holds SMALL (C,
     * 600, forbidden with K1); K3 (0 years, 600) is empty. BIG (A, 1000) can only go to K1, which
     * needs MID out; MID can only go to K2, which needs SMALL out; SMALL fits on K3.
     * Before: 0hard/-100medium, soft −(600² / 1000 = 360 + 600² / 600 = 600) = −960.
     */
    private static Model chain() {
        TestDocuments doc = base();
        doc.kam("K1", "Anna", "R").experience(10).sectors("S").capacity(1000);
        doc.kam("K2", "Ben", "R").experience(0).sectors("S").capacity(600);
        doc.kam("K3", "Cleo", "R").experience(0).sectors("S").capacity(600);
        account(doc, "BIG", "A", 1000);
        account(doc, "MID", "B", 600);
        account(doc, "SMALL", "C", 600);
        doc.forbidden("K3", "MID", "test").forbidden("K1", "SMALL", "test");
        return doc.build().assign("MID", "K1").assign("SMALL", "K2");
    }

    private static final HardMediumSoftLongScore CHAIN_BEFORE = HardMediumSoftLongScore.of(0, -100, -960);
    /** BIG on K1, MID out: 0/-10, soft −(1000² / 1000 = 1000 + 600) = −1600. */
    private static final Map<String, String> MID_OUT = Map.of("MID", "-", "BIG", "K1");
    private static final HardMediumSoftLongScore MID_OUT_SCORE = HardMediumSoftLongScore.of(0, -10, -1600);
    /** BIG on K1, MID on K2, SMALL on K3: 0/0, soft −(1000 + 600 + 600) = −2200. */
    private static final Map<String, String> FULL_CHAIN = Map.of("MID", "K2", "BIG", "K1", "SMALL", "K3");
    private static final HardMediumSoftLongScore FULL_CHAIN_SCORE = HardMediumSoftLongScore.of(0, 0, -2200);

    @Test
    void depthOneNeverMakesRoomInTurn() {
        MakeRoomMoveFactory factory = new MakeRoomMoveFactory();
        factory.setMaxDepth(1);
        Set<Map<String, String>> seen = drawAndCheck(chain(), factory, CHAIN_BEFORE, Map.of(MID_OUT, MID_OUT_SCORE));
        assertThat(seen).containsExactly(MID_OUT);
    }

    @Test
    void defaultDepthMakesRoomInTurnAndCoversEveryAccount() {
        Set<Map<String, String>> seen = drawAndCheck(chain(), new MakeRoomMoveFactory(), CHAIN_BEFORE,
                Map.of(MID_OUT, MID_OUT_SCORE, FULL_CHAIN, FULL_CHAIN_SCORE));
        assertThat(seen).contains(FULL_CHAIN);
    }

    // ************************************************************************
    // MakeRoomMove itself
    // ************************************************************************

    @Test
    void aMoveDoneForGoodIsNoLongerDoable() {
        Model m = chain();
        try (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director = Scoring.scoreDirector(m.plan())) {
            Kam k1 = m.kam("K1");
            Account big = m.account("BIG");
            Account mid = m.account("MID");
            MakeRoomMove move = new MakeRoomMove(List.of(new MakeRoomMove.Reassignment(mid, k1, null),
                    new MakeRoomMove.Reassignment(big, null, k1)));
            assertThat(move.isMoveDoable(director)).isTrue();

            director.executeMove(move);

            assertThat(mid.getKam()).isNull();
            assertThat(big.getKam()).isSameAs(k1);
            assertThat(director.calculateScore().raw()).isEqualTo(MID_OUT_SCORE);
            assertThat(Scoring.SOLUTION_MANAGER.update(m.plan())).isEqualTo(MID_OUT_SCORE);
            // The accounts are no longer where the move expects them.
            assertThat(move.isMoveDoable(director)).isFalse();
        }
    }

    @Test
    void aMoveIsNotDoableWhenEmptyOrWhenAnAccountWouldStayPut() {
        Model m = chain();
        try (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director = Scoring.scoreDirector(m.plan())) {
            Kam k1 = m.kam("K1");
            assertThat(new MakeRoomMove(List.of()).isMoveDoable(director)).isFalse();
            assertThat(new MakeRoomMove(List.of(new MakeRoomMove.Reassignment(m.account("MID"), k1, k1)))
                    .isMoveDoable(director)).isFalse();
            // BIG is unassigned, not on K1.
            assertThat(new MakeRoomMove(List.of(new MakeRoomMove.Reassignment(m.account("BIG"), k1, null)))
                    .isMoveDoable(director)).isFalse();
        }
    }

    // ************************************************************************
    // Helpers
    // ************************************************************************

    /**
     * Draws DRAWS moves from each of ten seeded iterators (one step's worth each: all from the same
     * plan) and for each one: it is doable; where it puts each account it moves (KAM id, "-" for
     * unassigned) is one of the expected outcomes; done by Timefold's score director it scores the
     * expected score (checked against a from-scratch calculation by Timefold as well); and undone,
     * the plan is as before, assignments and score. Returns the outcomes seen.
     */
    private static Set<Map<String, String>> drawAndCheck(Model m, MakeRoomMoveFactory factory,
            HardMediumSoftLongScore before, Map<Map<String, String>, HardMediumSoftLongScore> expected) {
        AssignmentPlan plan = m.plan();
        Map<String, String> start = assignments(plan);
        Set<Map<String, String>> seen = new HashSet<>();
        try (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director = Scoring.scoreDirector(plan)) {
            assertThat(plan.getScore()).as("score before").isEqualTo(before);
            for (long seed = 0; seed < 10; seed++) {
                Iterator<MakeRoomMove> moves = factory.createRandomMoveIterator(director, new Random(seed));
                for (int i = 0; i < DRAWS; i++) {
                    assertThat(moves.hasNext()).isTrue();
                    MakeRoomMove move = moves.next();
                    assertThat(move.isMoveDoable(director)).as(move.toString()).isTrue();

                    List<Map<String, String>> during = new ArrayList<>();
                    HardMediumSoftLongScore after = director.executeTemporaryMove(move,
                            view -> during.add(assignments(plan)), true).raw();

                    Map<String, String> outcome = changed(start, during.get(0));
                    assertThat(expected).as(move.toString()).containsKey(outcome);
                    assertThat(after).as(move.toString()).isEqualTo(expected.get(outcome));
                    assertThat(assignments(plan)).as("undone " + move).isEqualTo(start);
                    assertThat(director.calculateScore().raw()).as("undone " + move).isEqualTo(before);
                    seen.add(outcome);
                }
            }
        }
        return seen;
    }

    /** Account id → KAM id ("-" when unassigned), in plan order. */
    private static Map<String, String> assignments(AssignmentPlan plan) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Account account : plan.getAccounts()) {
            map.put(account.getId(), account.getKam() == null ? "-" : account.getKam().getId());
        }
        return map;
    }

    /** The accounts whose KAM differs between the two, with their KAM in the second. */
    private static Map<String, String> changed(Map<String, String> before, Map<String, String> after) {
        Map<String, String> changed = new LinkedHashMap<>();
        after.forEach((id, kam) -> {
            if (!kam.equals(before.get(id))) {
                changed.put(id, kam);
            }
        });
        return Map.copyOf(changed);
    }
}
