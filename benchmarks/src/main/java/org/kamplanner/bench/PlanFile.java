package org.kamplanner.bench;

/**
 * Prints the file a benchmark dataset name stands for ({@code family/NAME/SEED/KAMSxACCOUNTS}, {@code gap/…}, a
 * bundled name or a path), generating it first where it is generated: side-by-side.sh hands the same file to
 * the previous version's command line, which has no generator for the newer families.
 */
public final class PlanFile {

    private PlanFile() {
    }

    public static void main(String[] args) {
        for (String dataset : args) {
            System.out.println(BenchmarkRunner.datasetFile(dataset).getPath());
        }
    }
}
