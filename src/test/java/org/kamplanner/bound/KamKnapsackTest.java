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
            int m = random.nextInt(13);
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

            double value = knapsack.solve(weights, reduced, m, room, pinned, capacity, balanceWeight);

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
            long chosen = knapsack.chosen();
            long load = pinned;
            double sum = 0;
            for (int i = 0; i < m; i++) {
                if ((chosen >>> i & 1) == 1) {
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
    void tooManyCandidatesAnswerNaNForTheFractionalOptimum() {
        int m = KamKnapsack.MOST_ITEMS + 1;
        long[] weights = new long[m];
        double[] reduced = new double[m];
        java.util.Arrays.fill(weights, 10);
        java.util.Arrays.fill(reduced, -5);

        assertThat(new KamKnapsack().solve(weights, reduced, m, 1_000, 0, 1_000, 1)).isNaN();
    }
}
