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
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Region;
import org.kamplanner.domain.TravelTimes;

/**
 * Deterministic demo datasets for key account management in Germany, Austria and Switzerland: a
 * {@link Spec} in, a plan document out, by way of the reference tables ({@link ReferenceTables}), the
 * drawn team ({@link Sampling}), its history ({@link Relationships}) and the {@link ReferencePlan}.
 *
 * <p>The same {@link Spec} always gives the same document: one seeded {@link Draws} per spec, drawn in a
 * fixed order, and no decision ever depends on hash iteration order.
 *
 * <p>Capacities are sized on the reference plan, which honours every hard constraint of docs/model.md
 * except capacity; each KAM's capacity is then set so that the team can carry that plan with
 * {@link Spec#capacityMargin()} to spare. With 12–15 accounts per KAM this lands well above
 * docs/model.md's 7200-minute default: {@code capacityMinutes} is read as the capacity of a KAM's team,
 * assistants and inside sales included, not of one person.
 */
public final class DatasetGenerator {

    /**
     * @param capacityMargin total active capacity / total workload of the reference plan: 1.2 for a
     *        dataset that fits. Below 1 it is over-full and the margin applies to the smallest total
     *        workload any plan can have (when that is below the reference's), so unassigned accounts
     *        are unavoidable
     */
    public record Spec(String name, int kams, int accounts, long seed, double capacityMargin) {
    }

    public static final List<Spec> BUNDLED = List.of(
            new Spec("dach-small", 5, 60, 20270001L, 1.2),
            new Spec("dach-medium", 40, 500, 20270002L, 1.2),
            new Spec("dach-large", 200, 3000, 20270003L, 1.2),
            new Spec("dach-xl", 1000, 15000, 20270004L, 1.2),
            new Spec("dach-overfull", 8, 110, 20270005L, 0.8),
            // Over-full but less so: CP-SAT proves their medium optimum in seconds (benchmarks --exact),
            // and it drops some A- and B-accounts while keeping some C-accounts, so coverage is a choice.
            new Spec("dach-overfull-small", 8, 80, 20270006L, 0.9),
            new Spec("dach-overfull-medium", 10, 160, 20270007L, 0.9));

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
    /** The table's first max(8, KAMs / 2) cities: the table is ordered so that any prefix is a plausible footprint. */
    private final List<City> cities;
    private final List<Region> regions = new ArrayList<>();
    private final List<TravelTimes.Override> overrides;

    private DatasetGenerator(Spec spec, ReferenceTables tables) {
        this.spec = spec;
        this.tables = tables;
        this.draws = new Draws(spec.seed());
        this.cities = tables.cities().subList(0, Math.min(tables.cities().size(), Math.max(8, spec.kams() / 2)));
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
        Sampling sampling = new Sampling(tables, cities, draws, settings);
        List<KamDraft> kams = sampling.kams(spec.kams(), spec.accounts());
        List<AccountDraft> accounts = sampling.accounts(spec.accounts());
        DraftModel model = new DraftModel(settings, regions, TravelTimes.of(regions, overrides, settings),
                tables.sectors(), kams, accounts);
        Relationships relationships = new Relationships(model, accounts, draws);
        List<PlanDocument.ForbiddenPair> forbiddenPairs =
                rich() ? relationships.forbiddenPairs(tables.forbiddenReasons()) : List.of();
        ReferencePlan reference = ReferencePlan.build(spec.name(), model, kams, accounts);
        relationships.setIncumbents(reference);
        if (rich()) {
            relationships.pin(reference);
        }
        reference.sizeCapacities(spec.capacityMargin());
        reference.limitAccounts(draws);
        List<PlanDocument.Affinity> affinities = rich() ? relationships.affinities() : List.of();
        return new Generated(toDocument(kams, accounts, forbiddenPairs, affinities), reference.assignment());
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
