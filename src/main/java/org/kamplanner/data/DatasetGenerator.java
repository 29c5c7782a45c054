package org.kamplanner.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.kamplanner.data.ReferenceTables.City;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.domain.Complexity;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Region;
import org.kamplanner.domain.Tier;
import org.kamplanner.domain.TravelTimes;

/**
 * Deterministic demo datasets for key account management in Germany, Austria and Switzerland: a
 * {@link Spec} in, a plan document out, by way of the reference tables ({@link ReferenceTables}), the
 * drawn team ({@link Sampling}), its history ({@link Relationships}) and the {@link ReferencePlan}.
 *
 * <p>The same {@link Spec} always gives the same document: one seeded {@link Draws} per spec, drawn in a
 * fixed order, and no decision ever depends on hash iteration order.
 *
 * <p>A KAM's capacity is a person's: 100–130 hours a month for accounts when full time (docs/model.md's
 * default is 120 h), drawn, not derived from seniority. What a dataset sizes instead is its tiers: the
 * accounts are ranked by revenue and the team gets as many A- and B-accounts as it can carry with
 * {@link Spec#capacityMargin()} to spare (below 1: too many to carry), checked on the reference plan,
 * which honours every hard constraint of docs/model.md except capacity.
 */
public final class DatasetGenerator {

    /**
     * @param capacityMargin total active capacity / total workload of the reference plan: 1.2 for a
     *        dataset that fits. Below 1 it is over-full and the margin applies to the smallest total
     *        workload any plan can have (when that is below the reference's), so unassigned accounts
     *        are unavoidable
     * @param sectorTeams each KAM works one main sector, with the sector's own tier shares and complexity
     *        mix (the reference table's {@code team}), so that a KAM carries as many accounts as
     *        docs/model.md's defaults document for its sector; without, KAMs span one to three drawn
     *        sectors and tiers are ranked over the whole dataset (the plan families, which others
     *        benchmark on, keep that)
     */
    public record Spec(String name, int kams, int accounts, long seed, double capacityMargin, boolean sectorTeams) {

        public Spec(String name, int kams, int accounts, long seed, double capacityMargin) {
            this(name, kams, accounts, seed, capacityMargin, false);
        }
    }

    public static final List<Spec> BUNDLED = List.of(
            new Spec("dach-small", 5, 60, 20270001L, 1.2, true),
            new Spec("dach-medium", 40, 500, 20270002L, 1.2, true),
            new Spec("dach-large", 200, 3000, 20270003L, 1.2, true),
            new Spec("dach-xl", 1000, 15000, 20270004L, 1.2, true),
            new Spec("dach-overfull", 8, 110, 20270005L, 0.8, true),
            // Over-full but less so: CP-SAT proves their medium optimum in seconds (benchmarks --exact),
            // and it drops some A- and B-accounts while keeping some C-accounts, so coverage is a choice.
            new Spec("dach-overfull-small", 8, 80, 20270006L, 0.9, true),
            new Spec("dach-overfull-medium", 10, 160, 20270007L, 0.9, true));

    /** A document with the reference assignment (account id → KAM id) its capacities were sized on. */
    record Generated(PlanDocument document, Map<String, String> referenceAssignment) {
    }

    /** Forbidden pairs, affinities, pins and travel overrides appear from this team size on ("medium and larger"). */
    private static final int RICH_FROM_KAMS = 40;

    private static final ReferenceTables DACH = ReferenceTables.load(ReferenceTables.DACH_RESOURCE);

    private final Spec spec;
    private final ReferenceTables tables;
    private final PlanSettings settings = PlanSettings.defaults();
    private final Draws draws;
    /**
     * The table's first max(4, KAMs / 2) territories: the table is ordered so that any prefix is a plausible
     * footprint, and a team of five covers a few territories, not all of DACH.
     */
    private final List<City> cities;
    private final List<Region> regions = new ArrayList<>();
    private final List<TravelTimes.Override> overrides;

    private DatasetGenerator(Spec spec, ReferenceTables tables) {
        this.spec = spec;
        this.tables = tables;
        this.draws = new Draws(spec.seed());
        this.cities = tables.cities().subList(0, Math.min(tables.cities().size(), Math.max(4, spec.kams() / 2)));
        for (City city : cities) {
            regions.add(new Region(city.id(), city.name(), city.latitude(), city.longitude(), regions.size()));
        }
        Set<String> cityIds = cities.stream().map(City::id).collect(Collectors.toSet());
        this.overrides = !rich() ? List.of() : tables.travelOverrides().stream()
                .filter(o -> cityIds.contains(o.fromRegionId()) && cityIds.contains(o.toRegionId()))
                .toList();
    }

    public static PlanDocument generate(Spec spec) {
        return build(spec).document();
    }

    static Generated build(Spec spec) {
        return new DatasetGenerator(spec, DACH).run();
    }

    public static void writeBundled(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Spec spec : BUNDLED) {
                Files.writeString(dir.resolve(spec.name() + ".json"), toJson(generate(spec)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled file content: pretty-printed, "\n" line ends whatever the platform, final newline. */
    public static String toJson(PlanDocument document) {
        try {
            String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
            return json.replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Regenerates the bundled datasets: into {@code datasets/}, or the directory given. */
    public static void main(String[] args) {
        writeBundled(Path.of(args.length > 0 ? args[0] : "datasets"));
    }

    /** The steps in the order they draw from the seeded random: reordering them changes every dataset. */
    private Generated run() {
        Sampling sampling = new Sampling(tables, cities, draws, settings, spec.sectorTeams());
        List<KamDraft> kams = sampling.kams(spec.kams(), spec.accounts());
        List<AccountDraft> accounts = sampling.accounts(spec.accounts());
        TravelTimes travel = TravelTimes.of(regions, overrides, settings);
        double bPerA = 2.5 + draws.nextDouble(); // drawn for sector teams too, which do not use it
        if (spec.sectorTeams()) {
            sizeSectorTeams(kams, accounts, travel, sampling);
        } else {
            sizeTiers(kams, accounts, travel, bPerA);
        }
        DraftModel model = new DraftModel(settings, regions, travel, tables.sectors(), kams, accounts);
        Relationships relationships = new Relationships(model, accounts, draws);
        List<PlanDocument.ForbiddenPair> forbiddenPairs =
                rich() ? relationships.forbiddenPairs(tables.forbiddenReasons()) : List.of();
        ReferencePlan reference = ReferencePlan.build(spec.name(), model, kams, accounts);
        relationships.setIncumbents(reference);
        if (rich()) {
            relationships.pin(reference);
        }
        if (spec.capacityMargin() >= 1) {
            reference.addHeadroom();
        }
        reference.limitAccounts(draws);
        List<PlanDocument.Affinity> affinities = rich() ? relationships.affinities() : List.of();
        return new Generated(toDocument(kams, accounts, forbiddenPairs, affinities), reference.assignment());
    }

    // ---- tiers sized to the team

    /**
     * How many A- and B-accounts the team can serve: the capacities are drawn (100–130 hours a month for a
     * full-time KAM), so the tiers are what is sized, by revenue rank ({@link Sampling#assignTiers}), with
     * about {@code bPerA} B-accounts per A-account. A dataset that fits gets the most A-accounts whose
     * reference plan leaves the margin (the reference's travel is measured and the estimate corrected, two
     * rounds); an over-full one gets tiers whose smallest possible workload (every account on its nearest
     * KAM, whatever the rules) is capacity / margin, so that unassigned accounts are provably unavoidable.
     */
    private void sizeTiers(List<KamDraft> kams, List<AccountDraft> accounts, TravelTimes travel, double bPerA) {
        double target = capacity(kams) / spec.capacityMargin();
        int[] nearest = nearestTravel(kams, travel);
        List<AccountDraft> ranked = Sampling.byRevenue(accounts);
        boolean fits = spec.capacityMargin() >= 1;
        double correction = 1;
        for (int round = 0; ; round++) {
            long[] counts = tierCounts(ranked, nearest, target / correction, bPerA, fits);
            Sampling.assignTiers(accounts, (int) counts[0], (int) counts[1]);
            if (!fits || round == 2) {
                return;
            }
            DraftModel trial = new DraftModel(settings, regions, travel, tables.sectors(), kams, accounts);
            long actual = ReferencePlan.build(spec.name(), trial, kams, accounts).totalLoad();
            correction = (double) actual / counts[2];
        }
    }

    /**
     * {@link #sizeTiers} for sector teams: the tiers by one scale of the sectors' tier shares
     * ({@link SectorTeams#assignTiers}), then each KAM's main sector and the experts the hard rules need;
     * the same margin and the same two rounds of correcting the estimate on the reference plan.
     */
    private void sizeSectorTeams(List<KamDraft> kams, List<AccountDraft> accounts, TravelTimes travel, Sampling sampling) {
        double target = capacity(kams) / spec.capacityMargin();
        SectorTeams teams = new SectorTeams(tables.sectors(), settings, accounts, nearestTravel(kams, travel));
        boolean fits = spec.capacityMargin() >= 1;
        double correction = 1;
        for (int round = 0; ; round++) {
            long estimate = teams.assignTiers(target / correction, !fits);
            teams.assignMainSectors(kams, cities);
            sampling.ensureExperts(kams, spec.accounts(), teams.accountsBySector());
            if (!fits || round == 2) {
                return;
            }
            DraftModel trial = new DraftModel(settings, regions, travel, tables.sectors(), kams, accounts);
            correction = (double) ReferencePlan.build(spec.name(), trial, kams, accounts).totalLoad() / estimate;
        }
    }

    private static long capacity(List<KamDraft> kams) {
        return kams.stream().mapToLong(k -> k.capacityMinutes).sum();
    }

    /** Per region, the travel from the nearest KAM's home. */
    private int[] nearestTravel(List<KamDraft> kams, TravelTimes travel) {
        int[] nearest = new int[regions.size()];
        for (Region region : regions) {
            nearest[region.index()] = kams.stream()
                    .mapToInt(k -> travel.minutes(regions.get(k.home), region)).min().orElseThrow();
        }
        return nearest;
    }

    /** {A count, B count, estimated total workload} for the target; see {@link #sizeTiers}. */
    private long[] tierCounts(List<AccountDraft> ranked, int[] nearest, double target, double bPerA, boolean fits) {
        int n = ranked.size();
        long[][] prefix = new long[3][n + 1];
        for (int r = 0; r < n; r++) {
            AccountDraft a = ranked.get(r);
            for (Tier tier : Tier.values()) {
                Complexity complexity = tier == Tier.A && a.drawnComplexity == Complexity.LOW
                        ? Complexity.MEDIUM : a.drawnComplexity;
                long minutes = settings.baseMinutes(tier, complexity, a.phase)
                        + settings.visitTravelMinutes(tier, a.remote, nearest[a.region]);
                prefix[tier.ordinal()][r + 1] = prefix[tier.ordinal()][r] + minutes;
            }
        }
        int aCount = 0;
        while (aCount < n && total(prefix, n, aCount + 1, bFor(aCount + 1, bPerA, n)) <= target) {
            aCount++;
        }
        int bCount;
        if (fits) {
            bCount = 0;
            while (aCount + bCount < n && total(prefix, n, aCount, bCount + 1) <= target) {
                bCount++;
            }
        } else {
            bCount = 0;
            while (aCount + bCount < n && total(prefix, n, aCount, bCount) < target) {
                bCount++;
            }
        }
        return new long[] { aCount, bCount, total(prefix, n, aCount, bCount) };
    }

    private static int bFor(int aCount, double bPerA, int n) {
        return (int) Math.min(n - aCount, Math.round(aCount * bPerA));
    }

    private static long total(long[][] prefix, int n, int aCount, int bCount) {
        long[] a = prefix[Tier.A.ordinal()];
        long[] b = prefix[Tier.B.ordinal()];
        long[] c = prefix[Tier.C.ordinal()];
        return a[aCount] + b[aCount + bCount] - b[aCount] + c[n] - c[aCount + bCount];
    }

    private boolean rich() {
        return spec.kams() >= RICH_FROM_KAMS;
    }

    // ---- the document

    private PlanDocument toDocument(List<KamDraft> kams, List<AccountDraft> accounts,
            List<PlanDocument.ForbiddenPair> forbiddenPairs, List<PlanDocument.Affinity> affinities) {
        List<PlanDocument.Sector> sectors = tables.sectors().stream()
                .map(s -> new PlanDocument.Sector(s.id(), s.name(), s.maxAccountsPerKam(), s.expertiseRequired()))
                .toList();
        List<PlanDocument.Region> regionDocs = cities.stream()
                .map(c -> new PlanDocument.Region(c.id(), c.name(), c.latitude(), c.longitude()))
                .toList();
        List<PlanDocument.TravelOverride> overrideDocs = overrides.stream()
                .map(o -> new PlanDocument.TravelOverride(o.fromRegionId(), o.toRegionId(), o.minutes()))
                .toList();
        List<PlanDocument.Kam> kamDocs = kams.stream().map(this::toDocument).toList();
        List<PlanDocument.Account> accountDocs = accounts.stream()
                .map(a -> a.toDocument(tables.sectors().get(a.sector).id(), cities.get(a.region).id(),
                        a.currentKam == null ? null : kams.get(a.currentKam).id))
                .toList();
        String title = spec.name() + " (" + spec.kams() + " KAMs, " + spec.accounts() + " accounts"
                + (spec.capacityMargin() < 1 ? ", capacity below workload)" : ")");
        return new PlanDocument(null, title, null, null, null, null, null, null, null, sectors, regionDocs,
                overrideDocs, forbiddenPairs, affinities, kamDocs, accountDocs);
    }

    private PlanDocument.Kam toDocument(KamDraft k) {
        List<String> sectorIds = new ArrayList<>();
        for (int s = 0; s < k.expertise.length; s++) {
            if (k.expertise[s]) {
                sectorIds.add(tables.sectors().get(s).id());
            }
        }
        return new PlanDocument.Kam(k.id, k.name, cities.get(k.home).id(), k.experienceYears, sectorIds,
                k.capacityMinutes, k.maxAccounts, true, null, null, null, null);
    }
}
