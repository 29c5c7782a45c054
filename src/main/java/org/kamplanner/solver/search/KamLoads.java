package org.kamplanner.solver.search;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Sector;
import org.kamplanner.solver.KamConstraint;

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

    /**
     * The hard rules that count in a plan: a constraint whose weight is 0 is switched off, so it keeps no
     * account off a KAM here either (the constraint streams drop it the same way).
     */
    private record Rules(boolean forbidden, boolean expertise, boolean experience, boolean sectorCap,
            boolean maxAccounts, boolean capacity) {

        static Rules of(PlanSettings settings) {
            return new Rules(on(settings, KamConstraint.FORBIDDEN_PAIR), on(settings, KamConstraint.REQUIRED_SECTOR_EXPERTISE),
                    on(settings, KamConstraint.A_ACCOUNT_NEEDS_EXPERIENCED_KAM), on(settings, KamConstraint.SECTOR_CAP),
                    on(settings, KamConstraint.MAX_ACCOUNTS_PER_KAM), on(settings, KamConstraint.KAM_CAPACITY));
        }

        private static boolean on(PlanSettings settings, KamConstraint constraint) {
            return settings.constraintWeights().getOrDefault(constraint.constraintName(), 1L) != 0;
        }
    }

    /**
     * settings.maxMovedAccounts as the search must respect it: null without a cap or when Max hand-overs is
     * switched off (weight 0), as the constraint streams then drop it.
     */
    static Integer handOverCap(PlanSettings settings) {
        return Rules.on(settings, KamConstraint.MAX_HAND_OVERS) ? settings.maxMovedAccounts() : null;
    }

    private final Rules rules;
    private final long[] load;
    private final int[] count;
    private final int[][] sectorCount;

    private KamLoads(Rules rules, int kams, int sectors) {
        this.rules = rules;
        load = new long[kams];
        count = new int[kams];
        sectorCount = new int[kams][sectors];
    }

    public static KamLoads of(AssignmentPlan plan) {
        KamLoads loads = new KamLoads(Rules.of(plan.getSettings()), plan.getKams().size(), plan.getSectors().size());
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
    public boolean qualifies(Account account, Kam kam) {
        return pairObstacle(account, kam) == null;
    }

    /**
     * False when the sector's expertise rule or the experience rule keeps the account off the KAM: the pair rules
     * that depend only on the account's sector and required experience, so that the greedy phase can sort the
     * KAMs out once for all accounts alike.
     */
    boolean qualifiesBySectorAndExperience(Account account, Kam kam) {
        return bySectorAndExperience(account, kam) == null;
    }

    /** The first rule about the pair itself, whatever the KAM carries, that keeps the account off it, or null. */
    private Obstacle pairObstacle(Account account, Kam kam) {
        if (rules.forbidden && account.isForbiddenWith(kam)) {
            return Obstacle.FORBIDDEN;
        }
        return bySectorAndExperience(account, kam);
    }

    private Obstacle bySectorAndExperience(Account account, Kam kam) {
        if (rules.expertise && account.getSector().isExpertiseRequired() && !kam.hasExpertise(account.getSector())) {
            return Obstacle.EXPERTISE;
        }
        if (rules.experience && kam.getExperienceYears() < account.getRequiredExperienceYears()) {
            return Obstacle.EXPERIENCE;
        }
        return null;
    }

    /** The first hard constraint that putting this (unassigned) account on the KAM would break, or null. */
    public Obstacle obstacle(Account account, Kam kam) {
        Obstacle pair = pairObstacle(account, kam);
        return pair != null ? pair : loadObstacle(account, kam, 0, 0, 0);
    }

    /**
     * True when the account, which qualifies for the KAM (see {@link #qualifies}), fits there once
     * accounts worth these minutes, this many of them and this many of its sector have left: the rules
     * about what a KAM carries, by arithmetic on the counts, so that make-room moves can try which
     * accounts to take off without changing anything.
     */
    boolean fitsAfterLeaving(Account account, Kam kam, long freedMinutes, int freedAccounts, int freedOfSector) {
        return loadObstacle(account, kam, freedMinutes, freedAccounts, freedOfSector) == null;
    }

    /** True when the KAM already has as many accounts of this account's sector as the sector cap allows. */
    boolean sectorFull(Account account, Kam kam) {
        return rules.sectorCap && sectorCount[kam.getIndex()][account.getSector().getIndex()] + 1
                > account.getSector().getMaxAccountsPerKam();
    }

    private Obstacle loadObstacle(Account account, Kam kam, long freedMinutes, int freedAccounts, int freedOfSector) {
        int k = kam.getIndex();
        if (rules.sectorCap && sectorCount[k][account.getSector().getIndex()] - freedOfSector + 1
                > account.getSector().getMaxAccountsPerKam()) {
            return Obstacle.SECTOR_CAP;
        }
        if (rules.maxAccounts && kam.getMaxAccounts() != null && count[k] - freedAccounts + 1 > kam.getMaxAccounts()) {
            return Obstacle.MAX_ACCOUNTS;
        }
        if (rules.capacity
                && load[k] - freedMinutes + account.workloadMinutesWith(kam) > kam.getCapacityMinutes()) {
            return Obstacle.CAPACITY;
        }
        return null;
    }
}
