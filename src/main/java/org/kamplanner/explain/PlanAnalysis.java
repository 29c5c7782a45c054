package org.kamplanner.explain;

import java.util.List;
import java.util.stream.Stream;

import org.kamplanner.bound.PlanBound;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.solver.Justifications;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The score explained (README, "The API in brief"): every constraint with its weight, score and matches,
 * and each KAM's and account's share of the score. Each match is charged to exactly one object (the
 * KAM for the per-KAM constraints, the account for the per-account ones), so the shares of all KAMs
 * and accounts together add up to the score. {@code unassigned} says for each account without a KAM
 * which hard rules kept it off every KAM.
 *
 * <p>{@code fetch} is {@code "all"} or {@code "summary"}. A summary has every constraint's weight,
 * score and match count but no {@code matches}, {@code kams}, {@code accounts} or {@code unassigned}: those need every
 * justification built, which is what a summary is there to avoid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanAnalysis(String score, boolean feasible, String fetch, List<ConstraintResult> constraints,
        List<KamShare> kams, List<AccountShare> accounts, List<PlanDocument.UnassignedAccount> unassigned,
        PlanBound bound) {

    /** The analysis with the plan's quality certificate (PUT /plans/analyze?bound=true). */
    public PlanAnalysis withBound(PlanBound newBound) {
        return new PlanAnalysis(score, feasible, fetch, constraints, kams, accounts, unassigned, newBound);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConstraintResult(String name, String level, long weight, String score, int matchCount,
            List<Match> matches) {
    }

    public record Match(String score, Justifications.Described justification) {
    }

    public record KamShare(String kamId, String name, String score) {
    }

    public record AccountShare(String accountId, String name, String score) {
    }

    /** The sentences of the matches charged to this KAM (see {@link Justifications#kamIdCharged}). */
    public List<String> sentencesOfKam(String kamId) {
        return matches().filter(m -> kamId.equals(Justifications.kamIdCharged(m.justification())))
                .map(m -> m.justification().description()).toList();
    }

    /** The sentences of the matches charged to this account. */
    public List<String> sentencesOfAccount(String accountId) {
        return matches().filter(m -> accountId.equals(Justifications.accountIdCharged(m.justification())))
                .map(m -> m.justification().description()).toList();
    }

    private Stream<Match> matches() {
        return constraints.stream().filter(c -> c.matches() != null).flatMap(c -> c.matches().stream());
    }
}
