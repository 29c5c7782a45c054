package org.kamplanner.bound;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The quality certificate of a plan: lower bounds on the penalties any plan of the same problem can
 * reach, and how far this plan is from them. Penalties are positive numbers (the score's levels negated).
 *
 * <ul>
 * <li>{@code mediumPenalty}: no plan with hard score 0 has a smaller medium penalty.</li>
 * <li>{@code softPenalty}: no plan with hard score 0 and a medium penalty at most this plan's has a
 * smaller soft penalty.</li>
 * <li>{@code softGapPercent}: (this plan's soft penalty - softPenalty) / softPenalty * 100, rounded up
 * to two decimals so it never claims more than is proven; only for a plan with hard score 0 and a
 * positive soft bound.</li>
 * </ul>
 *
 * A PROVEN bound has both levels, but for a plan that breaks a hard constraint with a medium penalty
 * no plan with hard 0 can reach: there is no soft bound to give, and {@code reason} says so. A PROVEN
 * bound that stopped before its LP converged is valid but weaker, and {@code reason} says that too.
 * See docs/bound.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanBound(Status status, Long mediumPenalty, Long softPenalty, Double softGapPercent, String method,
        Double seconds, String reason) {

    public enum Status { COMPUTING, PROVEN, UNAVAILABLE }

    /** While the bound of a plan is being computed. */
    public static PlanBound computing() {
        return new PlanBound(Status.COMPUTING, null, null, null, null, null, null);
    }

    public static PlanBound unavailable(String reason, double seconds) {
        return new PlanBound(Status.UNAVAILABLE, null, null, null, null, roundSeconds(seconds), reason);
    }

    /**
     * A proven bound.
     *
     * @param softPenalty null when no plan with hard 0 reaches this plan's medium penalty; {@code reason} says so
     * @param planSoftPenalty this plan's soft penalty, for the gap; null when the plan has no hard score 0
     */
    public static PlanBound proven(long mediumPenalty, Long softPenalty, Long planSoftPenalty, String method,
            double seconds, String reason) {
        return new PlanBound(Status.PROVEN, mediumPenalty, softPenalty, gapPercent(planSoftPenalty, softPenalty),
                method, roundSeconds(seconds), reason);
    }

    /** (plan - bound) / bound * 100 rounded up to two decimals, or null when the bound is not positive. */
    public static Double gapPercent(Long planSoftPenalty, Long softBound) {
        if (planSoftPenalty == null || softBound == null || softBound <= 0) {
            return null;
        }
        BigDecimal gap = BigDecimal.valueOf(planSoftPenalty - softBound).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(softBound), 2, RoundingMode.CEILING);
        return gap.doubleValue();
    }

    private static Double roundSeconds(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}
