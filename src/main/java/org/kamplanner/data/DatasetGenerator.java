package org.kamplanner.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.domain.Complexity;
import org.kamplanner.domain.Phase;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Region;
import org.kamplanner.domain.Tier;
import org.kamplanner.domain.TravelTimes;

/**
 * Deterministic demo datasets for key account management in Germany, Austria and Switzerland.
 *
 * <p>The same {@link Spec} always gives the same document: one {@link SplittableRandom} per spec,
 * drawn in a fixed order, and no decision ever depends on hash iteration order.
 *
 * <p>Capacities are sized on a reference plan built here by an explicit greedy that honours every
 * hard constraint of MODEL.md except capacity; each KAM's capacity is then set so that the team can
 * carry that plan with {@link Spec#capacityMargin()} to spare. With 12–15 accounts per KAM this
 * lands well above MODEL.md's 7200-minute default: {@code capacityMinutes} is read as the capacity
 * of a KAM's team, assistants and inside sales included, not of one person.
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

    private enum Country { DE, AT, CH, CH_FR }

    /** {@code population} in thousands: the weight for where accounts and KAMs are. */
    private record City(String id, String name, double latitude, double longitude, int population, Country country) {
    }

    /** {@code weight}: share of the accounts, in percent. */
    private record SectorDef(String id, String name, int maxAccountsPerKam, boolean expertiseRequired, int weight,
            List<String> nameSuffixes) {
    }

    /** Ordered so that any prefix is a plausible DACH footprint: small datasets take the first cities. */
    private static final List<City> CITIES = List.of(
            new City("BER", "Berlin", 52.5200, 13.4050, 3850, Country.DE),
            new City("HAM", "Hamburg", 53.5511, 9.9937, 1900, Country.DE),
            new City("MUC", "München", 48.1372, 11.5756, 1510, Country.DE),
            new City("CGN", "Köln", 50.9375, 6.9603, 1085, Country.DE),
            new City("FRA", "Frankfurt am Main", 50.1109, 8.6821, 775, Country.DE),
            new City("STR", "Stuttgart", 48.7758, 9.1829, 630, Country.DE),
            new City("VIE", "Wien", 48.2082, 16.3738, 2000, Country.AT),
            new City("ZRH", "Zürich", 47.3769, 8.5417, 440, Country.CH),
            new City("DUS", "Düsseldorf", 51.2277, 6.7735, 620, Country.DE),
            new City("LEJ", "Leipzig", 51.3397, 12.3731, 620, Country.DE),
            new City("DRS", "Dresden", 51.0504, 13.7373, 565, Country.DE),
            new City("HAJ", "Hannover", 52.3759, 9.7320, 545, Country.DE),
            new City("NUE", "Nürnberg", 49.4521, 11.0767, 525, Country.DE),
            new City("GRZ", "Graz", 47.0707, 15.4395, 300, Country.AT),
            new City("SZG", "Salzburg", 47.8095, 13.0550, 157, Country.AT),
            new City("INN", "Innsbruck", 47.2692, 11.4041, 132, Country.AT),
            new City("BSL", "Basel", 47.5596, 7.5886, 175, Country.CH),
            new City("GVA", "Genf", 46.2044, 6.1432, 205, Country.CH_FR),
            new City("BRE", "Bremen", 53.0793, 8.8017, 570, Country.DE),
            new City("DTM", "Dortmund", 51.5136, 7.4653, 595, Country.DE),
            new City("ESS", "Essen", 51.4556, 7.0116, 585, Country.DE),
            new City("DUI", "Duisburg", 51.4344, 6.7623, 500, Country.DE),
            new City("BOC", "Bochum", 51.4818, 7.2162, 365, Country.DE),
            new City("WUP", "Wuppertal", 51.2562, 7.1508, 355, Country.DE),
            new City("BIE", "Bielefeld", 52.0302, 8.5325, 335, Country.DE),
            new City("BON", "Bonn", 50.7374, 7.0982, 335, Country.DE),
            new City("MST", "Münster", 51.9607, 7.6261, 320, Country.DE),
            new City("MHM", "Mannheim", 49.4875, 8.4660, 315, Country.DE),
            new City("KAR", "Karlsruhe", 49.0069, 8.4037, 308, Country.DE),
            new City("AUG", "Augsburg", 48.3705, 10.8978, 300, Country.DE),
            new City("WIE", "Wiesbaden", 50.0782, 8.2398, 280, Country.DE),
            new City("FRE", "Freiburg im Breisgau", 47.9990, 7.8421, 235, Country.DE),
            new City("LNZ", "Linz", 48.3069, 14.2858, 210, Country.AT),
            new City("BRN", "Bern", 46.9480, 7.4474, 135, Country.CH),
            new City("LSN", "Lausanne", 46.5197, 6.6323, 140, Country.CH_FR),
            new City("KIE", "Kiel", 54.3233, 10.1228, 247, Country.DE),
            new City("ERF", "Erfurt", 50.9848, 11.0299, 215, Country.DE),
            new City("ROS", "Rostock", 54.0924, 12.0991, 210, Country.DE),
            new City("SAR", "Saarbrücken", 49.2402, 6.9969, 180, Country.DE));

    /**
     * Where the haversine road estimate is wrong: long domestic legs are flown or taken by ICE (door
     * to door, airport time included), and alpine roads are slower or faster than the straight line
     * suggests (Bern–Innsbruck winds over the Arlberg; Zürich–Innsbruck has a direct motorway).
     */
    private static final List<TravelTimes.Override> OVERRIDES = List.of(
            new TravelTimes.Override("BER", "MUC", 270),
            new TravelTimes.Override("HAM", "MUC", 270),
            new TravelTimes.Override("BER", "ZRH", 300),
            new TravelTimes.Override("HAM", "ZRH", 300),
            new TravelTimes.Override("BER", "VIE", 290),
            new TravelTimes.Override("HAM", "VIE", 300),
            new TravelTimes.Override("CGN", "VIE", 300),
            new TravelTimes.Override("MUC", "VIE", 240),
            new TravelTimes.Override("ZRH", "INN", 170),
            new TravelTimes.Override("BRN", "INN", 330));

    private static final List<SectorDef> SECTORS = List.of(
            new SectorDef("GREENTECH", "GreenTech", 10, true, 11,
                    List.of("solar", "wind", "energie", "watt", "umwelt", "recycling", "wasserstoff")),
            new SectorDef("DIGITAL", "Digitalisation", 8, true, 9,
                    List.of("data", "soft", "net", "digital", "cloud", "logic", "ware")),
            new SectorDef("AUTOMATION", "Automation", 8, true, 7,
                    List.of("tronic", "matic", "robotik", "sensorik", "antriebe", "steuerung", "automation")),
            new SectorDef("MANUFACTURING", "Manufacturing", 25, false, 28,
                    List.of("bau", "werk", "guss", "stahl", "metall", "maschinen", "plast", "form")),
            new SectorDef("SERVICES", "Services", 15, false, 18,
                    List.of("consult", "service", "logistik", "plan", "facility", "personal", "akademie")),
            new SectorDef("FINANCE", "Finance", 15, false, 12,
                    List.of("invest", "kapital", "finanz", "leasing", "assekuranz", "treuhand", "bank")),
            new SectorDef("B2B_TRADE", "B2B trade", 20, false, 15,
                    List.of("handel", "trade", "vertrieb", "import", "versand", "kontor", "depot")));

    private static final List<String> NAME_PREFIXES = List.of(
            "Alpen", "Rhein", "Donau", "Elbe", "Main", "Isar", "Neckar", "Ruhr", "Weser", "Boden", "Hanse",
            "Nord", "Süd", "Ost", "West", "Berg", "Tal", "Stern", "Falken", "Adler", "Linden", "Eichen", "Blau",
            "Grün", "Silber", "Gold", "Kristall", "Fels", "Wald", "Sonnen", "Licht", "Heide", "Taunus", "Jura",
            "Tauern", "Säntis", "Pilatus", "Spree", "Mosel", "Harz");

    /** Repeated entries weight the draw: most business customers are GmbHs, few are SEs. */
    private static final Map<Country, List<String>> LEGAL_FORMS = Map.of(
            Country.DE, List.of("GmbH", "GmbH", "GmbH", "GmbH", "AG", "GmbH & Co. KG", "GmbH & Co. KG", "KG", "SE"),
            Country.AT, List.of("GmbH", "GmbH", "AG", "Ges.m.b.H.", "KG"),
            Country.CH, List.of("AG", "AG", "GmbH"),
            Country.CH_FR, List.of("SA", "SA", "Sàrl"));

    private static final List<String> FIRST_NAMES = List.of(
            "Anna", "Lukas", "Sophie", "Jonas", "Laura", "Maximilian", "Lena", "Felix", "Julia", "Tobias",
            "Katharina", "Florian", "Sarah", "Stefan", "Christina", "Michael", "Sabine", "Andreas", "Nina",
            "Thomas", "Lea", "Matthias", "Johanna", "Daniel", "Claudia", "Markus", "Eva", "Sebastian", "Miriam",
            "Philipp", "Theresa", "Georg", "Marie", "Jan", "Carina", "Dominik", "Verena", "Martin", "Petra",
            "Simon", "Leonie", "Fabian", "Elias", "Hannah", "Jürgen", "Birgit", "Ralf", "Anja", "Kerstin", "Uwe");

    private static final Map<Country, List<String>> EXTRA_FIRST_NAMES = Map.of(
            Country.DE, List.of(),
            Country.AT, List.of("Valentina", "Alois", "Magdalena", "Wolfgang", "Barbara"),
            Country.CH, List.of("Reto", "Urs", "Beat", "Corinne", "Nadine", "Seraina"),
            Country.CH_FR, List.of("Camille", "Julien", "Chloé", "Nicolas", "Léa", "Mathieu", "Céline", "Antoine"));

    private static final Map<Country, List<String>> LAST_NAMES = Map.of(
            Country.DE, List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
                    "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz",
                    "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause",
                    "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter"),
            Country.AT, List.of("Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer", "Hofer",
                    "Leitner", "Berger", "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber", "Schwarz", "Maier",
                    "Reiter", "Brunner", "Lang", "Wallner", "Aigner"),
            Country.CH, List.of("Müller", "Meier", "Schmid", "Keller", "Weber", "Huber", "Schneider", "Meyer",
                    "Steiner", "Fischer", "Gerber", "Brunner", "Baumann", "Frei", "Zimmermann", "Moser", "Widmer",
                    "Wyss", "Graf", "Roth"),
            Country.CH_FR, List.of("Favre", "Rochat", "Dubois", "Bonvin", "Perret", "Girard", "Rey", "Morel",
                    "Blanc", "Mercier", "Jaquet", "Chevalley"));

    private static final List<String> FORBIDDEN_REASONS = List.of(
            "former employer", "customer veto", "family member in the customer's purchasing team",
            "conflict of interest: shareholding", "unresolved complaint against this KAM");

    private static final double A_SHARE = 0.15;
    private static final double B_SHARE = 0.35;
    private static final double EXPERIENCED_SHARE = 0.70;
    private static final double PART_TIME_SHARE = 0.15;
    private static final double ONBOARDING_SHARE = 0.10;
    private static final double REMOTE_SHARE = 0.05;
    private static final double INCUMBENT_SHARE = 0.60;
    /** Most incumbents keep their account in a good plan; the rest give the solver moves to weigh. */
    private static final double INCUMBENT_IS_REFERENCE_SHARE = 0.75;
    private static final double MAX_ACCOUNTS_SHARE = 0.25;
    /** Every KAM keeps at least this headroom over the reference load, so that plan is not a knife edge. */
    private static final double HEADROOM = 1.05;
    /** Forbidden pairs, affinities and pins appear from this team size on ("medium and larger"). */
    private static final int RICH_FROM_KAMS = 40;

    private final Spec spec;
    private final SplittableRandom random;
    private final PlanSettings settings = PlanSettings.defaults();
    private final List<City> cities;
    private final List<Region> regions = new ArrayList<>();
    private final List<TravelTimes.Override> overrides = new ArrayList<>();
    private final TravelTimes travel;
    private final List<KamDraft> kams = new ArrayList<>();
    private final List<AccountDraft> accounts = new ArrayList<>();
    private final List<PlanDocument.ForbiddenPair> forbiddenPairs = new ArrayList<>();
    private final List<PlanDocument.Affinity> affinities = new ArrayList<>();
    private int[] reference;
    private long[] referenceLoad;

    private static final class KamDraft {
        int index;
        String id;
        String name;
        int home;
        int experienceYears;
        boolean[] expertise = new boolean[SECTORS.size()];
        /** Relative capacity: 1 for full time, 0.6–0.8 for part-timers. */
        double weight;
        int capacityMinutes;
        Integer maxAccounts;

        int sectorCount() {
            int count = 0;
            for (boolean e : expertise) {
                count += e ? 1 : 0;
            }
            return count;
        }
    }

    private static final class AccountDraft {
        int index;
        String id;
        String name;
        int sector;
        int region;
        Tier tier;
        Complexity complexity;
        Phase phase;
        boolean remote;
        long annualRevenue;
        int base;
        Integer currentKam;
        boolean pinned;
        /** KAM indices; a list because the greedy asks it a million times and it is almost always empty. */
        List<Integer> forbiddenKams = new ArrayList<>();
    }

    private DatasetGenerator(Spec spec) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
        int cityCount = Math.min(CITIES.size(), Math.max(8, spec.kams() / 2));
        this.cities = CITIES.subList(0, cityCount);
        for (City city : cities) {
            regions.add(new Region(city.id(), city.name(), city.latitude(), city.longitude(), regions.size()));
        }
        if (rich()) {
            for (TravelTimes.Override o : OVERRIDES) {
                if (cityIndex(o.fromRegionId()) >= 0 && cityIndex(o.toRegionId()) >= 0) {
                    overrides.add(o);
                }
            }
        }
        this.travel = TravelTimes.of(regions, overrides, settings);
    }

    public static PlanDocument generate(Spec spec) {
        return build(spec).document();
    }

    static Generated build(Spec spec) {
        return new DatasetGenerator(spec).run();
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

    public static void main(String[] args) {
        writeBundled(Path.of(args.length > 0 ? args[0] : "datasets"));
    }

    private Generated run() {
        createKams();
        ensureExperts();
        createAccounts();
        if (rich()) {
            createForbiddenPairs();
        }
        buildReference();
        setIncumbents();
        if (rich()) {
            pinAccounts();
        }
        setCapacities();
        setMaxAccounts();
        if (rich()) {
            createAffinities();
        }
        Map<String, String> assignment = new LinkedHashMap<>();
        for (AccountDraft a : accounts) {
            assignment.put(a.id, kams.get(reference[a.index]).id);
        }
        return new Generated(toDocument(), Collections.unmodifiableMap(assignment));
    }

    private boolean rich() {
        return spec.kams() >= RICH_FROM_KAMS;
    }

    // ---- KAMs

    private void createKams() {
        int n = spec.kams();
        int[] homes = systematicSample(n, cityWeights());
        shuffle(homes);
        boolean[] experienced = exactShare(n, EXPERIENCED_SHARE);
        boolean[] partTime = exactShare(n, PART_TIME_SHARE);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            KamDraft k = new KamDraft();
            k.index = i;
            k.id = "K" + pad(i + 1, Math.max(3, digits(n)));
            k.home = homes[i];
            k.name = uniquePersonName(cities.get(k.home).country(), names);
            k.experienceYears = experienced[i] ? 5 + random.nextInt(10) + random.nextInt(12) : random.nextInt(5);
            k.weight = partTime[i] ? 0.6 + 0.1 * random.nextInt(3) : 0.9 + 0.05 * random.nextInt(5);
            int sectorCount = pickWeighted(new long[] { 35, 45, 20 }) + 1;
            while (k.sectorCount() < sectorCount) {
                k.expertise[pickWeighted(sectorWeights())] = true;
            }
            kams.add(k);
        }
    }

    /**
     * Without enough experienced experts an A-account of an expertise sector has no legal KAM, and the
     * sector caps need room for every account of the sector; spreading the experts over the cities
     * keeps their travel short.
     */
    private void ensureExperts() {
        for (int s = 0; s < SECTORS.size(); s++) {
            SectorDef sector = SECTORS.get(s);
            if (!sector.expertiseRequired()) {
                continue;
            }
            double share = sector.weight() / 100.0;
            int need = Math.max(2, Math.max((int) Math.ceil(spec.kams() * share * 2.5),
                    (int) Math.ceil(spec.accounts() * share * 1.6 / sector.maxAccountsPerKam())));
            while (experiencedExperts(s) < need) {
                KamDraft pick = nextExpertCandidate(s);
                if (pick == null) {
                    break;
                }
                pick.expertise[s] = true;
            }
        }
    }

    private int experiencedExperts(int sector) {
        int count = 0;
        for (KamDraft k : kams) {
            if (k.expertise[sector] && isExperienced(k)) {
                count++;
            }
        }
        return count;
    }

    /** The experienced non-expert in the city with the fewest such experts, bigger cities first. */
    private KamDraft nextExpertCandidate(int sector) {
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
                            && cities.get(k.home).population() > cities.get(best.home).population()) {
                best = k;
            }
        }
        return best;
    }

    private boolean isExperienced(KamDraft k) {
        return k.experienceYears >= settings.aTierMinExperienceYears();
    }

    private String uniquePersonName(Country country, Set<String> taken) {
        List<String> firstNames = new ArrayList<>(country == Country.CH_FR ? List.of() : FIRST_NAMES);
        firstNames.addAll(EXTRA_FIRST_NAMES.get(country));
        List<String> lastNames = LAST_NAMES.get(country);
        for (int attempt = 0; ; attempt++) {
            String last = pick(lastNames);
            if (attempt >= 20) {
                // A big team exhausts the single surnames of a small country: double names are common.
                last = last + "-" + pick(lastNames);
            }
            String name = pick(firstNames) + " " + last;
            if (taken.add(name)) {
                return name;
            }
        }
    }

    // ---- accounts

    private void createAccounts() {
        int n = spec.accounts();
        Tier[] tiers = new Tier[n];
        int aCount = (int) Math.round(n * A_SHARE);
        int bCount = (int) Math.round(n * B_SHARE);
        for (int i = 0; i < n; i++) {
            tiers[i] = i < aCount ? Tier.A : i < aCount + bCount ? Tier.B : Tier.C;
        }
        shuffle(tiers);
        long[] cityWeights = cityWeights();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            AccountDraft a = new AccountDraft();
            a.index = i;
            a.id = "A" + pad(i + 1, Math.max(4, digits(n)));
            a.tier = tiers[i];
            a.sector = pickWeighted(sectorWeights());
            a.region = pickWeighted(cityWeights);
            a.complexity = complexityFor(a.tier);
            a.phase = random.nextDouble() < ONBOARDING_SHARE ? Phase.ONBOARDING : Phase.ESTABLISHED;
            a.remote = random.nextDouble() < REMOTE_SHARE;
            a.annualRevenue = revenueFor(a.tier);
            a.name = uniqueCompanyName(a, names);
            a.base = settings.baseMinutes(a.tier, a.complexity, a.phase);
            accounts.add(a);
        }
    }

    /** A-accounts are the big, many-stakeholder ones; B and C make up the 25/50/25 overall mix. */
    private Complexity complexityFor(Tier tier) {
        long[] weights = tier == Tier.A ? new long[] { 10, 40, 50 } : new long[] { 276, 518, 206 };
        return Complexity.values()[pickWeighted(weights)];
    }

    /** Log-uniform within the tier's band, rounded to thousands. */
    private long revenueFor(Tier tier) {
        double low = switch (tier) { case A -> 2_000_000; case B -> 250_000; case C -> 20_000; };
        double high = switch (tier) { case A -> 80_000_000; case B -> 2_000_000; case C -> 250_000; };
        double value = StrictMath.exp(StrictMath.log(low) + random.nextDouble() * (StrictMath.log(high) - StrictMath.log(low)));
        return Math.round(value / 1000) * 1000;
    }

    private String uniqueCompanyName(AccountDraft a, Set<String> taken) {
        SectorDef sector = SECTORS.get(a.sector);
        City city = cities.get(a.region);
        for (int attempt = 0; ; attempt++) {
            String stem = pick(NAME_PREFIXES) + pick(sector.nameSuffixes());
            String place = attempt < 3 ? "" : " " + city.name().split(" ")[0];
            String name = stem + place + " " + pick(LEGAL_FORMS.get(city.country()));
            if (attempt >= 30) {
                name = stem + place + " " + (attempt - 28) + " " + pick(LEGAL_FORMS.get(city.country()));
            }
            if (taken.add(name)) {
                return name;
            }
        }
    }

    // ---- forbidden pairs

    private void createForbiddenPairs() {
        int count = Math.max(3, spec.accounts() / 100);
        for (AccountDraft a : shuffledAccounts()) {
            if (forbiddenPairs.size() >= count) {
                break;
            }
            List<KamDraft> eligible = eligibleByDistance(a);
            // Keep a choice for the account; a conflict with a nearby KAM is the one that bites.
            if (eligible.size() < 2) {
                continue;
            }
            KamDraft k = eligible.get(random.nextInt(Math.min(3, eligible.size())));
            a.forbiddenKams.add(k.index);
            forbiddenPairs.add(new PlanDocument.ForbiddenPair(k.id, a.id, pick(FORBIDDEN_REASONS)));
        }
        forbiddenPairs.sort(Comparator.comparing(PlanDocument.ForbiddenPair::accountId));
    }

    // ---- the reference plan

    /**
     * A-accounts first (they need experienced KAMs, who must not be filled with C-accounts first),
     * then B, then C; within a tier the expertise sectors first and the big accounts first. Each goes
     * to the hard-feasible KAM with room under a capacity-proportional target, cheapest by the soft
     * costs of MODEL.md (travel, missing preferred expertise), then least loaded relative to
     * capacity. When no KAM has room left the least loaded one, relative to capacity, takes it.
     */
    private void buildReference() {
        reference = new int[accounts.size()];
        referenceLoad = new long[kams.size()];
        int[][] sectorCounts = new int[kams.size()][SECTORS.size()];
        double[] target = greedyTargets();
        List<AccountDraft> order = new ArrayList<>(accounts);
        order.sort(Comparator.comparing((AccountDraft a) -> a.tier)
                .thenComparing(a -> !SECTORS.get(a.sector).expertiseRequired())
                .thenComparing(a -> -a.base)
                .thenComparing(a -> a.index));
        for (AccountDraft a : order) {
            int[] travelFromHome = travelFromEveryHome(a);
            KamDraft best = null;
            boolean bestFits = false;
            long bestCost = 0;
            double bestRelative = 0;
            for (KamDraft k : kams) {
                if (!eligible(k, a) || sectorCounts[k.index][a.sector] >= SECTORS.get(a.sector).maxAccountsPerKam()) {
                    continue;
                }
                long after = referenceLoad[k.index] + a.base + travelFromHome[k.home];
                boolean fits = after <= target[k.index];
                long cost = travelFromHome[k.home] + (k.expertise[a.sector] ? 0 : PlanSettings.PREFERRED_EXPERTISE_PENALTY);
                double relative = after / k.weight;
                boolean better = best == null
                        || fits && !bestFits
                        || fits == bestFits && fits && (cost < bestCost || cost == bestCost && relative < bestRelative)
                        || fits == bestFits && !fits && (relative < bestRelative || relative == bestRelative && cost < bestCost);
                if (better) {
                    best = k;
                    bestFits = fits;
                    bestCost = cost;
                    bestRelative = relative;
                }
            }
            if (best == null) {
                throw new IllegalStateException("no hard-feasible KAM for " + a.id + " in " + spec.name());
            }
            reference[a.index] = best.index;
            referenceLoad[best.index] += workload(best, a);
            sectorCounts[best.index][a.sector]++;
        }
    }

    /**
     * Capacity-proportional shares of the workload estimated with local travel only. Tight on purpose:
     * the accounts left over when every target is reached go to the least loaded KAMs, which keeps
     * the reference plan balanced (with more slack, KAMs lacking a popular sector stay half empty).
     */
    /** travel(a, k) by the KAM's home city: a few dozen values instead of one per KAM. */
    private int[] travelFromEveryHome(AccountDraft a) {
        int[] minutes = new int[cities.size()];
        for (int home = 0; home < minutes.length; home++) {
            minutes[home] = settings.visitTravelMinutes(a.tier, a.remote, travel.minutes(regions.get(home), regions.get(a.region)));
        }
        return minutes;
    }

    private double[] greedyTargets() {
        long estimate = 0;
        for (AccountDraft a : accounts) {
            estimate += a.base + settings.visitTravelMinutes(a.tier, a.remote, settings.intraRegionTravelMinutes());
        }
        double totalWeight = kams.stream().mapToDouble(k -> k.weight).sum();
        double[] target = new double[kams.size()];
        for (KamDraft k : kams) {
            target[k.index] = estimate * k.weight / totalWeight;
        }
        return target;
    }

    // ---- incumbents, pins, capacities, limits, affinities

    private void setIncumbents() {
        for (AccountDraft a : accounts) {
            if (random.nextDouble() >= INCUMBENT_SHARE) {
                continue;
            }
            a.currentKam = reference[a.index];
            if (random.nextDouble() >= INCUMBENT_IS_REFERENCE_SHARE) {
                List<KamDraft> others = eligibleByDistance(a);
                others.removeIf(k -> k.index == reference[a.index]);
                if (!others.isEmpty()) {
                    a.currentKam = others.get(random.nextInt(Math.min(5, others.size()))).index;
                }
            }
        }
    }

    /** Only where the incumbent is the reference KAM, so the pins never cost feasibility. */
    private void pinAccounts() {
        int count = Math.max(3, spec.accounts() / 200);
        int pinned = 0;
        for (AccountDraft a : shuffledAccounts()) {
            if (pinned >= count) {
                break;
            }
            if (a.currentKam != null && a.currentKam == reference[a.index]) {
                a.pinned = true;
                pinned++;
            }
        }
    }

    /**
     * Total capacity = margin × reference workload. For a dataset that fits, every KAM keeps
     * {@link #HEADROOM} over its reference load and the rest follows the KAMs' relative capacity
     * (water filling: the level λ with Σ max(headroom × load, λ × weight) = total). For an over-full
     * one capacity simply follows the weights, and the margin applies to the smallest workload any
     * plan can have, so that leaving accounts unassigned is provably unavoidable.
     */
    private void setCapacities() {
        long referenceTotal = Arrays.stream(referenceLoad).sum();
        long basis = spec.capacityMargin() >= 1 ? referenceTotal : Math.min(referenceTotal, minimalTotalWorkload());
        double total = spec.capacityMargin() * basis;
        double floorFactor = spec.capacityMargin() >= 1 ? HEADROOM : 0;
        double low = 0;
        double high = total / kams.stream().mapToDouble(k -> k.weight).min().orElseThrow();
        for (int i = 0; i < 200; i++) {
            double mid = (low + high) / 2;
            if (filledCapacity(mid, floorFactor) < total) {
                low = mid;
            } else {
                high = mid;
            }
        }
        for (KamDraft k : kams) {
            double capacity = Math.max(floorFactor * referenceLoad[k.index], high * k.weight);
            k.capacityMinutes = (int) Math.max(60, Math.ceil(capacity / 60) * 60);
        }
    }

    /** Σ over accounts of the workload on the KAM nearest to it, whatever the rules: a lower bound. */
    private long minimalTotalWorkload() {
        long sum = 0;
        for (AccountDraft a : accounts) {
            int minimal = Integer.MAX_VALUE;
            for (KamDraft k : kams) {
                minimal = Math.min(minimal, workload(k, a));
            }
            sum += minimal;
        }
        return sum;
    }

    private double filledCapacity(double level, double floorFactor) {
        double sum = 0;
        for (KamDraft k : kams) {
            sum += Math.max(floorFactor * referenceLoad[k.index], level * k.weight);
        }
        return sum;
    }

    /** Generous limits, rounded to fives as a team lead would write them; never binding for the reference. */
    private void setMaxAccounts() {
        int[] counts = new int[kams.size()];
        for (int kam : reference) {
            counts[kam]++;
        }
        for (KamDraft k : kams) {
            if (random.nextDouble() < MAX_ACCOUNTS_SHARE) {
                k.maxAccounts = (int) Math.ceil((counts[k.index] * 1.3 + 3) / 5) * 5;
            }
        }
    }

    /** Mostly rewards for an existing relationship or a shared language, some penalties for friction. */
    private void createAffinities() {
        int count = Math.max(3, spec.accounts() / 100);
        for (AccountDraft a : shuffledAccounts()) {
            if (affinities.size() >= count) {
                break;
            }
            List<KamDraft> candidates = eligibleByDistance(a);
            candidates.removeIf(k -> a.pinned && k.index == a.currentKam);
            if (candidates.isEmpty()) {
                continue;
            }
            KamDraft k = candidates.get(random.nextInt(Math.min(6, candidates.size())));
            long penalty = random.nextDouble() < 0.75 ? -100 - 50L * random.nextInt(15) : 50 + 50L * random.nextInt(8);
            affinities.add(new PlanDocument.Affinity(k.id, a.id, penalty));
        }
        affinities.sort(Comparator.comparing(PlanDocument.Affinity::accountId));
    }

    // ---- the model's rules, as the generator needs them

    /** Every hard constraint of MODEL.md that does not depend on the rest of the plan. */
    private boolean eligible(KamDraft k, AccountDraft a) {
        return (!SECTORS.get(a.sector).expertiseRequired() || k.expertise[a.sector])
                && (a.tier != Tier.A || isExperienced(k))
                && !a.forbiddenKams.contains(k.index);
    }

    private List<KamDraft> eligibleByDistance(AccountDraft a) {
        List<KamDraft> eligible = new ArrayList<>();
        for (KamDraft k : kams) {
            if (eligible(k, a)) {
                eligible.add(k);
            }
        }
        eligible.sort(Comparator.comparingInt((KamDraft k) -> travel.minutes(regions.get(k.home), regions.get(a.region)))
                .thenComparingInt(k -> k.index));
        return eligible;
    }

    private int travelMinutes(KamDraft k, AccountDraft a) {
        return settings.visitTravelMinutes(a.tier, a.remote, travel.minutes(regions.get(k.home), regions.get(a.region)));
    }

    private int workload(KamDraft k, AccountDraft a) {
        return a.base + travelMinutes(k, a);
    }

    // ---- the document

    private PlanDocument toDocument() {
        List<PlanDocument.Sector> sectors = SECTORS.stream()
                .map(s -> new PlanDocument.Sector(s.id(), s.name(), s.maxAccountsPerKam(), s.expertiseRequired()))
                .toList();
        List<PlanDocument.Region> regionDocs = cities.stream()
                .map(c -> new PlanDocument.Region(c.id(), c.name(), c.latitude(), c.longitude()))
                .toList();
        List<PlanDocument.TravelOverride> overrideDocs = overrides.stream()
                .map(o -> new PlanDocument.TravelOverride(o.fromRegionId(), o.toRegionId(), o.minutes()))
                .toList();
        List<PlanDocument.Kam> kamDocs = kams.stream().map(this::toDocument).toList();
        List<PlanDocument.Account> accountDocs = accounts.stream().map(this::toDocument).toList();
        String title = spec.name() + " (" + spec.kams() + " KAMs, " + spec.accounts() + " accounts"
                + (spec.capacityMargin() < 1 ? ", capacity below workload)" : ")");
        return new PlanDocument(null, title, null, null, null, null, null, null, null, sectors, regionDocs,
                overrideDocs, List.copyOf(forbiddenPairs), List.copyOf(affinities), kamDocs, accountDocs);
    }

    private PlanDocument.Kam toDocument(KamDraft k) {
        List<String> sectorIds = new ArrayList<>();
        for (int s = 0; s < SECTORS.size(); s++) {
            if (k.expertise[s]) {
                sectorIds.add(SECTORS.get(s).id());
            }
        }
        return new PlanDocument.Kam(k.id, k.name, cities.get(k.home).id(), k.experienceYears, sectorIds,
                k.capacityMinutes, k.maxAccounts, true, null, null, null, null);
    }

    private PlanDocument.Account toDocument(AccountDraft a) {
        String current = a.currentKam == null ? null : kams.get(a.currentKam).id;
        return new PlanDocument.Account(a.id, a.name, SECTORS.get(a.sector).id(), cities.get(a.region).id(),
                a.tier.name(), BigDecimal.valueOf(a.annualRevenue), a.complexity.name(), a.phase.name(), a.remote,
                null, null, current, a.pinned, null, null);
    }

    // ---- deterministic randomness helpers

    private long[] cityWeights() {
        return cities.stream().mapToLong(City::population).toArray();
    }

    private long[] sectorWeights() {
        return SECTORS.stream().mapToLong(SectorDef::weight).toArray();
    }

    private int cityIndex(String id) {
        for (int i = 0; i < cities.size(); i++) {
            if (cities.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private int pickWeighted(long[] weights) {
        long total = Arrays.stream(weights).sum();
        long r = random.nextLong(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Systematic sampling: proportional to the weights even for a handful of draws. */
    private int[] systematicSample(int n, long[] weights) {
        long total = Arrays.stream(weights).sum();
        double offset = random.nextDouble();
        int[] picks = new int[n];
        int index = 0;
        long cumulative = weights[0];
        for (int i = 0; i < n; i++) {
            double point = (i + offset) / n * total;
            while (point >= cumulative && index < weights.length - 1) {
                index++;
                cumulative += weights[index];
            }
            picks[i] = index;
        }
        return picks;
    }

    /** Exactly round(n × share) trues, in random positions. */
    private boolean[] exactShare(int n, double share) {
        Boolean[] flags = new Boolean[n];
        int trues = (int) Math.round(n * share);
        for (int i = 0; i < n; i++) {
            flags[i] = i < trues;
        }
        shuffle(flags);
        boolean[] result = new boolean[n];
        for (int i = 0; i < n; i++) {
            result[i] = flags[i];
        }
        return result;
    }

    private List<AccountDraft> shuffledAccounts() {
        AccountDraft[] copy = accounts.toArray(new AccountDraft[0]);
        shuffle(copy);
        return List.of(copy);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }

    private <T> void shuffle(T[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }

    private static int digits(int n) {
        return String.valueOf(n).length();
    }

    private static String pad(int value, int width) {
        return String.format(Locale.ROOT, "%0" + width + "d", value);
    }
}
