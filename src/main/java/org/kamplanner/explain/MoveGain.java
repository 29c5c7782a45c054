package org.kamplanner.explain;

import java.util.List;
import java.util.Map;

import org.kamplanner.solver.KamConstraint;
import org.kamplanner.solver.ScoreWords;
import org.kamplanner.words.Words;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * What one voluntary move (an account moved away from an incumbent who is still active) buys, as figures
 * from {@link MoveGains}' what-if: the plan with this move undone. Kept as figures because a rebalance's
 * review runs when its solve ends, outside any request: {@link #words()} words it in the language of
 * whoever reads the plan.
 *
 * <p>{@code to} is null for an account left without a KAM. {@code loads} are the two KAMs' monthly loads
 * with the move undone and as planned. {@code roomFor}: the accounts that took the room at {@code from}
 * when moving back would break a hard rule there; {@code overloadMinutes}: how far over capacity
 * {@code from} would be with it back. {@code chain}: the other move it belongs to when it buys nothing on
 * its own (then {@code backCost} and {@code backDiffs} are those of undoing both). {@code backCost} and
 * {@code backDiffs}: what undoing it would do to the score (negative: worse).
 */
public record MoveGain(String account, String from, String to, Loads loads, long travelSavedMinutes,
        long overloadMinutes, List<Room> roomFor, Chain chain, HardMediumSoftLongScore backCost,
        Map<KamConstraint, HardMediumSoftLongScore> backDiffs) {

    /** Minutes a month: the KAM it left with it back and without it, the KAM it went to without and with it. */
    public record Loads(long fromBack, long fromNow, long fromCapacity, long toBack, long toNow, long toCapacity) {
    }

    /**
     * An account that now sits where this one was: {@code before} is the KAM it had ({@code beforeLeft}: that
     * KAM left), or null when it had none.
     */
    public record Room(String account, String tier, long revenue, String before, boolean beforeLeft) {
    }

    /** The other move, undone with this one, that makes the pair worth its cost. */
    public record Chain(String account, String from, String to) {
    }

    /** Moving it back makes the score worse: it bought something on its own (or with its chain). */
    public boolean buysSomething() {
        return backCost.compareTo(HardMediumSoftLongScore.ZERO) < 0;
    }

    /**
     * E.g. "chosen: Solarwerk GmbH from Anna Schmidt to Jonas Weber makes room at Anna Schmidt for Kern AG
     * (B, €1,200,000, whose KAM Carl Brandt left); moving it back would cost 390 hard: +390 hard capacity".
     */
    public String words() {
        String head = to == null ? Words.text("move.headUnassigned", account, from)
                : Words.text("move.head", account, from, to);
        return head + what() + "; " + ScoreWords.change(
                Words.text(chain == null ? "move.back" : "move.bothBack"), backCost, backDiffs);
    }

    private String what() {
        if (chain != null) {
            return Words.text("move.chain", chain.account(), chain.from(),
                    chain.to() == null ? Words.text("move.nobody") : chain.to());
        }
        if (!roomFor.isEmpty()) {
            return Words.text("move.room", from, String.join(", ", roomFor.stream().map(MoveGain::room).toList()));
        }
        if (overloadMinutes > 0) {
            return Words.text("move.overload", Words.hours(overloadMinutes), from);
        }
        if (backCost.hardScore() < 0) {
            return Words.text("move.hardRule", from);
        }
        if (!buysSomething()) {
            return Words.text("move.nothing");
        }
        String hours = Words.hours(loads.fromBack() - loads.fromNow());
        String fromBefore = Words.percent(loads.fromBack(), loads.fromCapacity());
        String fromAfter = Words.percent(loads.fromNow(), loads.fromCapacity());
        String eases = to == null ? Words.text("move.freesOnly", hours, from, fromBefore, fromAfter)
                : Words.text("move.eases", hours, from, fromBefore, fromAfter, to,
                        Words.percent(loads.toBack(), loads.toCapacity()), Words.percent(loads.toNow(), loads.toCapacity()));
        StringBuilder what = new StringBuilder(eases);
        if (travelSavedMinutes != 0) {
            what.append(Words.text(travelSavedMinutes > 0 ? "move.travelSaved" : "move.travelAdded",
                    Words.hours(Math.abs(travelSavedMinutes))));
        }
        // The soft gains other than hours: a KAM who knows the sector, an affinity.
        if (costsBack(KamConstraint.PREFERRED_SECTOR_EXPERTISE)) {
            what.append(Words.text("move.expertise", to));
        }
        if (costsBack(KamConstraint.ACCOUNT_AFFINITY)) {
            what.append(Words.text("move.affinity", to));
        }
        return what.toString();
    }

    /** Moving it back would make this constraint's score worse. */
    private boolean costsBack(KamConstraint constraint) {
        HardMediumSoftLongScore diff = backDiffs.get(constraint);
        return diff != null && diff.compareTo(HardMediumSoftLongScore.ZERO) < 0;
    }

    private static String room(Room room) {
        String details = room.tier() + (room.revenue() > 0
                ? ", " + Words.text("move.euros", Words.number(room.revenue())) : "");
        if (room.before() == null) {
            return Words.text("move.roomNew", room.account(), details);
        }
        return Words.text(room.beforeLeft() ? "move.roomLeft" : "move.roomMoved", room.account(), details, room.before());
    }
}
