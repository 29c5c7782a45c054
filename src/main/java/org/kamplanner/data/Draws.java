package org.kamplanner.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one seeded random of a dataset and the ways the generator draws from it. Every step draws in a
 * fixed order and no decision depends on hash iteration order, so the same seed gives the same document.
 */
final class Draws {

    private final SplittableRandom random;

    Draws(long seed) {
        random = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    double nextDouble() {
        return random.nextDouble();
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** An index drawn with probability proportional to its weight. */
    int weighted(long[] weights) {
        long total = Arrays.stream(weights).sum();
        long r = random.nextLong(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Systematic sampling: n indices proportional to the weights even for a handful of draws, in order. */
    int[] systematic(int n, long[] weights) {
        long total = Arrays.stream(weights).sum();
        double offset = random.nextDouble();
        int[] picks = new int[n];
        int index = 0;
        long cumulative = weights[0];
        for (int i = 0; i < n; i++) {
            double point = (i + offset) / n * total;
            while (point >= cumulative && index < weights.length - 1) {
                index++;
                cumulative += weights[index];
            }
            picks[i] = index;
        }
        return picks;
    }

    /** Exactly round(n × share) trues, in random positions. */
    boolean[] exactShare(int n, double share) {
        int trues = (int) Math.round(n * share);
        List<Boolean> flags = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            flags.add(i < trues);
        }
        List<Boolean> shuffled = shuffled(flags);
        boolean[] result = new boolean[n];
        for (int i = 0; i < n; i++) {
            result[i] = shuffled.get(i);
        }
        return result;
    }

    /** Fisher–Yates, from the last position down. */
    void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }

    /** A shuffled copy, drawn as {@link #shuffle(int[])} draws. */
    <T> List<T> shuffled(List<T> values) {
        List<T> copy = new ArrayList<>(values);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, random.nextInt(i + 1));
        }
        return copy;
    }
}
