package org.kamplanner.bench;

import java.util.Arrays;
import java.util.function.Predicate;

import org.kamplanner.solver.KamConstraint;
import org.kamplanner.solver.KamConstraintProvider;

import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;

/**
 * The service's constraints with some left out, for benchmarks/scoreSpeedConfig.xml: the move
 * evaluation speed with and without a constraint is that constraint's cost. In this package because
 * the provider's constraint methods are package-private; it lives only in the benchmark build.
 */
public abstract class ConstraintCostProbe extends KamConstraintProvider {

    private final Predicate<String> leaveOut;

    ConstraintCostProbe(KamConstraint... leftOut) {
        this.leaveOut = name -> Arrays.stream(leftOut).anyMatch(c -> c.constraintName().equals(name));
    }

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return Arrays.stream(super.defineConstraints(factory))
                .filter(c -> !leaveOut.test(c.getConstraintRef().constraintName()))
                .toArray(Constraint[]::new);
    }

    public static class WithoutSectorCap extends ConstraintCostProbe {
        public WithoutSectorCap() { super(KamConstraint.SECTOR_CAP); }
    }

    public static class WithoutKamLoad extends ConstraintCostProbe {
        public WithoutKamLoad() { super(KamConstraint.KAM_CAPACITY, KamConstraint.BALANCED_WORKLOAD); }
    }

    public static class WithoutMaxAccounts extends ConstraintCostProbe {
        public WithoutMaxAccounts() { super(KamConstraint.MAX_ACCOUNTS_PER_KAM); }
    }

    public static class WithoutPerAccountSoft extends ConstraintCostProbe {
        public WithoutPerAccountSoft() {
            super(KamConstraint.TRAVEL_TIME, KamConstraint.ACCOUNT_CONTINUITY, KamConstraint.PREFERRED_SECTOR_EXPERTISE,
                    KamConstraint.ACCOUNT_AFFINITY);
        }
    }
}
