package org.kamplanner.domain;

/**
 * An industry sector with its per-KAM account cap. A class with identity equality (not a record)
 * because it is a group key in the sector-cap constraint, where hashing every field would cost.
 */
public final class Sector {

    private final String id;
    private final String name;
    private final int maxAccountsPerKam;
    private final boolean expertiseRequired;
    private final int index;

    public Sector(String id, String name, int maxAccountsPerKam, boolean expertiseRequired, int index) {
        this.id = id;
        this.name = name;
        this.maxAccountsPerKam = maxAccountsPerKam;
        this.expertiseRequired = expertiseRequired;
        this.index = index;
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public int getMaxAccountsPerKam() { return maxAccountsPerKam; }
    public boolean isExpertiseRequired() { return expertiseRequired; }
    public int getIndex() { return index; }

    @Override
    public String toString() { return id; }
}
