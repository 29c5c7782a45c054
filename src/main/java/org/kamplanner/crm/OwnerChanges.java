package org.kamplanner.crm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.kamplanner.words.Words;
import org.kamplanner.csv.CsvImport;
import org.kamplanner.csv.ExportTables;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;

/**
 * The way back into the CRM: one row per account that the plan gives a KAM other than its owner today
 * ({@code currentKamId}), first the columns the CRM's own import takes (Salesforce Data Loader: {@code Id},
 * {@code OwnerId}, the KAM's CRM user id, its {@code externalId}; HubSpot: {@code Record ID},
 * {@code Company owner}, the KAM's e-mail), then, for the person who checks the file, the account's name,
 * tier, the owner before and after and why, with headers in the reader's language. An account the plan
 * leaves without a KAM is not in the file (a CRM record needs an owner): the plan's summary lists it.
 * Written by the exports' CSV writer, which guards every text cell against formulas.
 */
public final class OwnerChanges {

    public static final Set<String> FORMATS = Set.of("salesforce", "hubspot");

    private OwnerChanges() {
    }

    /** @throws InvalidPlanException for an unknown format, or a new owner without the CRM user the format needs */
    public static String csv(PlanDocument document, String format, char separator) {
        if (!FORMATS.contains(format)) {
            throw InvalidPlanException.of("format", Words.text("crm.error.format", format));
        }
        boolean salesforce = format.equals("salesforce");
        Map<String, PlanDocument.Kam> kams = new HashMap<>();
        orEmpty(document.kams()).forEach(k -> kams.put(k.id(), k));
        Map<String, String> reasons = new HashMap<>();
        orEmpty(document.moves()).forEach(m -> reasons.put(m.accountId(), m.reason()));
        List<PlanDocument.Account> changed = orEmpty(document.accounts()).stream()
                .filter(a -> a.assignedKamId() != null && !Objects.equals(a.assignedKamId(), a.currentKamId()))
                .toList();
        List<FieldProblem> problems = new ArrayList<>();
        changed.stream().map(a -> kams.get(a.assignedKamId())).distinct().forEach(kam -> {
            String user = salesforce ? kam.externalId() : kam.email();
            if (user == null || user.isBlank()) {
                problems.add(new FieldProblem("kams." + kam.id() + (salesforce ? ".externalId" : ".email"),
                        Words.text(salesforce ? "crm.error.noExternalId" : "crm.error.noEmail", kam.name())));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        List<ExportTables.Column<PlanDocument.Account>> columns = new ArrayList<>();
        columns.add(text(salesforce ? "Id" : "Record ID", PlanDocument.Account::id));
        columns.add(text(salesforce ? "OwnerId" : "Company owner", a -> salesforce
                ? kams.get(a.assignedKamId()).externalId() : kams.get(a.assignedKamId()).email()));
        columns.add(text(Words.text("crm.changes.account"), PlanDocument.Account::name));
        columns.add(text(Words.text("crm.changes.tier"), PlanDocument.Account::tier));
        columns.add(text(Words.text("crm.changes.before"),
                a -> a.currentKamId() == null ? null : nameOf(kams.get(a.currentKamId()), a.currentKamId())));
        columns.add(text(Words.text("crm.changes.after"), a -> nameOf(kams.get(a.assignedKamId()), a.assignedKamId())));
        columns.add(text(Words.text("crm.changes.reason"), a -> reasons.getOrDefault(a.id(),
                Words.text("crm.changes.noOwnerBefore", a.name()))));
        return CsvImport.write(new ExportTables.Table<>("owner-changes", columns, changed), separator);
    }

    private static String nameOf(PlanDocument.Kam kam, String id) {
        return kam == null || kam.name() == null ? id : kam.name();
    }

    private static ExportTables.Column<PlanDocument.Account> text(String name,
            java.util.function.Function<PlanDocument.Account, Object> value) {
        return new ExportTables.Column<>(name, ExportTables.Format.TEXT, value);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
