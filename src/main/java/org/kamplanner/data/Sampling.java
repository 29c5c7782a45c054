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

    private static final double A_SHARE = 0.15;
    private static final double B_SHARE = 0.35;
    private static final double EXPERIENCED_SHARE = 0.70;
    private static final double PART_TIME_SHARE = 0.15;
    private static final double ONBOARDING_SHARE = 0.10;
    private static final double REMOTE_SHARE = 0.05;

    private final ReferenceTables tables;
    private final List<City> cities;
    private final Draws draws;
    private final PlanSettings settings;

    Sampling(ReferenceTables tables, List<City> cities, Draws draws, PlanSettings settings) {
        this.tables = tables;
        this.cities = cities;
        this.draws = draws;
        this.settings = settings;
    }

    // ---- KAMs

    /** {@code n} KAMs, with enough experienced experts for {@code accounts} accounts. */
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
            double weight = partTime[i] ? 0.6 + 0.1 * draws.nextInt(3) : 0.9 + 0.05 * draws.nextInt(5);
            KamDraft k = new KamDraft(i, id, name, homes[i], experienceYears, weight, tables.sectors().size());
            int sectorCount = draws.weighted(new long[] { 35, 45, 20 }) + 1;
            while (k.sectorCount() < sectorCount) {
                k.expertise[draws.weighted(sectorWeights())] = true;
            }
            kams.add(k);
        }
        ensureExperts(kams, accounts);
        return kams;
    }

    /**
     * Without enough experienced experts an A-account of an expertise sector has no legal KAM, and the
     * sector caps need room for every account of the sector; spreading the experts over the cities
     * keeps their travel short.
     */
    private void ensureExperts(List<KamDraft> kams, int accounts) {
        for (int s = 0; s < tables.sectors().size(); s++) {
            SectorProfile sector = tables.sectors().get(s);
            if (!sector.expertiseRequired()) {
                continue;
            }
            double share = sector.weight() / 100.0;
            int need = Math.max(2, Math.max((int) Math.ceil(kams.size() * share * 2.5),
                    (int) Math.ceil(accounts * share * 1.6 / sector.maxAccountsPerKam())));
            while (experiencedExperts(kams, s) < need) {
                KamDraft pick = nextExpertCandidate(kams, s);
                if (pick == null) {
                    break;
                }
                pick.expertise[s] = true;
            }
        }
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
            if (k.expertise[sector] || !isExperienced(k) || k.sectorCount() >= 3) {
                continue;
            }
            if (best == null || expertsPerCity[k.home] < expertsPerCity[best.home]
                    || expertsPerCity[k.home] == expertsPerCity[best.home]
                            && cities.get(k.home).populationThousands() > cities.get(best.home).populationThousands()) {
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

    /** {@code n} accounts with the 15 / 35 / 50 % tier mix, in the KAMs' cities. */
    List<AccountDraft> accounts(int n) {
        List<Tier> tiers = new ArrayList<>(n);
        int aCount = (int) Math.round(n * A_SHARE);
        int bCount = (int) Math.round(n * B_SHARE);
        for (int i = 0; i < n; i++) {
            tiers.add(i < aCount ? Tier.A : i < aCount + bCount ? Tier.B : Tier.C);
        }
        tiers = draws.shuffled(tiers);
        long[] cityWeights = cityWeights();
        Set<String> names = new HashSet<>();
        List<AccountDraft> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "A" + pad(i + 1, Math.max(4, digits(n)));
            Tier tier = tiers.get(i);
            int sector = draws.weighted(sectorWeights());
            int region = draws.weighted(cityWeights);
            Complexity complexity = complexityFor(tier);
            Phase phase = draws.nextDouble() < ONBOARDING_SHARE ? Phase.ONBOARDING : Phase.ESTABLISHED;
            boolean remote = draws.nextDouble() < REMOTE_SHARE;
            long annualRevenue = revenueFor(tier);
            String name = uniqueCompanyName(tables.sectors().get(sector), cities.get(region), names);
            accounts.add(new AccountDraft(i, id, name, sector, region, tier, complexity, phase, remote, annualRevenue));
        }
        return accounts;
    }

    /** A-accounts are the big, many-stakeholder ones; B and C make up the 25/50/25 overall mix. */
    private Complexity complexityFor(Tier tier) {
        long[] weights = tier == Tier.A ? new long[] { 10, 40, 50 } : new long[] { 276, 518, 206 };
        return Complexity.values()[draws.weighted(weights)];
    }

    /** Log-uniform within the tier's band, rounded to thousands. */
    private long revenueFor(Tier tier) {
        double low = switch (tier) { case A -> 2_000_000; case B -> 250_000; case C -> 20_000; };
        double high = switch (tier) { case A -> 80_000_000; case B -> 2_000_000; case C -> 250_000; };
        double value = StrictMath.exp(StrictMath.log(low) + draws.nextDouble() * (StrictMath.log(high) - StrictMath.log(low)));
        return Math.round(value / 1000) * 1000;
    }

    private String uniqueCompanyName(SectorProfile sector, City city, Set<String> taken) {
        List<String> legalForms = tables.country(city.country()).legalForms();
        for (int attempt = 0; ; attempt++) {
            String stem = draws.pick(tables.companyNamePrefixes()) + draws.pick(sector.nameSuffixes());
            String place = attempt < 3 ? "" : " " + city.name().split(" ")[0];
            String name = stem + place + " " + draws.pick(legalForms);
            if (attempt >= 30) {
                name = stem + place + " " + (attempt - 28) + " " + draws.pick(legalForms);
            }
            if (taken.add(name)) {
                return name;
            }
        }
    }

    // ---- weights and ids

    private long[] cityWeights() {
        return cities.stream().mapToLong(City::populationThousands).toArray();
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
