package org.kamplanner.crm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kamplanner.words.Words;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.web.JsonReadProblem;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A plan document from a CRM's account export and, optionally, the HR list of the KAMs (README, "From the
 * CRM"): columns found by their usual headers ({@link CrmMapping}), places geocoded offline ({@link Gazetteer}),
 * tiers from an ABC analysis of revenue when the export has none, industries as sectors, employment shares as
 * capacity, owners as incumbents. Every problem of both files is collected and reported together at its
 * {@code file:line:column}; nothing is stored when there is one.
 */
@Component
public class CrmImport {

    private static final Pattern ITEM = Pattern.compile("^(accounts|kams)\\[(\\d+)](?:\\.(\\w+))?.*$");

    /** The document built and what the import did. */
    public record Result(PlanDocument document, CrmReport report) {

        /**
         * Today as a plan: the same document with every account assigned to its owner in the CRM (none when
         * the owner is not on the HR list), for PlanService.store to score without solving.
         */
        public PlanDocument baseline() {
            PlanDocument d = document;
            return new PlanDocument(null, Words.text("crm.baseline.name", d.name()), null, null, null, null, null, null,
                    d.settings(), d.sectors(), d.regions(), d.travelOverrides(), d.forbiddenPairs(), d.affinities(),
                    d.kams(), d.accounts().stream().map(a -> a.withAssignedKamId(a.currentKamId())).toList());
        }

        /** The note the baseline plan carries first in its warnings. */
        public static List<String> baselineNotes() {
            return List.of(Words.text("crm.baseline.note"));
        }

        public Result withBaseline(String baselinePlanId, String solvedPlanId) {
            return new Result(document, report.withBaseline(baselinePlanId, solvedPlanId));
        }
    }

    private final Gazetteer gazetteer;
    private final PlanValidator validator;
    private final ObjectMapper json;
    private final CrmMapping defaults;

    CrmImport(Gazetteer gazetteer, PlanValidator validator, ObjectMapper json) {
        this.gazetteer = gazetteer;
        this.validator = validator;
        this.json = json;
        this.defaults = CrmMapping.defaults(json);
    }

    /** The default mapping, with every header synonym, industry and sector cap ({@code GET /import/crm/mapping}). */
    public CrmMapping defaultMapping() {
        return defaults;
    }

    /** @throws InvalidPlanException with every problem of the files and the mapping */
    public Result read(MultipartFile accounts, MultipartFile kams, String mappingJson, String name,
            Long terminationSeconds) {
        CrmMapping given = given(mappingJson);
        CrmMapping mapping = merged(given);
        ImportContext context = new ImportContext(mapping, gazetteer);
        if (accounts == null || accounts.isEmpty()) {
            throw InvalidPlanException.of("accounts", Words.text("error.field.required"));
        }
        ExportFile accountFile = ExportFile.read(accounts, "accounts",
                cells -> Columns.isHeader(cells, mapping.accountColumns()), context.problems).orElse(null);
        List<AccountRows.AccountRow> rows = accountFile == null ? List.of() : AccountRows.read(accountFile, context);
        Team team;
        Columns kamColumns = null;
        if (kams != null && !kams.isEmpty()) {
            ExportFile kamFile = ExportFile.read(kams, "kams", cells -> Columns.isHeader(cells, mapping.kamColumns()),
                    context.problems).orElse(null);
            team = kamFile == null ? new Team() : Team.fromHrList(kamFile, context);
            kamColumns = kamFile == null ? null : Columns.of(kamFile.header(), mapping.kamColumns());
        } else {
            team = Team.fromOwners(rows, context);
        }
        if (!context.problems.isEmpty()) {
            throw new InvalidPlanException(context.problems);
        }

        Map<String, String> abc = AbcTiers.of(rows, mapping.tiers());
        Map<String, Integer> tierCounts = new LinkedHashMap<>(Map.of("A", 0, "B", 0, "C", 0));
        List<PlanDocument.Account> documentAccounts = new ArrayList<>();
        for (AccountRows.AccountRow row : rows) {
            String tier = row.tier();
            if (tier == null) {
                tier = abc.get(row.id());
                context.defaults.add("tier", Words.text("crm.default.abc", tier));
            }
            tierCounts.merge(tier, 1, Integer::sum);
            documentAccounts.add(new PlanDocument.Account(row.id(), row.name(), row.sectorId(), row.regionId(), tier,
                    row.revenue(), row.complexity(), row.phase(), null, null, null, team.incumbent(row), null, null,
                    null));
        }
        PlanDocument.Settings settings = mapping.settings();
        if (terminationSeconds != null) {
            settings = (settings == null ? PlanDocument.Settings.DEFAULTS : settings)
                    .withTerminationSeconds(terminationSeconds);
        }
        String planName = name != null && !name.isBlank() ? name : "CRM import " + accountFile.file();
        PlanDocument document = new PlanDocument(null, planName, null, null, null, null, null, null, settings,
                mapping.sectors(), context.places.regions(), null, null, null, team.kams(), documentAccounts);
        try {
            validator.validate(document);
        } catch (InvalidPlanException invalid) {
            throw new InvalidPlanException(invalid.problems().stream().map(p -> inFiles(p, accountFile, rows)).toList());
        }
        Calibration.Calibrated calibrated = Calibration.of(document, mapping.calibration());
        document = calibrated.document();
        Map<String, String> accountColumns = Columns.of(accountFile.header(), mapping.accountColumns()).byField();
        boolean revenueNamed = given != null && given.accountColumns() != null
                && given.accountColumns().containsKey("revenue");
        CrmReport report = new CrmReport(accountFile.rows().size(), documentAccounts.size(), team.kams().size(),
                document.regions().size(), context.places.lookups(), tierCounts, accountColumns,
                revenue(accountColumns.get("revenue"), revenueNamed, mapping), kamColumns == null ? null : kamColumns.byField(), context.defaults.list(), context.skipped,
                team.ownersNotOnHrList(), calibrated.report(), null);
        return new Result(document, report);
    }

    /** The request's mapping as given, or null. */
    private CrmMapping given(String mappingJson) {
        if (mappingJson == null || mappingJson.isBlank()) {
            return null;
        }
        try {
            return json.readValue(mappingJson, CrmMapping.class);
        } catch (IOException e) {
            FieldProblem problem = JsonReadProblem.of(e);
            throw InvalidPlanException.of(problem.path().replaceFirst("^\\$", "mapping"), problem.message());
        }
    }

    private CrmMapping merged(CrmMapping given) {
        if (given == null) {
            return defaults;
        }
        CrmMapping merged = defaults.with(given);
        List<FieldProblem> problems = merged.problems(gazetteer);
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        return merged;
    }

    /**
     * Which revenue was read: a column the mapping named is the planner's choice; one the default headers found
     * among the {@link CrmMapping#turnoverColumns} is most likely the customer's own turnover, and says so.
     */
    private static CrmReport.Revenue revenue(String column, boolean named, CrmMapping mapping) {
        if (column == null) {
            return new CrmReport.Revenue(null, named, false, Words.text("crm.revenue.none"),
                    Words.text("crm.revenue.noneWarning"));
        }
        boolean turnover = !named && mapping.isTurnover(column);
        return new CrmReport.Revenue(column, named, turnover,
                Words.text(turnover ? "crm.revenue.turnover" : "crm.revenue.withUs", column),
                turnover ? Words.text("crm.revenue.turnoverWarning", column) : null);
    }

    /** A validator problem of the built document at the account export's line it came from, or in the mapping. */
    private static FieldProblem inFiles(FieldProblem problem, ExportFile accountFile, List<AccountRows.AccountRow> rows) {
        Matcher item = ITEM.matcher(problem.path());
        if (item.matches() && item.group(1).equals("accounts")) {
            int index = Integer.parseInt(item.group(2));
            return new FieldProblem(accountFile.path(rows.get(index).line(), item.group(3)), problem.message());
        }
        // The plan's settings and sectors are the mapping's: the planner finds the number where they typed it.
        if (problem.path().startsWith("settings") || problem.path().startsWith("sectors[")) {
            return new FieldProblem("mapping." + problem.path(), problem.message());
        }
        return problem;
    }
}
