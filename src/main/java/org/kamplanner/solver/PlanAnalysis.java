package org.kamplanner.solver;

import java.util.List;

/**
 * The score explained (API.md, "The analysis"): every constraint with its weight, score and matches,
 * and each KAM's and account's share of the score. Each match is charged to exactly one object (the
 * KAM for the per-KAM constraints, the account for the per-account ones), so the shares of all KAMs
 * and accounts together add up to the score. {@code unassigned} says for each account without a KAM
 * which hard rules kept it off every KAM.
 */
public record PlanAnalysis(String score, boolean feasible, List<ConstraintResult> constraints,
        List<KamShare> kams, List<AccountShare> accounts, List<UnassignedReasons.UnassignedAccount> unassigned) {

    public record ConstraintResult(String name, String level, long weight, String score, int matchCount,
            List<Match> matches) {
    }

    public record Match(String score, Justifications.Described justification) {
    }

    public record KamShare(String kamId, String score) {
    }

    public record AccountShare(String accountId, String score) {
    }
}
