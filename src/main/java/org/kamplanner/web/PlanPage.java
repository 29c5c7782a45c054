package org.kamplanner.web;

import java.util.ArrayList;
import java.util.List;

import org.kamplanner.document.Echo;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.words.Words;
import org.springframework.http.HttpHeaders;

/**
 * One page of {@code GET /plans}: at most {@code limit} plans from {@code offset} on, in the list's own order
 * (oldest first). Unpaged, the list grew with every stored plan (185 KB at 525 plans, issue 30). The page's
 * headers say what else there is: {@code X-Total-Count}, and RFC 8288 links to the next and previous page.
 */
record PlanPage(int limit, int offset) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final String TOTAL_COUNT = "X-Total-Count";

    /** The page the query asks for; a value that is not a whole number within its range is a 400 naming it. */
    static PlanPage of(String limit, String offset) {
        List<FieldProblem> problems = new ArrayList<>();
        int pageLimit = parse(limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int pageOffset = parse(offset, 0, 0, Integer.MAX_VALUE);
        if (pageLimit < 0) {
            problems.add(new FieldProblem("limit", Words.text("error.paging.limit", Words.number(MAX_LIMIT), Echo.of(limit))));
        }
        if (pageOffset < 0) {
            problems.add(new FieldProblem("offset", Words.text("error.paging.offset", Echo.of(offset))));
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        return new PlanPage(pageLimit, pageOffset);
    }

    <T> List<T> of(List<T> all) {
        return offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), offset + limit));
    }

    /** X-Total-Count, and a Link header when there is a next or previous page (relative to {@code path}). */
    HttpHeaders headers(String path, int total) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(TOTAL_COUNT, Integer.toString(total));
        List<String> links = new ArrayList<>();
        if ((long) offset + limit < total) {
            links.add(link(path, offset + limit, "next"));
        }
        if (offset > 0) {
            links.add(link(path, Math.max(0, Math.min(offset, total) - limit), "prev"));
        }
        if (!links.isEmpty()) {
            headers.set(HttpHeaders.LINK, String.join(", ", links));
        }
        return headers;
    }

    private String link(String path, int at, String rel) {
        return "<" + path + "?limit=" + limit + "&offset=" + at + ">; rel=\"" + rel + "\"";
    }

    /** The value, {@code absent} when not given, -1 when it is not a whole number from min to max. */
    private static int parse(String value, int absent, int min, int max) {
        if (value == null) {
            return absent;
        }
        // Digits only, and few enough of them for a long: no sign, no exponent, no 10,000-digit number.
        if (value.matches("[0-9]{1,18}")) {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return (int) number;
            }
        }
        return -1;
    }
}
