package org.kamplanner.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kamplanner.data.ReferenceTables.SectorProfile;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Region;
import org.kamplanner.domain.Sector;
import org.kamplanner.domain.TravelTimes;
import org.kamplanner.solver.search.KamLoads;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;

/**
 * The drafts as the solver's planning model, so that the generator asks {@link KamLoads} the hard-rule
 * questions the greedy phase asks instead of keeping a copy of the rules of docs/model.md, and its
 * workloads are the solver's: the accounts are made by {@link PlanFactory#account}, the one place a
 * document account becomes a model account.
 *
 * <p>The model KAMs have no capacity and no account limit: those are what the generator sizes on the
 * reference plan, so for them {@link KamLoads#obstacle} can only name a pair rule or the sector cap.
 */
final class DraftModel {

    private final List<KamDraft> kamDrafts;
    private final List<Kam> kams = new ArrayList<>();
    private final List<Account> accounts = new ArrayList<>();
    private final AssignmentPlan plan;
    /** Only its hard rules are used: which pairs qualify (the generator's plans use default weights). */
    private final KamLoads rules;
    private final Map<Account, List<Kam>> forbiddenKams = new HashMap<>();
    private final Map<Account, List<String>> forbiddenReasons = new HashMap<>();

    DraftModel(PlanSettings settings, List<Region> regions, TravelTimes travel, List<SectorProfile> sectorProfiles,
            List<KamDraft> kamDrafts, List<AccountDraft> accountDrafts) {
        this.kamDrafts = kamDrafts;
        List<Sector> sectors = new ArrayList<>();
        for (SectorProfile s : sectorProfiles) {
            sectors.add(new Sector(s.id(), s.name(), s.maxAccountsPerKam(), s.expertiseRequired(), sectors.size()));
        }
        for (KamDraft k : kamDrafts) {
            kams.add(new Kam(k.id, k.name, regions.get(k.home), k.experienceYears, k.expertise.clone(),
                    Integer.MAX_VALUE, null, true, k.index));
        }
        Map<String, Region> regionById = new HashMap<>();
        regions.forEach(r -> regionById.put(r.id(), r));
        Map<String, Sector> sectorById = new HashMap<>();
        sectors.forEach(s -> sectorById.put(s.getId(), s));
        Map<String, Kam> kamById = new HashMap<>();
        kams.forEach(k -> kamById.put(k.getId(), k));
        PlanFactory.Lookups lookups =
                new PlanFactory.Lookups(settings, travel, regions, regionById, sectorById, kamById);
        for (AccountDraft a : accountDrafts) {
            String sectorId = sectors.get(a.sector).getId();
            accounts.add(PlanFactory.account(a.toDocument(sectorId, regions.get(a.region).id(), null), lookups));
        }
        plan = new AssignmentPlan(settings, travel, sectors, regions, kams, accounts, ConstraintWeightOverrides.none());
        rules = KamLoads.of(plan);
    }

    PlanSettings settings() {
        return plan.getSettings();
    }

    Kam kam(KamDraft k) {
        return kams.get(k.index);
    }

    Account account(AccountDraft a) {
        return accounts.get(a.index);
    }

    /** Loads of the plan with every account unassigned, to fill in as the reference plan is built. */
    KamLoads emptyLoads() {
        return KamLoads.of(plan);
    }

    /** No rule about the pair itself (forbidden, required expertise, A-tier experience) keeps the account off. */
    boolean qualifies(KamDraft k, AccountDraft a) {
        return rules.qualifies(account(a), kam(k));
    }

    /** The KAMs that qualify for the account, nearest home first (ties by KAM order). */
    List<KamDraft> qualifiedByDistance(AccountDraft a) {
        List<KamDraft> qualified = new ArrayList<>();
        for (KamDraft k : kamDrafts) {
            if (qualifies(k, a)) {
                qualified.add(k);
            }
        }
        Region region = account(a).getRegion();
        TravelTimes travel = plan.getTravelTimes();
        qualified.sort(Comparator.comparingInt((KamDraft k) -> travel.minutes(kam(k).getHomeRegion(), region))
                .thenComparingInt(k -> k.index));
        return qualified;
    }

    /** workload(a, k) of docs/model.md. */
    int workload(KamDraft k, AccountDraft a) {
        return account(a).workloadMinutesWith(kam(k));
    }

    /** Records a forbidden pair on the model account, so that the rules see it from now on. */
    void forbid(KamDraft k, AccountDraft a, String reason) {
        Account account = account(a);
        List<Kam> kamList = forbiddenKams.computeIfAbsent(account, x -> new ArrayList<>());
        List<String> reasons = forbiddenReasons.computeIfAbsent(account, x -> new ArrayList<>());
        kamList.add(kam(k));
        reasons.add(reason);
        account.setForbiddenKams(kamList.toArray(Kam[]::new), reasons.toArray(String[]::new));
    }
}
