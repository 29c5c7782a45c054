package org.kamplanner.bound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The whole-account subproblem of the per-KAM Lagrangian against every subset of its candidates. */
class KamKnapsackTest {

    @Test
    void theFrontierFindsTheLeastSubsetOfEveryRandomKam() {
        Random random = new Random(25);
        KamKnapsack knapsack = new KamKnapsack();
        for (int trial = 0; trial < 2_000; trial++) {
            int m = random.nextInt(trial < 100 ? 19 : 13); // the first ones large enough to fix some accounts
            long[] weights = new long[m];
            double[] reduced = new double[m];
            for (int i = 0; i < m; i++) {
                weights[i] = random.nextInt(5) == 0 ? 0 : 20 + random.nextInt(600);
                reduced[i] = -1 - random.nextInt(3_000);
            }
            long capacity = 600 + random.nextInt(4_000);
            long pinned = random.nextInt(3) == 0 ? random.nextInt(800) : 0;
            long room = random.nextInt(4) == 0 ? Long.MAX_VALUE : Math.max(0, capacity - pinned);
            double balanceWeight = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3);

            double[] take = new double[m];
            double value = knapsack.solve(weights, reduced, m, room, pinned, capacity, balanceWeight, take);

            double best = Double.POSITIVE_INFINITY;
            long bestMask = -1;
            for (long mask = 0; mask < 1L << m; mask++) {
                long load = 0;
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    if ((mask >>> i & 1) == 1) {
                        load += weights[i];
                        sum += reduced[i];
                    }
                }
                long n = pinned + load;
                double v = sum + balanceWeight * (n * n / capacity);
                if (load <= room && v < best) {
                    best = v;
                    bestMask = mask;
                }
            }
            assertThat(value).as("trial %d", trial).isCloseTo(best, within(1e-6));
            assertThat(knapsack.fractional()).as("trial %d: the fractional optimum", trial)
                    .isLessThanOrEqualTo(value + 1e-9);
            long load = pinned;
            double sum = 0;
            for (int i = 0; i < m; i++) {
                assertThat(take[i]).as("trial %d: whole accounts", trial).isIn(0.0, 1.0);
                if (take[i] == 1) {
                    load += weights[i];
                    sum += reduced[i];
                }
            }
            assertThat(load - pinned).as("trial %d fits", trial).isLessThanOrEqualTo(room);
            assertThat(sum + balanceWeight * (load * load / capacity)).as("trial %d: the chosen set's value (brute "
                    + "force chose %s)", trial, Long.toBinaryString(bestMask)).isCloseTo(value, within(1e-6));
        }
    }

    @Test
    void manyEqualCandidatesFallBackToTheFractionalOptimum() {
        // 100 accounts of the same rate: none can be fixed, too many for the frontier's bit mask.
        int m = 100;
        long[] weights = new long[m];
        double[] reduced = new double[m];
        java.util.Arrays.fill(weights, 10);
        java.util.Arrays.fill(reduced, -5);
        KamKnapsack knapsack = new KamKnapsack();

        double value = knapsack.solve(weights, reduced, m, 995, 0, 1_000, 0, new double[m]);

        assertThat(value).isEqualTo(knapsack.fractional()).isCloseTo(-497.5, within(1e-9));
    }
}
