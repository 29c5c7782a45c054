package org.kamplanner.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.kamplanner.words.Words.hours;
import static org.kamplanner.words.Words.locale;
import static org.kamplanner.words.Words.number;
import static org.kamplanner.words.Words.text;

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

    /** A full-time KAM's monthly hours for accounts (docs/model.md's default capacity, 7200 minutes). */
    public static final double FULL_TIME_MINUTES = 7200;

    /**
     * The summary in one sentence a sales director reads: "All 60 accounts covered; workloads 49–99 % of
     * capacity; 12 accounts change KAM", or for an over-full plan "52 of 60 accounts covered, 8 without a
     * KAM (A 2, B 3, C 3); 56.0 h of capacity missing (0.5 full-time KAMs); …".
     */
    public static String headline(int accounts, int assigned, Map<String, Integer> unassignedByTier,
            long missingMinutes, double utilizationMin, double utilizationMax, int moved) {
        List<String> parts = new ArrayList<>();
        if (assigned == accounts) {
            parts.add(text("headline.allCovered", number(accounts)));
        } else {
            List<String> tiers = new ArrayList<>();
            unassignedByTier.forEach((tier, n) -> {
                if (n > 0) {
                    tiers.add(tier + " " + number(n));
                }
            });
            parts.add(text("headline.covered", number(assigned), number(accounts), number(accounts - assigned),
                    String.join(", ", tiers)));
        }
        if (missingMinutes > 0) {
            parts.add(text("headline.missing", hours(missingMinutes),
                    String.format(locale(), "%.1f", missingMinutes / FULL_TIME_MINUTES)));
        }
        parts.add(text("headline.workloads", String.format(locale(), "%.0f", 100 * utilizationMin),
                String.format(locale(), "%.0f", 100 * utilizationMax)));
        if (moved > 0) {
            parts.add(text(moved == 1 ? "headline.movedOne" : "headline.moved", number(moved)));
        }
        return String.join("; ", parts);
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
        String verdict = effects.isEmpty() ? text("change.none", change)
                : text("change.some", change, effects(effects));
        return verdict + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    /** The non-zero differences, the costliest first. */
    public static List<Map.Entry<KamConstraint, HardMediumSoftLongScore>> nonZero(
            Map<KamConstraint, HardMediumSoftLongScore> diffs) {
        return new EnumMap<>(diffs).entrySet().stream()
                .filter(e -> !e.getValue().isZero())
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .toList();
    }

    /**
     * "cost 2 hard", then "3,200 soft" while the verb stays the same: "cost 2 hard and 3,200 soft"
     * ("2 hard und 3.200 soft kosten": where the verb goes is the language's pattern).
     */
    private static void levelEffect(List<String> effects, long cost, String level) {
        if (cost == 0) {
            return;
        }
        String key = cost > 0 ? "change.cost" : "change.save";
        String amount = number(Math.abs(cost)) + " " + level;
        int last = effects.size() - 1;
        if (last >= 0 && effects.get(last).startsWith(key + "|")) {
            effects.set(last, effects.get(last) + text("change.and") + amount);
        } else {
            effects.add(key + "|" + amount);
        }
    }

    /** The effects as levelEffect collected them, each run of amounts worded with its verb. */
    private static String effects(List<String> effects) {
        List<String> worded = new ArrayList<>();
        for (String effect : effects) {
            int bar = effect.indexOf('|');
            worded.add(text(effect.substring(0, bar), effect.substring(bar + 1)));
        }
        return String.join(text("change.and"), worded);
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
        return text("constraint.short." + constraint.name());
    }
}
