package org.kamplanner.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.Sector;

import ai.timefold.solver.core.api.score.stream.uni.UniConstraintCollector;

/**
 * What one KAM carries: load(k), the number of accounts and the accounts per sector over the cap.
 * The four per-KAM constraints (capacity, sector cap, max accounts, balance) read it from one
 * {@code groupBy(Account::getKam, KamTally.COLLECTOR)}: one group node instead of three. Grouping
 * was the solver's hottest code (about 40 % of solving time in the profile, a third of it for the
 * (KAM, sector) group alone), and each group node looks up and compares its key on every change.
 *
 * @param loadMinutes load(k) of docs/model.md
 * @param accounts how many accounts the KAM has
 * @param sectorExcess Σ over sectors of max(0, count − maxAccountsPerKam)
 * @param overCapSectors the sectors over their cap with their counts (empty when sectorExcess is 0)
 * @param revenueK revenueK(k) of docs/model.md: the accounts' annual revenue in thousands (Balanced revenue)
 */
record KamTally(long loadMinutes, int accounts, int sectorExcess, List<SectorCount> overCapSectors, long revenueK) {

    /** A sector with more of a KAM's accounts than its cap allows. */
    record SectorCount(Sector sector, int count) {
        int excess() {
            return count - sector.getMaxAccountsPerKam();
        }
    }

    /** One instance, so that every constraint's groupBy is the same node (Bavet shares equal nodes). */
    static final UniConstraintCollector<Account, Container, KamTally> COLLECTOR = new Collector();

    private static final class Collector implements UniConstraintCollector<Account, Container, KamTally> {

        @Override
        public Supplier<Container> supplier() {
            return Container::new;
        }

        @Override
        public BiFunction<Container, Account, Runnable> accumulator() {
            return Container::add;
        }

        @Override
        public Function<Container, KamTally> finisher() {
            return Container::result;
        }
    }

    /** The running figures of one KAM; an account's contribution is undone with the values it added. */
    static final class Container {
        private long load;
        private long revenueK;
        private int accounts;
        private int excess;
        private int[] sectorCounts = new int[16];
        private Sector[] sectors = new Sector[16];

        Runnable add(Account account) {
            // Captured now: when the account is retracted it may already sit on another KAM.
            int workload = account.getWorkloadMinutes();
            long revenue = account.getRevenueK();
            Sector sector = account.getSector();
            int s = sector.getIndex();
            if (s >= sectorCounts.length) {
                sectorCounts = Arrays.copyOf(sectorCounts, s * 2);
                sectors = Arrays.copyOf(sectors, s * 2);
            }
            sectors[s] = sector;
            load += workload;
            revenueK += revenue;
            accounts++;
            if (++sectorCounts[s] > sector.getMaxAccountsPerKam()) {
                excess++;
            }
            return () -> {
                load -= workload;
                revenueK -= revenue;
                accounts--;
                if (sectorCounts[s]-- > sector.getMaxAccountsPerKam()) {
                    excess--;
                }
            };
        }

        KamTally result() {
            return new KamTally(load, accounts, excess, excess == 0 ? List.of() : overCapSectors(), revenueK);
        }

        private List<SectorCount> overCapSectors() {
            List<SectorCount> over = new ArrayList<>();
            for (int s = 0; s < sectorCounts.length; s++) {
                if (sectors[s] != null && sectorCounts[s] > sectors[s].getMaxAccountsPerKam()) {
                    over.add(new SectorCount(sectors[s], sectorCounts[s]));
                }
            }
            return over;
        }
    }
}
