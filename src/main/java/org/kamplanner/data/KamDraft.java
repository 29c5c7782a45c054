package org.kamplanner.data;

/**
 * A KAM as the generator builds it up: drawn by {@link Sampling}, given more expertise where a sector
 * lacks experts, then perhaps more capacity and an account limit sized on the {@link ReferencePlan}. Not a
 * record because those last steps fill it in.
 */
final class KamDraft {

    final int index;
    final String id;
    final String name;
    /** Index of the home city in the dataset's cities, which is also its region's index. */
    final int home;
    final int experienceYears;
    /** By sector index. */
    final boolean[] expertise;
    /** Drawn with the KAM; raised only where the reference plan needs headroom ({@link ReferencePlan#sizeCapacities}). */
    int capacityMinutes;
    Integer maxAccounts;

    KamDraft(int index, String id, String name, int home, int experienceYears, int capacityMinutes, int sectors) {
        this.index = index;
        this.id = id;
        this.name = name;
        this.home = home;
        this.experienceYears = experienceYears;
        this.capacityMinutes = capacityMinutes;
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
