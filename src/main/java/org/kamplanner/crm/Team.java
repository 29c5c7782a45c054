package org.kamplanner.crm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.kamplanner.words.Words;
import org.kamplanner.document.PlanDocument;

/**
 * The KAMs of an imported plan and who owns which account today. From the HR list: employment share →
 * capacity (full time is the mapping's {@code fullTimeHours}), years in sales → experience (whole years,
 * rounded down: 4.9 years are not the 5 an A-account needs), industries → expertise, location → home region.
 * Account owners are matched to them by e-mail or by name, umlauts and their ASCII spellings alike
 * ("Juergen Schaefer" is "Jürgen Schäfer", "Schäfer, Jürgen" too); an owner the list does not name is
 * reported and their accounts start without an incumbent. Without an HR list the owners are the KAMs.
 */
final class Team {

    static final Set<String> REQUIRED = Set.of("name");

    private final List<PlanDocument.Kam> kams = new ArrayList<>();
    private final Map<String, String> kamByEmail = new HashMap<>();
    private final Map<String, String> kamByName = new HashMap<>();
    private final Map<String, Integer> unmatched = new LinkedHashMap<>();
    private final Set<String> ids = new java.util.HashSet<>();

    /** The KAMs of an HR list. */
    static Team fromHrList(ExportFile file, ImportContext context) {
        Team team = new Team();
        Columns columns = Columns.of(file.header(), context.mapping.kamColumns());
        for (String field : columns.missing(REQUIRED)) {
            context.problem(file.path(file.headerLine(), null), Words.text("crm.error.missingColumn", field,
                    String.join(", ", context.mapping.kamColumns().getOrDefault(field, List.of()))));
            return team;
        }
        for (ExportFile.Row row : file.rows()) {
            if (!row.empty()) {
                team.hrRow(file, row, columns, context);
            }
        }
        return team;
    }

    private void hrRow(ExportFile file, ExportFile.Row row, Columns columns, ImportContext context) {
        int before = context.problems.size();
        String name = row.cell(columns.header("name"));
        if (name.isEmpty()) {
            context.problem(file.path(row.line(), columns.header("name")), Words.text("error.field.required"));
        }
        String email = row.cell(columns.header("email")).toLowerCase(Locale.ROOT);
        if (!email.isEmpty() && kamByEmail.containsKey(email)) {
            context.problem(file.path(row.line(), columns.header("email")), Words.text("crm.error.duplicateKam", email));
        }
        String city = row.cell(columns.header("city"));
        String homeRegionId = null;
        if (city.isEmpty()) {
            context.problem(file.path(row.line(), columns.header("city")), Words.text("error.field.required"));
        } else {
            String country = context.country(row.cell(columns.header("country")),
                    file.path(row.line(), columns.header("country")), "kams.country");
            if (country != null) {
                homeRegionId = context.region(city, null, country, file.path(row.line(), columns.header("city")));
            }
        }
        double share = 1;
        String shareText = row.cell(columns.header("employmentShare"));
        if (shareText.isEmpty()) {
            context.defaults.add("kams.employmentShare", "100 %");
        } else {
            try {
                share = Values.share(shareText);
            } catch (IllegalArgumentException e) {
                context.problem(file.path(row.line(), columns.header("employmentShare")), e.getMessage());
            }
        }
        int years = 0;
        String yearsText = row.cell(columns.header("experienceYears"));
        if (yearsText.isEmpty()) {
            context.defaults.add("kams.experienceYears", "0");
        } else {
            try {
                double value = Values.decimal(yearsText);
                if (value < 0 || value > 100) {
                    context.problem(file.path(row.line(), columns.header("experienceYears")), Words.text("crm.error.years"));
                }
                years = (int) Math.floor(value);
            } catch (IllegalArgumentException e) {
                context.problem(file.path(row.line(), columns.header("experienceYears")), e.getMessage());
            }
        }
        List<String> expertise = new ArrayList<>();
        String industries = row.cell(columns.header("industries"));
        for (String industry : industries.split("[,;/|]")) {
            if (!industry.isBlank()) {
                String sector = context.sector(industry.strip(), file.path(row.line(), columns.header("industries")));
                if (sector != null && !expertise.contains(sector)) {
                    expertise.add(sector);
                }
            }
        }
        if (context.problems.size() > before) {
            return;
        }
        String given = row.cell(columns.header("id"));
        String id = uniqueId(given.isEmpty() ? "kam-" + Spelling.key(name).replace(' ', '-') : given);
        int capacity = (int) Math.round(share * context.mapping.fullTimeHours() * 60);
        add(new PlanDocument.Kam(id, name, homeRegionId, years, expertise, capacity, null, true, null, null, null, null)
                .withCrmUser(email.isEmpty() ? null : email, blankToNull(row.cell(columns.header("externalId")))));
    }

    /** Without an HR list: one KAM per account owner, at full time, living where most of their accounts are. */
    static Team fromOwners(List<AccountRows.AccountRow> accounts, ImportContext context) {
        Team team = new Team();
        Map<String, List<AccountRows.AccountRow>> byOwner = new LinkedHashMap<>();
        for (AccountRows.AccountRow account : accounts) {
            if (!account.owner().isEmpty() || !account.ownerEmail().isEmpty()) {
                String key = account.ownerEmail().isEmpty() ? nameKey(account.owner()) : account.ownerEmail();
                byOwner.computeIfAbsent(key, k -> new ArrayList<>()).add(account);
            }
        }
        byOwner.values().forEach(owned -> {
            AccountRows.AccountRow first = owned.get(0);
            String name = first.owner().isEmpty() ? first.ownerEmail() : first.owner();
            Map<String, Integer> regions = new HashMap<>();
            owned.forEach(a -> regions.merge(a.regionId(), 1, Integer::sum));
            String home = regions.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
            context.defaults.add("kams.homeRegionId", Words.text("crm.default.ownerHome"));
            context.defaults.add("kams.capacityMinutes", String.valueOf(context.mapping.fullTimeHours() * 60));
            context.defaults.add("kams.experienceYears", String.valueOf(context.mapping.ownerExperienceYears()));
            String id = team.uniqueId("kam-" + Spelling.key(name).replace(' ', '-'));
            team.add(new PlanDocument.Kam(id, name, home, context.mapping.ownerExperienceYears(), List.of(),
                    context.mapping.fullTimeHours() * 60, null, true, null, null, null, null)
                    .withCrmUser(first.ownerEmail().isEmpty() ? null : first.ownerEmail(), blankToNull(first.ownerId())));
        });
        return team;
    }

    /** The KAM who owns an account today, or null (no owner, or one not on the HR list: counted for the report). */
    String incumbent(AccountRows.AccountRow account) {
        String byEmail = account.ownerEmail().isEmpty() ? null : kamByEmail.get(account.ownerEmail());
        if (byEmail != null) {
            return byEmail;
        }
        if (account.owner().contains("@")) {
            String kam = kamByEmail.get(account.owner().toLowerCase(Locale.ROOT));
            if (kam != null) {
                return kam;
            }
        }
        String byName = account.owner().isEmpty() ? null : kamByName.get(nameKey(account.owner()));
        if (byName == null && (!account.owner().isEmpty() || !account.ownerEmail().isEmpty())) {
            unmatched.merge(account.owner().isEmpty() ? account.ownerEmail() : account.owner(), 1, Integer::sum);
        }
        return byName;
    }

    List<PlanDocument.Kam> kams() {
        return kams;
    }

    List<CrmReport.Owner> ownersNotOnHrList() {
        return unmatched.entrySet().stream().map(e -> new CrmReport.Owner(e.getKey(), e.getValue())).toList();
    }

    private void add(PlanDocument.Kam kam) {
        kams.add(kam);
        if (kam.email() != null) {
            kamByEmail.put(kam.email(), kam.id());
        }
        kamByName.putIfAbsent(nameKey(kam.name()), kam.id());
    }

    private String uniqueId(String base) {
        String id = base;
        for (int n = 2; !ids.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** A person's name as a key: "Schäfer, Jürgen" and "Juergen Schaefer" alike. */
    static String nameKey(String name) {
        String[] lastFirst = name.split(",", 2);
        String ordered = lastFirst.length == 2 ? lastFirst[1] + " " + lastFirst[0] : name;
        String[] words = Spelling.key(ordered).split(" ");
        return String.join(" ", Arrays.stream(words).filter(w -> !w.isEmpty()).toList());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
