package org.kamplanner.api;

import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;

import java.util.List;

/** The {@code fetch} query parameter of the analysis endpoints: {@code all} (the default) or {@code summary}. */
final class AnalysisFetch {

    private AnalysisFetch() {
    }

    static boolean isSummary(String fetch) {
        if (fetch == null || fetch.equals("all")) {
            return false;
        }
        if (fetch.equals("summary")) {
            return true;
        }
        throw new InvalidPlanException(List.of(new FieldProblem("fetch",
                "must be 'all' or 'summary', was '" + fetch + "'")));
    }
}
