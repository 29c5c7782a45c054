package org.kamplanner.data;

/**
 * A KAM as the generator builds it up: drawn by {@link Sampling}, given more expertise where a sector
 * lacks experts, then a capacity and perhaps an account limit sized on the {@link ReferencePlan}. Not a
 * record because those last steps fill it in.
 */
final class KamDraft {

    final int index;
    final String id;
    final String name;
    /** Index of the home city in the dataset's cities, which is also its region's index. */
    final int home;
    final int experienceYears;
    /** Relative capacity: 1 for full time, 0.6–0.8 for part-timers. */
    final double weight;
    /** By sector index. */
    final boolean[] expertise;
    int capacityMinutes;
    Integer maxAccounts;

    KamDraft(int index, String id, String name, int home, int experienceYears, double weight, int sectors) {
        this.index = index;
        this.id = id;
        this.name = name;
        this.home = home;
        this.experienceYears = experienceYears;
        this.weight = weight;
        this.expertise = new boolean[sectors];
    }

    int sectorCount() {
        int count = 0;
        for (boolean e : expertise) {
            count += e ? 1 : 0;
        }
        return count;
    }
}
