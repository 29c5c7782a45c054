package org.kamplanner.solver.search;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.Sector;

/**
 * What each KAM carries in a plan (load, accounts, accounts per sector), and which hard constraint one
 * more account would break on a KAM. The greedy phase uses it to place accounts, the explanation to
 * say why an account stayed unassigned: one rule, so the two can never disagree.
 */
public final class KamLoads {

    /** A hard constraint that keeps an account off a KAM, in the order they are reported. */
    public enum Obstacle {
        FORBIDDEN, EXPERTISE, EXPERIENCE, SECTOR_CAP, MAX_ACCOUNTS, CAPACITY
    }

    private final long[] load;
    private final int[] count;
    private final int[][] sectorCount;

    private KamLoads(int kams, int sectors) {
        load = new long[kams];
        count = new int[kams];
        sectorCount = new int[kams][sectors];
    }

    public static KamLoads of(AssignmentPlan plan) {
        KamLoads loads = new KamLoads(plan.getKams().size(), plan.getSectors().size());
        for (Account account : plan.getAccounts()) {
            if (account.getKam() != null) {
                loads.add(account, account.getKam());
            }
        }
        return loads;
    }

    public void add(Account account, Kam kam) {
        int k = kam.getIndex();
        load[k] += account.workloadMinutesWith(kam);
        count[k]++;
        sectorCount[k][account.getSector().getIndex()]++;
    }

    public void remove(Account account, Kam kam) {
        int k = kam.getIndex();
        load[k] -= account.workloadMinutesWith(kam);
        count[k]--;
        sectorCount[k][account.getSector().getIndex()]--;
    }

    public long load(Kam kam) {
        return load[kam.getIndex()];
    }

    public int sectorCount(Kam kam, Sector sector) {
        return sectorCount[kam.getIndex()][sector.getIndex()];
    }

    /** False when a rule about the pair itself (forbidden, expertise, experience) keeps the account off the KAM. */
    public static boolean qualifies(Account account, Kam kam) {
        return pairObstacle(account, kam) == null;
    }

    /** The first rule about the pair itself, whatever the KAM carries, that keeps the account off it, or null. */
    private static Obstacle pairObstacle(Account account, Kam kam) {
        if (account.isForbiddenWith(kam)) {
            return Obstacle.FORBIDDEN;
        }
        if (account.getSector().isExpertiseRequired() && !kam.hasExpertise(account.getSector())) {
            return Obstacle.EXPERTISE;
        }
        if (kam.getExperienceYears() < account.getRequiredExperienceYears()) {
            return Obstacle.EXPERIENCE;
        }
        return null;
    }

    /** The first hard constraint that putting this (unassigned) account on the KAM would break, or null. */
    public Obstacle obstacle(Account account, Kam kam) {
        Obstacle pair = pairObstacle(account, kam);
        if (pair != null) {
            return pair;
        }
        int k = kam.getIndex();
        if (sectorCount[k][account.getSector().getIndex()] + 1 > account.getSector().getMaxAccountsPerKam()) {
            return Obstacle.SECTOR_CAP;
        }
        if (kam.getMaxAccounts() != null && count[k] + 1 > kam.getMaxAccounts()) {
            return Obstacle.MAX_ACCOUNTS;
        }
        if (load[k] + account.workloadMinutesWith(kam) > kam.getCapacityMinutes()) {
            return Obstacle.CAPACITY;
        }
        return null;
    }
}
