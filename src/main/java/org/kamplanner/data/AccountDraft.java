package org.kamplanner.data;

import java.math.BigDecimal;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.domain.Complexity;
import org.kamplanner.domain.Phase;
import org.kamplanner.domain.Tier;

/**
 * An account as the generator builds it up: drawn by {@link Sampling}, then perhaps given an incumbent
 * and a pin by {@link Relationships}. Not a record because those later steps fill it in.
 */
final class AccountDraft {

    final int index;
    final String id;
    final String name;
    /** Index into the reference table's sectors. */
    final int sector;
    /** Index of the city in the dataset's cities, which is also its region's index. */
    final int region;
    /** As drawn from the sector's mix. */
    final Complexity drawnComplexity;
    /** Set by {@link Sampling#assignTiers} from the revenue rank, which may raise the complexity. */
    Tier tier;
    Complexity complexity;
    final Phase phase;
    final boolean remote;
    final long annualRevenue;
    /** KAM index of the incumbent, or null. */
    Integer currentKam;
    boolean pinned;

    AccountDraft(int index, String id, String name, int sector, int region, Complexity complexity,
            Phase phase, boolean remote, long annualRevenue) {
        this.index = index;
        this.id = id;
        this.name = name;
        this.sector = sector;
        this.region = region;
        this.drawnComplexity = complexity;
        this.complexity = complexity;
        this.phase = phase;
        this.remote = remote;
        this.annualRevenue = annualRevenue;
    }

    /** The document account, input only: the same for the bundled file and for the {@link DraftModel}. */
    PlanDocument.Account toDocument(String sectorId, String regionId, String currentKamId) {
        return new PlanDocument.Account(id, name, sectorId, regionId, tier.name(), BigDecimal.valueOf(annualRevenue),
                complexity.name(), phase.name(), remote, null, null, currentKamId, pinned, null, null);
    }
}
