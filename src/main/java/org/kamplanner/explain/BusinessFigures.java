package org.kamplanner.explain;

import static org.kamplanner.words.Words.hours;
import static org.kamplanner.words.Words.locale;
import static org.kamplanner.words.Words.number;
import static org.kamplanner.words.Words.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.Tier;

/**
 * One plan in the terms a sales director compares plans by, beside the raw score (a hard score of
 * "−63,267" says less than "14 KAMs over capacity by 1,054 h"): KAMs over capacity and by how much, the
 * range of utilization, A-accounts on KAMs below the experience the model asks for, travel, and the
 * accounts handed over from their owner today, by tier. Read from a plan's output document, so a stored
 * baseline and a solved plan are measured alike.
 */
public record BusinessFigures(int kamsOverCapacity, long minutesOverCapacity, long utilizationMinPercent,
        long utilizationMaxPercent, int aAccountsWithJuniors, long travelMinutes, Map<String, Integer> handOversByTier,
        List<String> sentences) {

    /** docs/model.md's default capacity, as PlanFactory fills it in. */
    private static final int DEFAULT_CAPACITY_MINUTES = 7200;

    public static BusinessFigures of(PlanDocument plan) {
        int overCapacity = 0;
        long minutesOver = 0;
        Map<String, Integer> experience = new HashMap<>();
        for (PlanDocument.Kam kam : plan.kams()) {
            experience.put(kam.id(), Objects.requireNonNullElse(kam.experienceYears(), 0));
            long load = Objects.requireNonNullElse(kam.loadMinutes(), 0L);
            int capacity = Objects.requireNonNullElse(kam.capacityMinutes(), DEFAULT_CAPACITY_MINUTES);
            if (!Boolean.FALSE.equals(kam.active()) && load > capacity) {
                overCapacity++;
                minutesOver += load - capacity;
            }
        }
        int minYears = PlanFactory.resolveSettings(plan.settings(), plan.accounts().size()).aTierMinExperienceYears();
        int juniors = 0;
        Map<String, Integer> handOvers = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            handOvers.put(tier.name(), 0);
        }
        for (PlanDocument.Account account : plan.accounts()) {
            String kam = account.assignedKamId();
            if ("A".equals(account.tier()) && kam != null && experience.getOrDefault(kam, 0) < minYears) {
                juniors++;
            }
            if (account.currentKamId() != null && !account.currentKamId().equals(kam)) {
                handOvers.merge(account.tier(), 1, Integer::sum);
            }
        }
        PlanDocument.Summary summary = plan.summary();
        long min = summary == null ? 0 : Math.round(100 * summary.utilizationMin());
        long max = summary == null ? 0 : Math.round(100 * summary.utilizationMax());
        long travel = summary == null ? 0 : summary.totalTravelMinutes();
        return new BusinessFigures(overCapacity, minutesOver, min, max, juniors, travel, handOvers,
                sentences(overCapacity, minutesOver, min, max, juniors, minYears, travel, handOvers));
    }

    private static List<String> sentences(int overCapacity, long minutesOver, long min, long max, int juniors,
            int minYears, long travel, Map<String, Integer> handOvers) {
        List<String> sentences = new ArrayList<>();
        sentences.add(overCapacity == 0 ? text("compare.business.noneOverCapacity")
                : text("compare.business.overCapacity", number(overCapacity), hours(minutesOver)));
        sentences.add(text("compare.business.utilization", String.format(locale(), "%d", min),
                String.format(locale(), "%d", max)));
        sentences.add(juniors == 0 ? text("compare.business.noJuniors", number(minYears))
                : text("compare.business.juniors", number(juniors), number(minYears)));
        sentences.add(text("compare.business.travel", hours(travel)));
        int total = handOvers.values().stream().mapToInt(Integer::intValue).sum();
        sentences.add(total == 0 ? text("compare.business.noHandOvers")
                : text("compare.business.handOvers", number(total), number(handOvers.get("A")),
                        number(handOvers.get("B")), number(handOvers.get("C"))));
        return sentences;
    }
}
