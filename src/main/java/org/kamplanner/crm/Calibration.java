package org.kamplanner.crm;

import java.util.LinkedHashMap;
import java.util.Map;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.Tier;

/**
 * Tier minutes that fit the team a CRM export describes (docs/model.md, "Calibrating from today"). The
 * model's defaults (an A-account 2,400 minutes a month) describe one kind of portfolio; a team that
 * looks after 700 accounts with 45 people spends far less per account, and with the defaults the solver
 * would leave most accounts without a KAM. So the minutes of all three tiers are scaled by one factor,
 * keeping their proportions, until today's assignment (every account on its CRM owner) loads the team at
 * the target utilization: Σ base(a) × f + Σ travel(a, today's owner) = target × Σ capacity. Accounts
 * without an owner today count with their base only (their travel depends on whom they get).
 */
final class Calibration {

    /** The plan document's bound on tier minutes: a handful of accounts for a large team cannot scale past it. */
    private static final long MAX_MINUTES = 100_000;

    private Calibration() {
    }

    /**
     * @return the document with calibrated tier minutes, and the report's line; the document unchanged when
     * the mapping switches calibration off, its settings give tier minutes, or travel alone fills the target
     */
    static Calibrated of(PlanDocument document, CrmMapping.Calibrate calibrate) {
        AssignmentPlan plan = PlanFactory.build(document).plan();
        Map<Tier, Integer> defaults = plan.getSettings().tierMinutes();
        long base = 0;
        long travel = 0;
        long capacity = 0;
        for (Kam kam : plan.getActiveKams()) {
            capacity += kam.getCapacityMinutes();
        }
        for (Account account : plan.getAccounts()) {
            Kam any = plan.getActiveKams().get(0);
            base += account.workloadMinutesWith(any) - account.getTravelMinutesFrom(any.getHomeRegion());
            Kam today = account.getCurrentKam();
            if (today != null && today.isActive()) {
                travel += account.getTravelMinutesFrom(today.getHomeRegion());
            }
        }
        double todayPercent = capacity == 0 ? 0 : 100.0 * (base + travel) / capacity;
        int target = calibrate.targetUtilizationPercent();
        boolean given = document.settings() != null && document.settings().tierMinutes() != null
                && !document.settings().tierMinutes().isEmpty();
        double factor = base == 0 ? 0 : (target / 100.0 * capacity - travel) / base;
        Map<String, Integer> minutes = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            minutes.put(tier.name(), factor <= 0 ? defaults.get(tier)
                    : (int) Math.min(MAX_MINUTES, Math.max(1, Math.round(defaults.get(tier) * factor))));
        }
        boolean applied = Boolean.TRUE.equals(calibrate.apply()) && !given && factor > 0;
        CrmReport.Calibration line = new CrmReport.Calibration(target, minutes,
                Math.round(todayPercent * 10) / 10.0, applied);
        if (!applied) {
            return new Calibrated(document, line);
        }
        return new Calibrated(withTierMinutes(document, minutes), line);
    }

    /** The document and what calibration did. */
    record Calibrated(PlanDocument document, CrmReport.Calibration report) {
    }

    private static PlanDocument withTierMinutes(PlanDocument d, Map<String, Integer> minutes) {
        PlanDocument.Settings s = d.settings() == null ? PlanDocument.Settings.DEFAULTS : d.settings();
        return d.withSettings(new PlanDocument.Settings(s.aTierMinExperienceYears(), s.intraRegionTravelMinutes(),
                s.roadFactor(), s.speedKmh(), minutes, s.complexityPercent(), s.phasePercent(), s.visitsPerYear(),
                s.unassignedPenalty(), s.movePenalty(), s.constraintWeights(), s.terminationSeconds(),
                s.unimprovedSeconds(), s.mode(), s.seed(), s.workBudget(), s.maxMovedAccounts(),
                s.keepWithIncumbent()));
    }
}
