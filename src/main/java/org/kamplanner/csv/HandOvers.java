package org.kamplanner.csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanDocument.Account;
import org.kamplanner.document.PlanDocument.Kam;
import org.kamplanner.words.Words;

/**
 * The workbook's hand-over list: for each KAM, the accounts the plan gives them that another owner has
 * today (gained) and those they have today and the plan gives someone else or no one (lost), each with the
 * other KAM and the reason (the plan's moves). What a sales manager hands each KAM before the new year.
 * When the plan starts from today at all (some account has a currentKamId), an account without an owner
 * today counts as gained by its new KAM: the accounts of an owner who left the CRM's team. Headers and
 * words in the reader's language; text cells are written as text, never as formulas (Workbooks).
 */
final class HandOvers {

    /** The sheet's name, fixed so that an exported workbook imports again (CsvImport skips it). */
    static final String SHEET = "handovers";

    /** One line: a KAM and an account they gain or lose; {@code other} is the KAM before (gained) or after (lost). */
    record HandOver(Kam kam, boolean gained, Account account, String other, String reason) {
    }

    private HandOvers() {
    }

    static ExportTables.Table<HandOver> table(PlanDocument document) {
        List<Kam> kams = document.kams() == null ? List.of() : document.kams();
        List<Account> accounts = document.accounts() == null ? List.of() : document.accounts();
        Map<String, Kam> kamById = new HashMap<>();
        kams.forEach(k -> kamById.put(k.id(), k));
        Map<String, String> reasons = new HashMap<>();
        if (document.moves() != null) {
            document.moves().forEach(m -> reasons.put(m.accountId(), m.reason()));
        }
        boolean fromToday = accounts.stream().anyMatch(a -> a.currentKamId() != null);
        Map<String, List<HandOver>> gained = new LinkedHashMap<>();
        Map<String, List<HandOver>> lost = new LinkedHashMap<>();
        for (Account a : accounts) {
            String before = a.currentKamId();
            String after = a.assignedKamId();
            if (!fromToday || Objects.equals(before, after)) {
                continue;
            }
            String reason = reasons.getOrDefault(a.id(), Words.text("handovers.noOwnerBefore", name(a)));
            if (after != null) {
                gained.computeIfAbsent(after, k -> new ArrayList<>()).add(new HandOver(kamById.get(after), true, a,
                        before == null ? null : kamName(kamById, before), reason));
            }
            if (before != null) {
                lost.computeIfAbsent(before, k -> new ArrayList<>()).add(new HandOver(kamById.get(before), false, a,
                        after == null ? Words.text("handovers.noKam") : kamName(kamById, after), reason));
            }
        }
        List<HandOver> rows = new ArrayList<>();
        for (Kam kam : kams) {
            rows.addAll(gained.getOrDefault(kam.id(), List.of()));
            rows.addAll(lost.getOrDefault(kam.id(), List.of()));
        }
        List<ExportTables.Column<HandOver>> columns = List.of(
                text("handovers.kam", h -> h.kam().name() == null ? h.kam().id() : h.kam().name()),
                text("handovers.kamId", h -> h.kam().id()),
                text("handovers.change", h -> Words.text(h.gained() ? "handovers.gained" : "handovers.lost")),
                text("handovers.accountId", h -> h.account().id()),
                text("handovers.account", h -> name(h.account())),
                text("handovers.tier", h -> h.account().tier()),
                new ExportTables.Column<>(Words.text("handovers.revenue"), ExportTables.Format.DECIMAL,
                        h -> h.account().annualRevenue()),
                text("handovers.other", HandOver::other),
                text("handovers.reason", HandOver::reason));
        return new ExportTables.Table<>(SHEET, columns, rows);
    }

    private static ExportTables.Column<HandOver> text(String header, java.util.function.Function<HandOver, Object> value) {
        return new ExportTables.Column<>(Words.text(header), ExportTables.Format.TEXT, value);
    }

    private static String name(Account account) {
        return account.name() == null ? account.id() : account.name();
    }

    private static String kamName(Map<String, Kam> kams, String id) {
        Kam kam = kams.get(id);
        return kam == null || kam.name() == null ? id : kam.name();
    }
}
