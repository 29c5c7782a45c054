package org.kamplanner.web;

import java.util.List;

import org.kamplanner.words.Words;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;

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
        throw InvalidPlanException.of("fetch", Words.text("error.fetch", fetch));
    }
}
