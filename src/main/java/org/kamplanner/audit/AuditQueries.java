package org.kamplanner.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.kamplanner.document.Echo;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.words.Words;

/** The audit endpoints' query parameters, checked (400 naming each bad one), and the log as CSV. */
public final class AuditQueries {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    /** Ids and names are at most this long where they are stored (V6, V7). */
    private static final int MAX_TEXT = 200;

    private AuditQueries() {
    }

    /**
     * {@code since}: an instant (2026-12-07T10:00:00Z) or a day (2026-12-07, from its start in UTC); {@code limit}
     * 1 to 1,000, 100 when not given. Every problem at once, at its parameter's name.
     */
    public static AuditLog.Query of(String planId, String actor, String since, String limit) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant from = null;
        if (since != null) {
            from = instant(since);
            if (from == null) {
                problems.add(new FieldProblem("since", Words.text("error.audit.since", Echo.of(since))));
            }
        }
        int entries = DEFAULT_LIMIT;
        if (limit != null) {
            entries = whole(limit);
            if (entries < 1 || entries > MAX_LIMIT) {
                problems.add(new FieldProblem("limit", Words.text("error.audit.limit", Words.number(MAX_LIMIT),
                        Echo.of(limit))));
            }
        }
        text("planId", planId, problems);
        text("actor", actor, problems);
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        return new AuditLog.Query(blankIsNull(planId), blankIsNull(actor), from, entries);
    }

    /** The entries as CSV (RFC 4180, a header row): at, actor, role, action, planId, detail. */
    public static String csv(List<AuditLog.Entry> entries) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader("at", "actor", "role", "action", "planId", "detail").get())) {
            for (AuditLog.Entry entry : entries) {
                printer.printRecord(entry.at(), entry.actor(), entry.role(), entry.action(), entry.planId(),
                        entry.detail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void text(String name, String value, List<FieldProblem> problems) {
        if (value != null && value.length() > MAX_TEXT) {
            problems.add(new FieldProblem(name, Words.text("error.audit.text", MAX_TEXT, value.length())));
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADay) {
                return null;
            }
        }
    }

    private static int whole(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String blankIsNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
