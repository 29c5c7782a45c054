package org.kamplanner.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.kamplanner.data.ReferenceTables.City;
import org.kamplanner.data.ReferenceTables.Country;
import org.kamplanner.data.ReferenceTables.SectorProfile;
import org.kamplanner.domain.Complexity;
import org.kamplanner.domain.Phase;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Tier;

/**
 * Draws the KAMs and the accounts of a dataset from the reference tables: where they are, how
 * experienced and expert the KAMs, how big and complex the accounts, and their names. Each KAM and each
 * account draws its attributes in a fixed order, so the same seed gives the same team.
 */
final class Sampling {

    private static final double EXPERIENCED_SHARE = 0.70;
    private static final double PART_TIME_SHARE = 0.15;
    private static final double ONBOARDING_SHARE = 0.10;
    private static final double REMOTE_SHARE = 0.05;
    /** The least a full-time KAM has for accounts; part-timers have 55–80 hours. */
    private static final int FULL_TIME_MINUTES = 100 * 60;

    private final ReferenceTables tables;
    private final List<City> cities;
    private final Draws draws;
    private final PlanSettings settings;
    /** {@link DatasetGenerator.Spec#sectorTeams()}: the sectors' {@code team} mixes, and a KAM's sector given later. */
    private final boolean sectorTeams;

    Sampling(ReferenceTables tables, List<City> cities, Draws draws, PlanSettings settings, boolean sectorTeams) {
        this.tables = tables;
        this.cities = cities;
        this.draws = draws;
        this.settings = settings;
        this.sectorTeams = sectorTeams;
    }

    // ---- KAMs

    /**
     * {@code n} KAMs, with enough experienced experts for {@code accounts} accounts. A full-time KAM has
     * 100–130 hours a month for accounts (of about 160 working hours; the rest is internal work), drawn
     * without regard to seniority; a part-timer 55–80 hours. A KAM focuses on one to three sectors, the
     * home territory's industries more often. With sector teams the KAMs get their sectors only once the
     * accounts' workloads are known ({@link SectorTeams#assignMainSectors}).
     */
    List<KamDraft> kams(int n, int accounts) {
        int[] homes = draws.systematic(n, cityWeights());
        draws.shuffle(homes);
        boolean[] experienced = draws.exactShare(n, EXPERIENCED_SHARE);
        boolean[] partTime = draws.exactShare(n, PART_TIME_SHARE);
        Set<String> names = new HashSet<>();
        List<KamDraft> kams = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "K" + pad(i + 1, Math.max(3, digits(n)));
            String name = uniquePersonName(tables.country(cities.get(homes[i]).country()), names);
            int experienceYears = experienced[i] ? 5 + draws.nextInt(10) + draws.nextInt(12) : draws.nextInt(5);
            int hours = partTime[i] ? 55 + 5 * draws.nextInt(6) : FULL_TIME_MINUTES / 60 + 5 * draws.nextInt(7);
            KamDraft k = new KamDraft(i, id, name, homes[i], experienceYears, hours * 60, tables.sectors().size());
            kams.add(k);
            if (sectorTeams) {
                continue;
            }
            int sectorCount = draws.weighted(new long[] { 35, 45, 20 }) + 1;
            long[] sectorWeights = sectorWeightsIn(cities.get(homes[i]));
            while (k.sectorCount() < sectorCount) {
                k.expertise[draws.weighted(sectorWeights)] = true;
            }
        }
        if (!sectorTeams) {
            ensureExperts(kams, accounts, null);
        }
        return kams;
    }

    /**
     * Without enough experienced experts an A-account of an expertise sector has no legal KAM, and the
     * sector caps need room for every account of the sector; spreading the experts over the cities
     * keeps their travel short. Sector teams already have the sector's own KAMs, sized to its workload:
     * there two experienced experts are enough for its A-accounts, plus room under the cap for the
     * sector's accounts ({@code sectorAccounts}, by sector) with a fifth to spare; more experts would leave
     * its own team spare capacity that fills with other sectors' accounts.
     */
    void ensureExperts(List<KamDraft> kams, int accounts, int[] sectorAccounts) {
        for (int s = 0; s < tables.sectors().size(); s++) {
            SectorProfile sector = tables.sectors().get(s);
            if (!sector.expertiseRequired()) {
                continue;
            }
            double share = sector.weight() / 100.0;
            int need = sectorTeams ? 2 : Math.max(2, Math.max((int) Math.ceil(kams.size() * share * 2.5),
                    (int) Math.ceil(accounts * share * 1.6 / sector.maxAccountsPerKam())));
            while (experiencedExperts(kams, s) < need || sectorTeams
                    && experts(kams, s) * sector.maxAccountsPerKam() < 1.2 * sectorAccounts[s]) {
                KamDraft pick = nextExpertCandidate(kams, s);
                if (pick == null) {
                    break;
                }
                pick.expertise[s] = true;
            }
        }
    }

    private static int experts(List<KamDraft> kams, int sector) {
        return (int) kams.stream().filter(k -> k.expertise[sector]).count();
    }

    private int experiencedExperts(List<KamDraft> kams, int sector) {
        int count = 0;
        for (KamDraft k : kams) {
            if (k.expertise[sector] && isExperienced(k)) {
                count++;
            }
        }
        return count;
    }

    /** The experienced non-expert in the city with the fewest such experts, bigger cities first. */
    private KamDraft nextExpertCandidate(List<KamDraft> kams, int sector) {
        int[] expertsPerCity = new int[cities.size()];
        for (KamDraft k : kams) {
            if (k.expertise[sector] && isExperienced(k)) {
                expertsPerCity[k.home]++;
            }
        }
        KamDraft best = null;
        for (KamDraft k : kams) {
            // A sector team's part-timer has its hands full with its own sector.
            if (k.expertise[sector] || !isExperienced(k) || k.sectorCount() >= 3
                    || sectorTeams && k.capacityMinutes < FULL_TIME_MINUTES) {
                continue;
            }
            if (best == null || expertsPerCity[k.home] < expertsPerCity[best.home]
                    || expertsPerCity[k.home] == expertsPerCity[best.home]
                            && cities.get(k.home).accountWeight() > cities.get(best.home).accountWeight()) {
                best = k;
            }
        }
        return best;
    }

    /** Experienced enough for A-accounts (docs/model.md): a fact about the KAM alone, before any account exists. */
    private boolean isExperienced(KamDraft k) {
        return k.experienceYears >= settings.aTierMinExperienceYears();
    }

    private String uniquePersonName(Country country, Set<String> taken) {
        List<String> firstNames = tables.firstNames(country);
        for (int attempt = 0; ; attempt++) {
            String last = draws.pick(country.lastNames());
            if (attempt >= 20) {
                // A big team exhausts the single surnames of a small country: double names are common.
                last = last + "-" + draws.pick(country.lastNames());
            }
            String name = draws.pick(firstNames) + " " + last;
            if (taken.add(name)) {
                return name;
            }
        }
    }

    // ---- accounts

    /**
     * {@code n} accounts without a tier yet ({@link #assignTiers} ranks them by revenue): the sector first,
     * then the territory by its weight for that sector (manufacturing around Stuttgart, finance in
     * Frankfurt), the complexity by the sector's mix, and a name that fits the place.
     */
    List<AccountDraft> accounts(int n) {
        long[][] cityWeightsBySector = new long[tables.sectors().size()][];
        for (int s = 0; s < cityWeightsBySector.length; s++) {
            String sectorId = tables.sectors().get(s).id();
            cityWeightsBySector[s] = cities.stream()
                    .mapToLong(c -> (long) c.accountWeight() * c.industryPercent(sectorId)).toArray();
        }
        Set<String> names = new HashSet<>();
        List<AccountDraft> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "A" + pad(i + 1, Math.max(4, digits(n)));
            int sector = draws.weighted(sectorWeights());
            int region = draws.weighted(cityWeightsBySector[sector]);
            SectorProfile profile = tables.sectors().get(sector);
            List<Integer> mix = sectorTeams ? profile.team().complexityWeights() : profile.complexityWeights();
            Complexity complexity = Complexity.values()[draws.weighted(
                    mix.stream().mapToLong(Integer::longValue).toArray())];
            Phase phase = draws.nextDouble() < ONBOARDING_SHARE ? Phase.ONBOARDING : Phase.ESTABLISHED;
            boolean remote = draws.nextDouble() < REMOTE_SHARE;
            long annualRevenue = revenue();
            String name = uniqueCompanyName(profile, cities.get(region), names);
            accounts.add(new AccountDraft(i, id, name, sector, region, complexity, phase, remote, annualRevenue));
        }
        return accounts;
    }

    /**
     * The {@code aCount} accounts with the most revenue are A-accounts, the next {@code bCount} B, the rest
     * C: the tier is a fact of the revenue, and how many of each a team can serve varies by dataset. An
     * A-account has several decision makers, so it is at least of medium complexity.
     */
    static void assignTiers(List<AccountDraft> accounts, int aCount, int bCount) {
        List<AccountDraft> ranked = byRevenue(accounts);
        for (int rank = 0; rank < ranked.size(); rank++) {
            AccountDraft a = ranked.get(rank);
            a.tier = rank < aCount ? Tier.A : rank < aCount + bCount ? Tier.B : Tier.C;
            a.complexity = a.tier == Tier.A && a.drawnComplexity == Complexity.LOW ? Complexity.MEDIUM : a.drawnComplexity;
        }
    }

    /** Most revenue first, ties by position. */
    static List<AccountDraft> byRevenue(List<AccountDraft> accounts) {
        List<AccountDraft> ranked = new ArrayList<>(accounts);
        ranked.sort(java.util.Comparator.comparingLong((AccountDraft a) -> -a.annualRevenue).thenComparingInt(a -> a.index));
        return ranked;
    }

    /**
     * Annual revenue with the account, Pareto-distributed from €150k (below that a customer is not a key
     * account) with a long tail into the tens of millions, rounded to thousands.
     */
    private long revenue() {
        double value = 150_000 * StrictMath.pow(1 - draws.nextDouble(), -1 / 1.1);
        return Math.round(Math.min(value, 250_000_000) / 1000) * 1000;
    }

    /**
     * A local word, a placeless word or a family name with the sector's trade: "Neckarguss GmbH" in
     * Stuttgart, "Sternlogistik AG", "Huber Maschinenbau GmbH". Never another place's river or landscape.
     */
    private String uniqueCompanyName(SectorProfile sector, City city, Set<String> taken) {
        Country country = tables.country(city.country());
        List<String> legalForms = country.legalForms();
        for (int attempt = 0; ; attempt++) {
            int kind = draws.nextInt(10);
            String stem = kind < 4 ? draws.pick(city.nameStems()) + draws.pick(sector.nameSuffixes())
                    : kind < 7 ? draws.pick(tables.companyNamePrefixes()) + draws.pick(sector.nameSuffixes())
                    : draws.pick(country.lastNames()) + " " + draws.pick(sector.familyFirmWords());
            if (stem.contains(" ") && kind < 7) {
                stem = stem.replace(" ", "-"); // "Silicon Saxony" + "data" reads as one word
            }
            String qualifier = attempt < 10 ? "" : " " + draws.pick(QUALIFIERS);
            String name = stem + qualifier + " " + draws.pick(legalForms);
            if (attempt >= 40) {
                name = stem + qualifier + " " + (attempt - 38) + " " + draws.pick(legalForms);
            }
            if (taken.add(name)) {
                return name;
            }
        }
    }

    /** Words a big customer base adds when a name is taken ("Sternlogistik Holding AG"). */
    private static final List<String> QUALIFIERS = List.of("Holding", "Gruppe", "Systeme", "International", "Partner");

    // ---- weights and ids

    private long[] cityWeights() {
        return cities.stream().mapToLong(City::accountWeight).toArray();
    }

    /** The sectors' weights in a territory: a KAM in Stuttgart more often knows manufacturing. */
    private long[] sectorWeightsIn(City city) {
        return tables.sectors().stream()
                .mapToLong(s -> (long) s.weight() * city.industryPercent(s.id())).toArray();
    }

    private long[] sectorWeights() {
        return tables.sectors().stream().mapToLong(SectorProfile::weight).toArray();
    }

    private static int digits(int n) {
        return String.valueOf(n).length();
    }

    private static String pad(int value, int width) {
        return String.format(Locale.ROOT, "%0" + width + "d", value);
    }
}
