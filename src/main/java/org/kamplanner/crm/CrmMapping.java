package org.kamplanner.crm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kamplanner.words.Words;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.PlanDocument;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the columns of a CRM export and an HR list mean and how the import fills what they lack: for each
 * field the headers it is found by (English and German report headers of Salesforce, HubSpot and Dynamics),
 * industry → sector, the sectors with their caps (docs/model.md's typical portfolio sizes), how tiers are
 * derived when the export has none, a full-time KAM's hours. The defaults are
 * {@code src/main/resources/crm/default-mapping.json} ({@code GET /import/crm/mapping}); a request's mapping
 * changes only what it names: a column's list of headers, an industry, a sector by id, a number.
 *
 * @param turnoverColumns headers that in most CRMs hold the customer's own turnover (Salesforce's "Annual
 *        Revenue"), not the business done with it: revenue found under one of them by the default headers is
 *        reported with a warning; a request that names {@code accountColumns.revenue} has chosen its column
 * @param settings plan settings for the imported plan (tier minutes, weights …), as in a plan document
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrmMapping(
        Map<String, List<String>> accountColumns,
        List<String> turnoverColumns,
        Map<String, List<String>> kamColumns,
        Map<String, String> industries,
        List<PlanDocument.Sector> sectors,
        String defaultSector,
        Tiers tiers,
        Integer fullTimeHours,
        String defaultCountry,
        Integer ownerExperienceYears,
        Calibrate calibration,
        PlanDocument.Settings settings) {

    /**
     * Calibrating from today ({@link Calibration}): tier minutes scaled so that today's CRM assignment loads
     * the team at {@code targetUtilizationPercent}; {@code apply} false keeps the model's tier minutes (the
     * report still shows what calibration would give), and tier minutes in {@code settings} win over it.
     */
    public record Calibrate(Integer targetUtilizationPercent, Boolean apply) {
    }

    /**
     * The ABC analysis when the export has no tier: by {@code ACCOUNTS}, the {@code a} % of accounts with the
     * highest revenue are A and the next {@code b} % B; by {@code REVENUE}, the largest accounts that together
     * make {@code a} % of all revenue are A and those up to {@code a + b} % B. The rest are C.
     */
    public record Tiers(String by, Integer a, Integer b) {
    }

    static final Set<String> ACCOUNT_FIELDS = Set.of("id", "name", "postalCode", "city", "country", "industry",
            "revenue", "owner", "ownerEmail", "ownerId", "tier", "complexity", "phase");
    static final Set<String> KAM_FIELDS = Set.of("id", "name", "email", "externalId", "city", "country",
            "employmentShare", "experienceYears", "industries");
    private static final int MAX_FULL_TIME_HOURS = 744; // a month of 31 days

    static CrmMapping defaults(ObjectMapper json) {
        try (InputStream in = CrmMapping.class.getClassLoader().getResourceAsStream("crm/default-mapping.json")) {
            return json.readValue(in, CrmMapping.class);
        } catch (IOException e) {
            throw new UncheckedIOException("reading crm/default-mapping.json", e);
        }
    }

    /** These defaults with what {@code given} names put over them. */
    CrmMapping with(CrmMapping given) {
        if (given == null) {
            return this;
        }
        Map<String, String> industryMap = new LinkedHashMap<>(industries);
        if (given.industries() != null) {
            industryMap.putAll(given.industries());
        }
        Map<String, PlanDocument.Sector> sectorMap = new LinkedHashMap<>();
        sectors.forEach(s -> sectorMap.put(s.id(), s));
        if (given.sectors() != null) {
            given.sectors().forEach(s -> sectorMap.put(s.id(), s));
        }
        Tiers t = given.tiers() == null ? tiers : new Tiers(or(given.tiers().by(), tiers.by()),
                or(given.tiers().a(), tiers.a()), or(given.tiers().b(), tiers.b()));
        return new CrmMapping(columns(accountColumns, given.accountColumns()),
                or(given.turnoverColumns(), turnoverColumns), columns(kamColumns, given.kamColumns()),
                industryMap, new ArrayList<>(sectorMap.values()), or(given.defaultSector(), defaultSector), t,
                or(given.fullTimeHours(), fullTimeHours), or(given.defaultCountry(), defaultCountry),
                or(given.ownerExperienceYears(), ownerExperienceYears), calibrate(given.calibration()),
                or(given.settings(), settings));
    }

    /** True when {@code header} is one of the {@link #turnoverColumns}, compared as headers are. */
    boolean isTurnover(String header) {
        return turnoverColumns != null
                && turnoverColumns.stream().anyMatch(t -> Spelling.key(t).equals(Spelling.key(header)));
    }

    private Calibrate calibrate(Calibrate given) {
        return given == null ? calibration : new Calibrate(
                or(given.targetUtilizationPercent(), calibration.targetUtilizationPercent()),
                or(given.apply(), calibration.apply()));
    }

    /** Every problem of a merged mapping, at {@code mapping.…}. */
    List<FieldProblem> problems(Gazetteer gazetteer) {
        List<FieldProblem> problems = new ArrayList<>();
        unknownFields("mapping.accountColumns", accountColumns, ACCOUNT_FIELDS, problems);
        unknownFields("mapping.kamColumns", kamColumns, KAM_FIELDS, problems);
        Set<String> sectorIds = new java.util.HashSet<>();
        for (int i = 0; i < sectors.size(); i++) {
            PlanDocument.Sector s = sectors.get(i);
            if (s.id() == null || s.id().isBlank()) {
                problems.add(new FieldProblem("mapping.sectors[" + i + "].id", Words.text("error.field.required")));
            } else {
                sectorIds.add(s.id());
            }
            if (s.maxAccountsPerKam() == null || s.maxAccountsPerKam() < 1) {
                problems.add(new FieldProblem("mapping.sectors[" + i + "].maxAccountsPerKam",
                        Words.text("crm.error.atLeastOne")));
            }
        }
        industries.forEach((industry, sector) -> {
            if (!sectorIds.contains(sector)) {
                problems.add(new FieldProblem("mapping.industries." + industry,
                        Words.text("crm.error.unknownSector", sector, String.join(", ", sectorIds))));
            }
        });
        if (defaultSector != null && !sectorIds.contains(defaultSector)) {
            problems.add(new FieldProblem("mapping.defaultSector",
                    Words.text("crm.error.unknownSector", defaultSector, String.join(", ", sectorIds))));
        }
        if (!Set.of("ACCOUNTS", "REVENUE").contains(tiers.by())) {
            problems.add(new FieldProblem("mapping.tiers.by", Words.text("crm.error.tiersBy", tiers.by())));
        }
        if (tiers.a() == null || tiers.b() == null || tiers.a() < 0 || tiers.b() < 0 || tiers.a() + tiers.b() > 100) {
            problems.add(new FieldProblem("mapping.tiers", Words.text("crm.error.tierShares")));
        }
        if (fullTimeHours == null || fullTimeHours < 1 || fullTimeHours > MAX_FULL_TIME_HOURS) {
            problems.add(new FieldProblem("mapping.fullTimeHours",
                    Words.text("crm.error.fullTimeHours", MAX_FULL_TIME_HOURS)));
        }
        if (ownerExperienceYears == null || ownerExperienceYears < 0 || ownerExperienceYears > 100) {
            problems.add(new FieldProblem("mapping.ownerExperienceYears", Words.text("crm.error.years")));
        }
        if (calibration == null || calibration.targetUtilizationPercent() == null
                || calibration.targetUtilizationPercent() < 1 || calibration.targetUtilizationPercent() > 100) {
            problems.add(new FieldProblem("mapping.calibration.targetUtilizationPercent",
                    Words.text("crm.error.targetUtilization")));
        }
        if (defaultCountry != null && gazetteer.country(defaultCountry) == null) {
            problems.add(new FieldProblem("mapping.defaultCountry",
                    Words.text("crm.error.unknownCountry", defaultCountry)));
        }
        return problems;
    }

    private static void unknownFields(String path, Map<String, List<String>> columns, Set<String> known,
            List<FieldProblem> problems) {
        for (String field : columns.keySet()) {
            if (!known.contains(field)) {
                problems.add(new FieldProblem(path + "." + field,
                        Words.text("crm.error.unknownField", String.join(", ", new java.util.TreeSet<>(known)))));
            }
        }
    }

    private static Map<String, List<String>> columns(Map<String, List<String>> defaults,
            Map<String, List<String>> given) {
        Map<String, List<String>> merged = new LinkedHashMap<>(defaults);
        if (given != null) {
            merged.putAll(given);
        }
        return merged;
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
