package org.kamplanner.rebalance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.kamplanner.words.Words;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanValidator;


/**
 * KAMs leaving a plan, for a rebalance and for a leave applied to a running solve: which leavers are
 * valid, and the document with them marked inactive.
 *
 * <p>A pinned account on a leaver is refused (400 naming the accounts), not unpinned: a pin is a
 * planner's explicit decision, and docs/model.md already lets a pin win over the clearing of an inactive
 * assignment. The planner unpins (or re-pins elsewhere) and asks again.
 */
public final class Leavers {

    private Leavers() {
    }

    /**
     * @param document the plan as it stands (a returned document: assignedKamId is the best so far)
     * @param path the request field that names the leavers, for the error paths
     * @throws InvalidPlanException for a missing list, an unknown, repeated or already inactive KAM, a
     *         leaver with pinned accounts, or no active KAM left
     */
    public static void check(PlanDocument document, List<String> leavingKamIds, String path) {
        List<FieldProblem> problems = new ArrayList<>();
        if (leavingKamIds == null || leavingKamIds.isEmpty()) {
            throw InvalidPlanException.of(path, Words.text("error.leavers.none"));
        }
        Map<String, PlanDocument.Kam> kams = kams(document).stream()
                .collect(Collectors.toMap(PlanDocument.Kam::id, Function.identity(), (a, b) -> a));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < leavingKamIds.size(); i++) {
            String id = leavingKamIds.get(i);
            String itemPath = PlanValidator.item(path, i);
            PlanDocument.Kam kam = id == null ? null : kams.get(id);
            if (id == null) {
                problems.add(new FieldProblem(itemPath, Words.text("error.leavers.null")));
            } else if (kam == null) {
                problems.add(new FieldProblem(itemPath, Words.text("error.field.unknown.KAM", id)));
            } else if (Boolean.FALSE.equals(kam.active())) {
                problems.add(new FieldProblem(itemPath, Words.text("error.leavers.inactive", id)));
            } else if (!seen.add(id)) {
                problems.add(new FieldProblem(itemPath, Words.text("error.leavers.twice", id)));
            } else {
                List<String> pinned = (document.accounts() == null ? List.<PlanDocument.Account>of() : document.accounts())
                        .stream()
                        .filter(a -> Boolean.TRUE.equals(a.pinned()) && id.equals(a.assignedKamId()))
                        .map(PlanDocument.Account::id).toList();
                if (!pinned.isEmpty()) {
                    problems.add(new FieldProblem(itemPath, Words.text("error.leavers.pinned", id, pinned)));
                }
            }
        }
        if (problems.isEmpty() && kams.values().stream()
                .noneMatch(k -> !Boolean.FALSE.equals(k.active()) && !seen.contains(k.id()))) {
            problems.add(new FieldProblem(path, Words.text("error.leavers.noneLeft")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
    }

    /** The document with these KAMs marked {@code active: false}; everything else as it was. */
    public static PlanDocument markInactive(PlanDocument d, List<String> leavingKamIds) {
        Set<String> leaving = Set.copyOf(leavingKamIds);
        List<PlanDocument.Kam> kams = kams(d).stream()
                .map(k -> leaving.contains(k.id()) ? k.withActive(false) : k)
                .toList();
        return d.withKams(kams);
    }

    private static List<PlanDocument.Kam> kams(PlanDocument d) {
        return d.kams() == null ? List.of() : d.kams();
    }
}
