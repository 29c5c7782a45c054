package org.kamplanner.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a CRM import did, for the planner to check before trusting the plan: how many rows became accounts,
 * KAMs and regions, which column each field was read from, every default applied (field, value, how often),
 * every row skipped and why, and every account owner who is not on the HR list.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrmReport(
        int rowsRead,
        int accounts,
        int kams,
        int regions,
        int placesGeocoded,
        Map<String, Integer> tiers,
        Map<String, String> accountColumns,
        Revenue revenue,
        Map<String, String> kamColumns,
        List<DefaultApplied> defaults,
        List<SkippedRow> skipped,
        List<Owner> ownersNotOnHrList,
        Calibration calibration,
        Baseline baseline) {

    /**
     * Today's assignment stored as a plan ({@code planId}), scored and not solved, and where the solved plan
     * is compared with it; absent with solve=false, which stores nothing.
     */
    public record Baseline(String planId, String compare) {
    }

    public CrmReport withBaseline(String baselinePlanId, String solvedPlanId) {
        return new CrmReport(rowsRead, accounts, kams, regions, placesGeocoded, tiers, accountColumns, revenue, kamColumns,
                defaults, skipped, ownersNotOnHrList, calibration,
                new Baseline(baselinePlanId, "/plans/compare?ids=" + baselinePlanId + "," + solvedPlanId));
    }

    /**
     * Which revenue the plan ranks and reports: the {@code column} read (null: none, every account 0), whether
     * the mapping named it ({@code fromMapping}), whether it is a header that usually holds the customer's own
     * turnover ({@code customerTurnover}), a {@code label} for the page and, when the default headers fell back
     * to such a column, a {@code warning}; both in the request's language.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Revenue(String column, boolean fromMapping, boolean customerTurnover, String label,
            String warning) {
    }

    /** A field the file did not give, and what the import used instead, for how many rows. */
    public record DefaultApplied(String field, String value, int count) {
    }

    /** A row that is not an account (a report's title or footer, an empty row), at {@code file:line}. */
    public record SkippedRow(String path, String reason) {
    }

    /** An account owner the HR list does not name: their accounts start without an incumbent. */
    public record Owner(String owner, int accounts) {
    }

    /**
     * Tier minutes derived so that today's assignment (each account on its CRM owner) loads the team at
     * {@code targetUtilizationPercent} on average; {@code applied} when the mapping asked for it.
     */
    public record Calibration(int targetUtilizationPercent, Map<String, Integer> tierMinutes,
            double todayUtilizationPercentWithDefaults, boolean applied) {
    }

    /** Counts defaults as rows are read, in the order they first occur. */
    static final class Defaults {

        private final Map<List<String>, Integer> counts = new LinkedHashMap<>();

        void add(String field, String value) {
            counts.merge(List.of(field, value), 1, Integer::sum);
        }

        List<DefaultApplied> list() {
            List<DefaultApplied> list = new ArrayList<>();
            counts.forEach((key, count) -> list.add(new DefaultApplied(key.get(0), key.get(1), count)));
            return list;
        }
    }
}
