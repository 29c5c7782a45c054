package org.kamplanner.explain;

import java.util.List;
import java.util.Map;

import org.kamplanner.solver.KamConstraint;
import org.kamplanner.solver.ScoreWords;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * One KAM for one account and what the choice does to the score: the total difference, the
 * difference per constraint (they add up to the total) and a sentence. Used for recommendations
 * (against the account left unassigned) and for the alternatives of an account explanation
 * (against its current KAM). The API (README): {@code [{kamId, kamName, scoreDiff, explanation}]}, plus
 * {@code constraints}; {@code assigned}: the account's KAM in this plan, {@code incumbent}: its currentKamId
 * (both always listed), {@code breaksHardRule}: with the account this KAM would break a hard rule (listed last).
 */
public record Recommendation(String kamId, String kamName, String scoreDiff, String explanation,
        List<ConstraintDiff> constraints, boolean assigned, boolean incumbent, boolean breaksHardRule) {

    public record ConstraintDiff(String name, String scoreDiff) {
    }

    /** Constraint by constraint, the score differences worth mentioning: the costliest first. */
    static List<ConstraintDiff> constraintDiffs(Map<KamConstraint, HardMediumSoftLongScore> diffs) {
        return ScoreWords.nonZero(diffs).stream()
                .map(e -> new ConstraintDiff(e.getKey().constraintName(), e.getValue().toString()))
                .toList();
    }
}
