package org.kamplanner.solver;

import org.kamplanner.words.Words;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.Sector;

import ai.timefold.solver.core.api.score.stream.ConstraintJustification;

/**
 * Why a constraint matched: the ids of the objects involved, the numbers behind the penalty and a
 * sentence a planner can read. These records are the JSON of the analysis endpoint, so their field
 * names are part of the API.
 */
public final class Justifications {

    private Justifications() {
    }

    /** Every justification carries a sentence for a planner. */
    public sealed interface Described extends ConstraintJustification
            permits KamLoad, SectorCount, AccountCount, AccountOnKam, Unassigned, Travel, Move, Affinity,
            HandOverCount, RevenueShare {

        String description();
    }

    /** KAM capacity and Balanced workload: a KAM's monthly load against its capacity. */
    public record KamLoad(String kamId, long loadMinutes, int capacityMinutes, long penalty, String description)
            implements Described {

        static KamLoad overCapacity(Kam kam, long load) {
            return new KamLoad(kam.getId(), load, kam.getCapacityMinutes(), load - kam.getCapacityMinutes(),
                    Words.text("justification.overCapacity", kam.getName(), Words.hours(load),
                            Words.hours(kam.getCapacityMinutes())));
        }

        static KamLoad balance(Kam kam, long load, long penalty) {
            return new KamLoad(kam.getId(), load, kam.getCapacityMinutes(), penalty,
                    Words.text("justification.balance",
                            kam.getName(), Words.hours(load), Words.hours(kam.getCapacityMinutes()),
                            Words.percent(load, kam.getCapacityMinutes()), penalty, load, kam.getCapacityMinutes()));
        }
    }

    /** Sector cap: how many accounts of one sector a KAM has against the sector's cap. */
    public record SectorCount(String kamId, String sectorId, long accountCount, int maxAccountsPerKam, long penalty,
            String description) implements Described {

        static SectorCount of(Kam kam, Sector sector, long count) {
            long over = count - sector.getMaxAccountsPerKam();
            return new SectorCount(kam.getId(), sector.getId(), count, sector.getMaxAccountsPerKam(), over,
                    Words.text("justification.sectorCap", kam.getName(), count,
                            sector.getName(), over, sector.getMaxAccountsPerKam()));
        }
    }

    /** Max accounts per KAM: a KAM's account count against the personal maximum. */
    public record AccountCount(String kamId, long accountCount, int maxAccounts, long penalty, String description)
            implements Described {

        static AccountCount of(Kam kam, long count) {
            long over = count - kam.getMaxAccounts();
            return new AccountCount(kam.getId(), count, kam.getMaxAccounts(), over,
                    Words.text("justification.maxAccounts", kam.getName(), count, over,
                            kam.getMaxAccounts()));
        }
    }

    /** A rule about one account and the KAM it is with: experience, expertise, a forbidden pair. */
    public record AccountOnKam(String accountId, String kamId, long penalty, String description)
            implements Described {

        static AccountOnKam inexperienced(Account account) {
            Kam kam = account.getKam();
            return new AccountOnKam(account.getId(), kam.getId(), 1,
                    Words.text("justification.inexperienced",
                            account.getName(), kam.getName(), kam.getExperienceYears(),
                            account.getRequiredExperienceYears()));
        }

        static AccountOnKam missingRequiredExpertise(Account account) {
            Kam kam = account.getKam();
            return new AccountOnKam(account.getId(), kam.getId(), 1,
                    Words.text("justification.requiredExpertise",
                            account.getName(), account.getSector().getName(), kam.getName()));
        }

        static AccountOnKam forbidden(Account account) {
            Kam kam = account.getKam();
            return new AccountOnKam(account.getId(), kam.getId(), 1,
                    Words.text("justification.forbidden", kam.getName(), account.getName(),
                            account.forbiddenReasonWith(kam)));
        }

        static AccountOnKam missingPreferredExpertise(Account account, long penalty) {
            Kam kam = account.getKam();
            return new AccountOnKam(account.getId(), kam.getId(), penalty,
                    Words.text("justification.preferredExpertise", kam.getName(),
                            account.getSector().getName(), account.getName(), penalty));
        }
    }

    /** Unassigned account: an account left without a KAM. */
    public record Unassigned(String accountId, String tier, long penalty, String description)
            implements Described {

        static Unassigned of(Account account) {
            return new Unassigned(account.getId(), account.getTier().name(), account.getUnassignedPenalty(),
                    Words.text("justification.unassigned", account.getTier(), account.getName(),
                            account.getUnassignedPenalty()));
        }
    }

    /** Travel time: the monthly visit travel from the KAM's home to the account. */
    public record Travel(String accountId, String kamId, String fromRegionId, String toRegionId, int travelMinutes,
            String description) implements Described {

        static Travel of(Account account) {
            Kam kam = account.getKam();
            String sentence = account.isRemote()
                    ? Words.text("justification.remote", kam.getName(), account.getName())
                    : Words.text("justification.travel", kam.getName(),
                            Words.hours(account.getTravelMinutes()), kam.getHomeRegion().name(), account.getName(),
                            account.getRegion().name());
            return new Travel(account.getId(), kam.getId(), kam.getHomeRegion().id(), account.getRegion().id(),
                    account.getTravelMinutes(), sentence);
        }
    }

    /** Account continuity: an account moved away from its incumbent KAM. */
    // Named apart from the plan document's Move, which springdoc would otherwise replace with this one.
    @io.swagger.v3.oas.annotations.media.Schema(name = "MoveMatch")
    public record Move(String accountId, String fromKamId, String toKamId, long penalty, String description)
            implements Described {

        static Move of(Account account) {
            return new Move(account.getId(), account.getCurrentKam().getId(), account.getKam().getId(),
                    account.getMovePenalty(),
                    Words.text("justification.move", account.getTier(), account.getName(),
                            account.getCurrentKam().getName(), account.getKam().getName(),
                            account.getMovePenalty()));
        }
    }

    /** Account affinity: outside knowledge that favours (negative) or disfavours a pairing. */
    // Named apart from the plan document's Affinity, which springdoc would otherwise replace with this one.
    @io.swagger.v3.oas.annotations.media.Schema(name = "AffinityMatch")
    public record Affinity(String accountId, String kamId, long penalty, String description)
            implements Described {

        static Affinity of(Account account) {
            Kam kam = account.getKam();
            long penalty = account.affinityPenaltyWith(kam);
            return new Affinity(account.getId(), kam.getId(), penalty, penalty < 0
                    ? Words.text("justification.affinityBonus", account.getName(), kam.getName(), -penalty)
                    : Words.text("justification.affinityPenalty", account.getName(), kam.getName(), penalty));
        }
    }

    /** Max hand-overs: how many accounts the plan takes from a KAM who stays, against settings.maxMovedAccounts. */
    public record HandOverCount(int handOvers, int maxMovedAccounts, long penalty, String description)
            implements Described {

        static HandOverCount of(int handOvers, int cap) {
            return new HandOverCount(handOvers, cap, handOvers - cap,
                    Words.text("justification.maxHandOvers", handOvers, handOvers - cap, cap));
        }
    }

    /**
     * Balanced revenue: a KAM's book of business (revenueK, in thousands) against its fair share, all accounts'
     * revenue times the KAM's share of the active KAMs' capacity.
     */
    public record RevenueShare(String kamId, long revenueK, long fairShareK, int capacityMinutes, long penalty,
            String description) implements Described {

        static RevenueShare of(Kam kam, long revenueK, long penalty) {
            long fair = kam.getFairRevenueK();
            long percent = fair == 0 ? 0 : Math.round(100.0 * Math.abs(revenueK - fair) / fair);
            String key = revenueK >= fair ? "justification.revenueAbove" : "justification.revenueBelow";
            return new RevenueShare(kam.getId(), revenueK, fair, kam.getCapacityMinutes(), penalty,
                    Words.text(key, kam.getName(), euros(revenueK), percent, euros(fair), penalty, revenueK,
                            kam.getCapacityMinutes()));
        }

        private static String euros(long thousands) {
            return Words.text("justification.euroMillions", thousands / 1000.0);
        }
    }

    /** The KAM a match is charged to (the per-KAM constraints, see indictWith), else null. */
    public static String kamIdCharged(Described justification) {
        if (justification instanceof KamLoad j) {
            return j.kamId();
        }
        if (justification instanceof SectorCount j) {
            return j.kamId();
        }
        if (justification instanceof RevenueShare j) {
            return j.kamId();
        }
        return justification instanceof AccountCount j ? j.kamId() : null;
    }

    /** The account a match is charged to (every per-account constraint), else null. */
    public static String accountIdCharged(Described justification) {
        if (justification instanceof AccountOnKam j) {
            return j.accountId();
        }
        if (justification instanceof Unassigned j) {
            return j.accountId();
        }
        if (justification instanceof Travel j) {
            return j.accountId();
        }
        if (justification instanceof Move j) {
            return j.accountId();
        }
        return justification instanceof Affinity j ? j.accountId() : null;
    }
}
