package org.kamplanner.plan;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * How many plans, and how many bytes of them, the database keeps: at most {@code kam-planner.store.max-plans}
 * and {@code max-bytes} in all, {@code max-plans-per-client} and {@code max-bytes-per-client} of one client
 * (issue 30: one PLANNER stored 500 plans in 6 s and could fill the disk). Finished plans count too; they
 * stay until purged. Checked under the admission lock, after the new plan's row is written in the same
 * transaction: a plan over a quota is rolled back with it (PlanSolving#submit).
 */
@Component
class StorageQuota {

    private final PlanCounts store;
    private final int maxPlans;
    private final int maxPlansPerClient;
    private final long maxBytes;
    private final long maxBytesPerClient;

    StorageQuota(PlanCounts store, @Value("${kam-planner.store.max-plans:2000}") int maxPlans,
            @Value("${kam-planner.store.max-plans-per-client:500}") int maxPlansPerClient,
            @Value("${kam-planner.store.max-bytes:4GB}") DataSize maxBytes,
            @Value("${kam-planner.store.max-bytes-per-client:1GB}") DataSize maxBytesPerClient) {
        this.store = store;
        this.maxPlans = maxPlans;
        this.maxPlansPerClient = maxPlansPerClient;
        this.maxBytes = maxBytes.toBytes();
        this.maxBytesPerClient = maxBytesPerClient.toBytes();
    }

    /**
     * After a plan of {@code client} was stored: 429 when it is one plan too many, 507 when the plans' bytes
     * are over a quota. Must run under the admission lock, in the transaction that stored the plan.
     */
    void check(String client) {
        if (client != null) {
            check(store.usage(client), maxPlansPerClient, maxBytesPerClient, true);
        }
        check(store.usage(null), maxPlans, maxBytes, false);
    }

    private static void check(PlanCounts.Usage usage, int maxPlans, long maxBytes, boolean ofClient) {
        if (usage.plans() > maxPlans) {
            throw StorageFullException.plans(maxPlans, ofClient);
        }
        if (usage.bytes() > maxBytes) {
            throw StorageFullException.bytes(DataSize.ofBytes(maxBytes).toMegabytes(), ofClient);
        }
    }
}
