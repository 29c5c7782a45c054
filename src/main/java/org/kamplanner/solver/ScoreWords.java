package org.kamplanner.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The one way the service words minutes and score changes for a planner, so that a recommendation, an
 * account explanation, a rebalance's move reason and a constraint's sentence read alike:
 * "Moving Solarwerk GmbH from Anna Schmidt to Jonas Weber would cost 1,240 soft: +860 travel,
 * +600 continuity, −220 balance", and hours as "120.3 h".
 */
public final class ScoreWords {

    private ScoreWords() {
    }

    /** Minutes as hours with one decimal: "6.5 h". */
    public static String hours(long minutes) {
        return String.format(Locale.ROOT, "%.1f h", minutes / 60.0);
    }

    /** A whole number with thousands separators: "3,200". */
    public static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * "{change} would cost 2 hard and 3,200 soft: +1 hard experience, +3,200 travel". {@code total} and
     * {@code diffs} are score differences (negative: the change makes the score worse); each part is a
     * cost at its constraint's level ("+" worse, "−" better), so the parts add up to the total per level.
     */
    public static String change(String change, HardMediumSoftLongScore total,
            Map<KamConstraint, HardMediumSoftLongScore> diffs) {
        List<String> effects = new ArrayList<>();
        levelEffect(effects, -total.hardScore(), "hard");
        levelEffect(effects, -total.mediumScore(), "medium");
        levelEffect(effects, -total.softScore(), "soft");
        List<String> parts = nonZero(diffs).stream().map(e -> part(e.getKey(), e.getValue())).toList();
        String verdict = effects.isEmpty() ? " would not change the score" : " would " + String.join(" and ", effects);
        return change + verdict + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    /** The non-zero differences, the costliest first. */
    public static List<Map.Entry<KamConstraint, HardMediumSoftLongScore>> nonZero(
            Map<KamConstraint, HardMediumSoftLongScore> diffs) {
        return new EnumMap<>(diffs).entrySet().stream()
                .filter(e -> !e.getValue().isZero())
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .toList();
    }

    /** "cost 2 hard", then "3,200 soft" while the verb stays the same: "cost 2 hard and 3,200 soft". */
    private static void levelEffect(List<String> effects, long cost, String level) {
        if (cost != 0) {
            String verb = cost > 0 ? "cost " : "save ";
            String previousVerb = null;
            for (String effect : effects) {
                previousVerb = effect.startsWith("cost ") || effect.startsWith("save ") ? effect.substring(0, 5)
                        : previousVerb;
            }
            effects.add((verb.equals(previousVerb) ? "" : verb) + number(Math.abs(cost)) + " " + level);
        }
    }

    private static String part(KamConstraint constraint, HardMediumSoftLongScore diff) {
        long cost = -switch (constraint.level()) {
            case HARD -> diff.hardScore();
            case MEDIUM -> diff.mediumScore();
            case SOFT -> diff.softScore();
        };
        String level = constraint.level() == KamConstraint.Level.SOFT ? "" : constraint.level().label() + " ";
        return (cost >= 0 ? "+" : "\u2212") + number(Math.abs(cost)) + " " + level + shortName(constraint);
    }

    /** The constraint as a planner says it in a sentence. */
    static String shortName(KamConstraint constraint) {
        return switch (constraint) {
            case KAM_CAPACITY -> "capacity";
            case SECTOR_CAP -> "sector cap";
            case MAX_ACCOUNTS_PER_KAM -> "account maximum";
            case A_ACCOUNT_NEEDS_EXPERIENCED_KAM -> "experience";
            case REQUIRED_SECTOR_EXPERTISE -> "required expertise";
            case FORBIDDEN_PAIR -> "forbidden pair";
            case UNASSIGNED_ACCOUNT -> "unassigned";
            case BALANCED_WORKLOAD -> "balance";
            case TRAVEL_TIME -> "travel";
            case ACCOUNT_CONTINUITY -> "continuity";
            case PREFERRED_SECTOR_EXPERTISE -> "expertise";
            case ACCOUNT_AFFINITY -> "affinity";
        };
    }
}
