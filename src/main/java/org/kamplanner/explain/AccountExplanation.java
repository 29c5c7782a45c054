package org.kamplanner.explain;

import java.util.List;

import org.kamplanner.solver.Justifications;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * "Why is this account with Anna and not with Jonas?": the account's share of the score with its
 * current KAM (its indictment: the matches charged to it, each with its sentence), and what moving
 * it to each of the best other KAMs would change, per constraint and in a sentence.
 * {@code kamId} and {@code kamName} are absent for an unassigned account. {@code moveReason}: for an account
 * the plan moved away from an incumbent who is still active, what that move buys ({@link MoveGain}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountExplanation(String accountId, String accountName, String kamId, String kamName,
        boolean pinned, String score, List<ChargedMatch> matches, List<Recommendation> alternatives,
        String moveReason) {

    public record ChargedMatch(String constraint, String score, Justifications.Described justification) {
    }
}
