package org.kamplanner.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.kamplanner.data.DatasetGenerator;
import org.kamplanner.data.GapPlans;
import org.kamplanner.document.PlanDocument;

/**
 * Generalized assignment benchmark instances in the OR-Library format (benchmarks/data/gap/, see the
 * README there): "m n", then the cost matrix m × n, the resource matrix m × n and the m capacities, all
 * whitespace-separated integers. {@link GapPlans} turns one into a plan document (agents = KAMs, jobs =
 * accounts, resource = workload, capacity = capacity, cost = affinity, every other soft weight 0), so
 * every benchmark tool reads it like any other dataset: name it {@code gap/c05100}.
 */
final class GapInstances {

    static final String DIRECTORY = "benchmarks/data/gap/";

    /**
     * Proven optima (minimization) of the bundled instances: Chu and Beasley (1997) type c and d,
     * Yagiura, Ibaraki and Glover (2004) type e; as listed in data/data.csv of
     * github.com/fontanf/generalizedassignmentsolver (column "Optimum"), the same values as the
     * literature's best-known ones.
     */
    static final Map<String, Long> BEST_KNOWN = Map.of(
            "c05100", 1931L, "c10100", 1402L, "c20100", 1243L, "d05100", 6353L,
            "e10200", 23307L, "e20100", 8436L, "e20200", 22379L);

    private GapInstances() {
    }

    /** True for {@code gap/NAME} when benchmarks/data/gap/NAME exists. */
    static boolean names(String dataset) {
        return dataset.startsWith("gap/") && new File(DIRECTORY + dataset.substring(4)).isFile();
    }

    /** The best-known cost of {@code gap/NAME}, or null when none is recorded. */
    static Long bestKnown(String dataset) {
        return dataset.startsWith("gap/") ? BEST_KNOWN.get(dataset.substring(4)) : null;
    }

    /** The instance as a plan document file under benchmarks/local/gap/ (written afresh each time). */
    static File documentFile(String dataset) {
        String name = dataset.substring(4);
        try {
            PlanDocument document = read(name, Files.readString(Path.of(DIRECTORY + name)));
            Path out = Path.of("benchmarks/local/gap/" + name + ".json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, DatasetGenerator.toJson(document));
            return out.toFile();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read GAP instance " + DIRECTORY + name, e);
        }
    }

    static PlanDocument read(String name, String text) {
        String[] tokens = text.trim().split("\\s+");
        int[] at = {0};
        int m = Integer.parseInt(tokens[at[0]++]);
        int n = Integer.parseInt(tokens[at[0]++]);
        if (tokens.length != 2 + 2 * m * n + m) {
            throw new IllegalArgumentException(name + ": " + tokens.length + " numbers, expected 2 + 2 × " + m
                    + " × " + n + " + " + m + " for one OR-Library GAP instance");
        }
        int[][] cost = matrix(tokens, at, m, n);
        int[][] resource = matrix(tokens, at, m, n);
        int[] capacity = new int[m];
        for (int i = 0; i < m; i++) {
            capacity[i] = Integer.parseInt(tokens[at[0]++]);
        }
        return GapPlans.document(name, cost, resource, capacity);
    }

    private static int[][] matrix(String[] tokens, int[] at, int m, int n) {
        int[][] matrix = new int[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                matrix[i][j] = Integer.parseInt(tokens[at[0]++]);
            }
        }
        return matrix;
    }
}
