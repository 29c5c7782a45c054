package org.kamplanner.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.kamplanner.document.PlanDocument;

/**
 * What a team's history adds to the accounts: forbidden pairs, incumbents, pins and affinities. Each
 * is drawn among the KAMs that qualify for the account by the hard rules ({@link DraftModel#qualifies}),
 * nearest first, because a conflict or a relationship with a nearby KAM is the one that matters.
 */
final class Relationships {

    private static final double INCUMBENT_SHARE = 0.60;
    /** Most incumbents keep their account in a good plan; the rest give the solver moves to weigh. */
    private static final double INCUMBENT_IS_REFERENCE_SHARE = 0.75;

    private final DraftModel model;
    private final List<AccountDraft> accounts;
    private final Draws draws;

    Relationships(DraftModel model, List<AccountDraft> accounts, Draws draws) {
        this.model = model;
        this.accounts = accounts;
        this.draws = draws;
    }

    /** About one account in a hundred gets a KAM it must not have, for one of the given reasons. */
    List<PlanDocument.ForbiddenPair> forbiddenPairs(List<String> reasons) {
        int count = Math.max(3, accounts.size() / 100);
        List<PlanDocument.ForbiddenPair> pairs = new ArrayList<>();
        for (AccountDraft a : draws.shuffled(accounts)) {
            if (pairs.size() >= count) {
                break;
            }
            List<KamDraft> qualified = model.qualifiedByDistance(a);
            // Keep a choice for the account; a conflict with a nearby KAM is the one that bites.
            if (qualified.size() < 2) {
                continue;
            }
            KamDraft k = qualified.get(draws.nextInt(Math.min(3, qualified.size())));
            String reason = draws.pick(reasons);
            model.forbid(k, a, reason);
            pairs.add(new PlanDocument.ForbiddenPair(k.id, a.id, reason));
        }
        pairs.sort(Comparator.comparing(PlanDocument.ForbiddenPair::accountId));
        return List.copyOf(pairs);
    }

    /** Most incumbents are the reference KAM; some are another qualified KAM nearby. */
    void setIncumbents(ReferencePlan reference) {
        for (AccountDraft a : accounts) {
            if (draws.nextDouble() >= INCUMBENT_SHARE) {
                continue;
            }
            a.currentKam = reference.kamOf(a);
            if (draws.nextDouble() >= INCUMBENT_IS_REFERENCE_SHARE) {
                List<KamDraft> others = model.qualifiedByDistance(a);
                others.removeIf(k -> k.index == reference.kamOf(a));
                if (!others.isEmpty()) {
                    a.currentKam = others.get(draws.nextInt(Math.min(5, others.size()))).index;
                }
            }
        }
    }

    /** Only where the incumbent is the reference KAM, so the pins never cost feasibility. */
    void pin(ReferencePlan reference) {
        int count = Math.max(3, accounts.size() / 200);
        int pinned = 0;
        for (AccountDraft a : draws.shuffled(accounts)) {
            if (pinned >= count) {
                break;
            }
            if (a.currentKam != null && a.currentKam == reference.kamOf(a)) {
                a.pinned = true;
                pinned++;
            }
        }
    }

    /** Mostly rewards for an existing relationship or a shared language, some penalties for friction. */
    List<PlanDocument.Affinity> affinities() {
        int count = Math.max(3, accounts.size() / 100);
        List<PlanDocument.Affinity> affinities = new ArrayList<>();
        for (AccountDraft a : draws.shuffled(accounts)) {
            if (affinities.size() >= count) {
                break;
            }
            List<KamDraft> candidates = model.qualifiedByDistance(a);
            candidates.removeIf(k -> a.pinned && k.index == a.currentKam);
            if (candidates.isEmpty()) {
                continue;
            }
            KamDraft k = candidates.get(draws.nextInt(Math.min(6, candidates.size())));
            long penalty = draws.nextDouble() < 0.75 ? -100 - 50L * draws.nextInt(15) : 50 + 50L * draws.nextInt(8);
            affinities.add(new PlanDocument.Affinity(k.id, a.id, penalty));
        }
        affinities.sort(Comparator.comparing(PlanDocument.Affinity::accountId));
        return List.copyOf(affinities);
    }
}
