package org.kamplanner.solver;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The constraints of docs/model.md with their stable names (used in weight overrides and in
 * explanations) and levels. A weight override is a non-negative integer at the constraint's level.
 */
public enum KamConstraint {

    KAM_CAPACITY("KAM capacity", Level.HARD),
    SECTOR_CAP("Sector cap", Level.HARD),
    MAX_ACCOUNTS_PER_KAM("Max accounts per KAM", Level.HARD),
    A_ACCOUNT_NEEDS_EXPERIENCED_KAM("A-account needs experienced KAM", Level.HARD),
    REQUIRED_SECTOR_EXPERTISE("Required sector expertise", Level.HARD),
    FORBIDDEN_PAIR("Forbidden pair", Level.HARD),
    UNASSIGNED_ACCOUNT("Unassigned account", Level.MEDIUM),
    BALANCED_WORKLOAD("Balanced workload", Level.SOFT),
    TRAVEL_TIME("Travel time", Level.SOFT),
    ACCOUNT_CONTINUITY("Account continuity", Level.SOFT),
    PREFERRED_SECTOR_EXPERTISE("Preferred sector expertise", Level.SOFT),
    ACCOUNT_AFFINITY("Account affinity", Level.SOFT),
    MAX_HAND_OVERS("Max hand-overs", Level.HARD),
    /** Off (weight 0) unless a plan gives it a weight: docs/model.md's only constraint so. */
    BALANCED_REVENUE("Balanced revenue", Level.SOFT, 0);

    public enum Level {
        HARD, MEDIUM, SOFT;

        public HardMediumSoftLongScore score(long amount) {
            return switch (this) {
                case HARD -> HardMediumSoftLongScore.ofHard(amount);
                case MEDIUM -> HardMediumSoftLongScore.ofMedium(amount);
                case SOFT -> HardMediumSoftLongScore.ofSoft(amount);
            };
        }

        public String label() {
            return name().toLowerCase();
        }
    }

    private static final Map<String, KamConstraint> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(KamConstraint::constraintName, Function.identity()));

    private final String constraintName;
    private final Level level;

    private final long defaultWeight;

    KamConstraint(String constraintName, Level level) {
        this(constraintName, level, 1);
    }

    KamConstraint(String constraintName, Level level, long defaultWeight) {
        this.constraintName = constraintName;
        this.level = level;
        this.defaultWeight = defaultWeight;
    }

    /** The weight without an override: 1, but 0 (off) for Balanced revenue. */
    public long defaultWeight() {
        return defaultWeight;
    }

    public String constraintName() {
        return constraintName;
    }

    public Level level() {
        return level;
    }

    /** The score of weight 1 at this constraint's level: the default weight. */
    public HardMediumSoftLongScore unitWeight() {
        return level.score(1);
    }

    public static Optional<KamConstraint> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
