package org.kamplanner.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.kamplanner.data.DatasetGenerator.Generated;
import org.kamplanner.data.DatasetGenerator.Spec;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanDocument.Account;
import org.kamplanner.document.PlanDocument.Kam;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Region;

/**
 * Checks the bundled datasets against docs/model.md with a workload computation of its own, so a slip in
 * the generator's use of the formulas cannot hide behind the same slip here.
 */
class DatasetGeneratorTest {

    /** Generating dach-xl takes a few seconds; every test shares one generation per spec. */
    private static final Map<String, Generated> GENERATED = new ConcurrentHashMap<>();

    static Stream<Spec> bundled() {
        return DatasetGenerator.BUNDLED.stream();
    }

    static Stream<Spec> fitting() {
        return bundled().filter(spec -> spec.capacityMargin() >= 1);
    }

    static Stream<Spec> overfull() {
        return bundled().filter(spec -> spec.capacityMargin() < 1);
    }

    private static Generated generated(Spec spec) {
        return GENERATED.computeIfAbsent(spec.name(), name -> DatasetGenerator.build(spec));
    }

    private static Spec spec(String name) {
        return bundled().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void generationIsDeterministic(Spec spec) {
        String first = DatasetGenerator.toJson(generated(spec).document());
        String second = DatasetGenerator.toJson(DatasetGenerator.generate(spec));
        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void committedFileIsFreshGeneration(Spec spec) throws IOException {
        Path file = Path.of("datasets", spec.name() + ".json");
        assertThat(file).exists();
        String committed = Files.readString(file).replace("\r\n", "\n");
        // Not isEqualTo: a multi-megabyte diff in the failure message helps nobody.
        assertThat(committed.equals(DatasetGenerator.toJson(generated(spec).document())))
                .as("%s is stale: regenerate with DatasetGenerator.main", file).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void documentIsValidInputOnly(Spec spec) {
        PlanDocument doc = generated(spec).document();
        assertThat(doc.id()).isNull();
        assertThat(doc.status()).isNull();
        assertThat(doc.score()).isNull();
        assertThat(doc.summary()).isNull();
        assertThat(doc.kams()).hasSize(spec.kams());
        assertThat(doc.accounts()).hasSize(spec.accounts());
        Model model = new Model(doc);
        Set<String> ids = new HashSet<>();
        for (Kam k : doc.kams()) {
            assertThat(ids.add(k.id())).as("unique id %s", k.id()).isTrue();
            assertThat(model.regions).containsKey(k.homeRegionId());
            assertThat(k.sectorIds()).hasSizeBetween(1, 3).allMatch(model.sectors::containsKey);
            assertThat(k.experienceYears()).isBetween(0, 25);
            assertThat(k.capacityMinutes()).isPositive().matches(c -> c % 60 == 0, "whole hours");
            assertThat(k.active()).isTrue();
            assertThat(k.loadMinutes()).isNull();
            assertThat(k.utilization()).isNull();
        }
        for (Account a : doc.accounts()) {
            assertThat(ids.add(a.id())).as("unique id %s", a.id()).isTrue();
            assertThat(model.sectors).containsKey(a.sectorId());
            assertThat(model.regions).containsKey(a.regionId());
            assertThat(a.assignedKamId()).isNull();
            assertThat(a.workloadMinutes()).isNull();
            assertThat(a.travelMinutes()).isNull();
            if (a.currentKamId() != null) {
                assertThat(model.kams).containsKey(a.currentKamId());
                assertThat(model.breaksStaticRule(a, model.kams.get(a.currentKamId())))
                        .as("incumbent of %s could serve it", a.id()).isNull();
            }
            if (Boolean.TRUE.equals(a.pinned())) {
                assertThat(a.currentKamId()).as("pinned %s has a lock", a.id()).isNotNull();
            }
        }
        Set<String> pairs = new HashSet<>();
        for (PlanDocument.ForbiddenPair f : doc.forbiddenPairs()) {
            assertThat(model.kams).containsKey(f.kamId());
            assertThat(model.accounts).containsKey(f.accountId());
            assertThat(f.reason()).isNotBlank();
            assertThat(pairs.add(f.kamId() + "/" + f.accountId())).isTrue();
        }
        Set<String> affinityPairs = new HashSet<>();
        for (PlanDocument.Affinity af : doc.affinities()) {
            Account a = model.accounts.get(af.accountId());
            assertThat(model.kams).containsKey(af.kamId());
            assertThat(af.penalty()).isBetween(-800L, 400L);
            assertThat(affinityPairs.add(af.kamId() + "/" + af.accountId())).isTrue();
            assertThat(Boolean.TRUE.equals(a.pinned()) && af.kamId().equals(a.currentKamId()))
                    .as("affinity on the locked KAM of pinned %s", a.id()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fitting")
    void referencePlanIsHardFeasibleWithMargin(Spec spec) {
        Generated generated = generated(spec);
        PlanDocument doc = generated.document();
        Map<String, String> reference = generated.referenceAssignment();
        Model model = new Model(doc);

        assertThat(reference).hasSize(doc.accounts().size());
        Map<String, Long> load = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        Map<String, Integer> sectorCount = new HashMap<>();
        for (Account a : doc.accounts()) {
            Kam k = model.kams.get(reference.get(a.id()));
            assertThat(k).as("reference KAM of %s", a.id()).isNotNull();
            assertThat(model.breaksStaticRule(a, k)).as("%s on %s", a.id(), k.id()).isNull();
            if (Boolean.TRUE.equals(a.pinned())) {
                assertThat(k.id()).as("pinned %s", a.id()).isEqualTo(a.currentKamId());
            }
            load.merge(k.id(), (long) model.workload(a, k), Long::sum);
            count.merge(k.id(), 1, Integer::sum);
            sectorCount.merge(k.id() + "/" + a.sectorId(), 1, Integer::sum);
        }
        for (Kam k : doc.kams()) {
            long l = load.getOrDefault(k.id(), 0L);
            assertThat(l).as("load of %s", k.id()).isLessThanOrEqualTo(k.capacityMinutes());
            if (k.maxAccounts() != null) {
                assertThat(count.getOrDefault(k.id(), 0)).as("accounts of %s", k.id()).isLessThanOrEqualTo(k.maxAccounts());
            }
            for (PlanDocument.Sector s : doc.sectors()) {
                assertThat(sectorCount.getOrDefault(k.id() + "/" + s.id(), 0))
                        .as("%s accounts of %s", s.id(), k.id()).isLessThanOrEqualTo(s.maxAccountsPerKam());
            }
        }
        long totalLoad = load.values().stream().mapToLong(Long::longValue).sum();
        double margin = (double) model.totalCapacity() / totalLoad;
        assertThat(margin).isBetween(1.15, 1.25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overfull")
    void overfullCannotBeCovered(Spec spec) {
        PlanDocument doc = generated(spec).document();
        Model model = new Model(doc);
        long minimal = 0;
        for (Account a : doc.accounts()) {
            minimal += doc.kams().stream().mapToInt(k -> model.workload(a, k)).min().orElseThrow();
        }
        assertThat(model.totalCapacity()).isLessThan(minimal);
        // Capacity is the margin times that lower bound, up to whole hours per KAM: a dataset meant to
        // be a little over-full must not drift into one where almost nothing fits.
        assertThat((double) model.totalCapacity() / minimal).isCloseTo(spec.capacityMargin(), within(0.01));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void tiersFollowRevenueAndVaryByDataset(Spec spec) {
        List<Account> accounts = generated(spec).document().accounts();
        double n = accounts.size();
        long a = accounts.stream().filter(x -> x.tier().equals("A")).count();
        long b = accounts.stream().filter(x -> x.tier().equals("B")).count();
        assertThat(a / n).as("A share").isBetween(0.02, 0.20);
        // Sector teams keep the mix of a team's sector (manufacturing mostly C), so B-accounts may be few.
        assertThat(b / n).as("B share").isBetween(0.05, 0.55);
        // Sector teams rank by revenue within the sector (a €2m software house is an A-account, a €2m
        // manufacturer a C-account), so a higher tier is above a lower one within each sector.
        for (String sector : accounts.stream().map(Account::sectorId).distinct().toList()) {
            for (String[] higherLower : new String[][] { { "A", "B" }, { "B", "C" }, { "A", "C" } }) {
                double lowestHigher = accounts.stream().filter(x -> x.sectorId().equals(sector) && x.tier().equals(higherLower[0]))
                        .mapToDouble(x -> x.annualRevenue().doubleValue()).min().orElse(Double.MAX_VALUE);
                double highestLower = accounts.stream().filter(x -> x.sectorId().equals(sector) && x.tier().equals(higherLower[1]))
                        .mapToDouble(x -> x.annualRevenue().doubleValue()).max().orElse(0);
                assertThat(lowestHigher).as("%s: %s above %s", sector, higherLower[0], higherLower[1])
                        .isGreaterThanOrEqualTo(highestLower);
            }
        }
        // Below that a customer is not a key account.
        assertThat(accounts).allMatch(x -> x.annualRevenue().longValue() >= 150_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void capacityIsAPersonsNotATeams(Spec spec) {
        for (Kam k : generated(spec).document().kams()) {
            // Full time 100–130 h for accounts, part time 55–80 h; the reference plan's headroom may add a little.
            assertThat(k.capacityMinutes() / 60).as("hours of %s", k.id()).isBetween(55, 135);
            assertThat(k.capacityMinutes() / 60 <= 80 || k.capacityMinutes() / 60 >= 100).as("hours of %s", k.id()).isTrue();
        }
    }

    /**
     * Sector teams (docs/model.md, "Why these defaults"): most KAMs work one sector, and a manufacturing
     * account takes at most half the time of a specialised-technology one, so a manufacturing KAM carries
     * 15–25 accounts where a Digital or Automation KAM carries 5–8.
     */
    @ParameterizedTest
    @ValueSource(strings = { "dach-medium", "dach-large" })
    void sectorTeamsMakeManufacturingAccountsLight(String name) {
        PlanDocument doc = generated(spec(name)).document();
        Model model = new Model(doc);
        assertThat(doc.kams().stream().filter(k -> k.sectorIds().size() == 1).count())
                .isGreaterThanOrEqualTo(doc.kams().size() * 8L / 10);
        Map<String, long[]> minutesAndCount = new HashMap<>();
        for (Account a : doc.accounts()) {
            long nearest = doc.kams().stream().mapToInt(k -> model.workload(a, k)).min().orElseThrow();
            String group = a.sectorId().equals("DIGITAL") || a.sectorId().equals("AUTOMATION") ? "TECH" : a.sectorId();
            long[] sum = minutesAndCount.computeIfAbsent(group, g -> new long[2]);
            sum[0] += nearest;
            sum[1]++;
        }
        double manufacturing = (double) minutesAndCount.get("MANUFACTURING")[0] / minutesAndCount.get("MANUFACTURING")[1];
        double tech = (double) minutesAndCount.get("TECH")[0] / minutesAndCount.get("TECH")[1];
        assertThat(manufacturing).isLessThanOrEqualTo(tech / 2);
    }

    @Test
    void accountsAreWhereTheirIndustryIs() {
        List<Account> accounts = generated(spec("dach-large")).document().accounts();
        Map<String, Long> finance = new HashMap<>();
        Map<String, Long> manufacturing = new HashMap<>();
        for (Account a : accounts) {
            if (a.sectorId().equals("FINANCE")) {
                finance.merge(a.regionId(), 1L, Long::sum);
            } else if (a.sectorId().equals("MANUFACTURING")) {
                manufacturing.merge(a.regionId(), 1L, Long::sum);
            }
        }
        assertThat(finance.get("FRA")).isGreaterThan(3 * finance.getOrDefault("STR", 0L));
        assertThat(manufacturing.get("STR")).isGreaterThan(3 * manufacturing.getOrDefault("FRA", 0L));
        assertThat(manufacturing.get("STR")).isGreaterThan(manufacturing.getOrDefault("BER", 0L));
    }

    /** docs/model.md written out again, default settings only (the datasets carry none). */
    private static final class Model {
        final Map<String, PlanDocument.Sector> sectors = new HashMap<>();
        final Map<String, Region> regions = new HashMap<>();
        final Map<String, Integer> overrides = new HashMap<>();
        final Map<String, Kam> kams = new HashMap<>();
        final Map<String, Account> accounts = new HashMap<>();
        final Set<String> forbidden = new HashSet<>();
        final PlanSettings settings = PlanSettings.defaults();

        Model(PlanDocument doc) {
            assertThat(doc.settings()).isNull();
            doc.sectors().forEach(s -> sectors.put(s.id(), s));
            doc.regions().forEach(r -> regions.put(r.id(),
                    new Region(r.id(), r.name(), r.latitude(), r.longitude(), regions.size())));
            doc.travelOverrides().forEach(o -> overrides.put(o.fromRegionId() + ">" + o.toRegionId(), o.minutes()));
            doc.kams().forEach(k -> kams.put(k.id(), k));
            doc.accounts().forEach(a -> accounts.put(a.id(), a));
            doc.forbiddenPairs().forEach(f -> forbidden.add(f.kamId() + "/" + f.accountId()));
        }

        int travelMinutes(String from, String to) {
            Integer override = overrides.get(from + ">" + to);
            if (override == null) {
                override = overrides.get(to + ">" + from);
            }
            if (override != null) {
                return override;
            }
            if (from.equals(to)) {
                return 30;
            }
            double km = PlanSettings.haversineKm(regions.get(from), regions.get(to));
            return (int) Math.round(km * 1.3 / 80 * 60);
        }

        int workload(Account a, Kam k) {
            int tier = switch (a.tier()) { case "A" -> 2400; case "B" -> 480; default -> 120; };
            int complexity = switch (a.complexity()) { case "LOW" -> 75; case "HIGH" -> 150; default -> 100; };
            int phase = a.phase().equals("ONBOARDING") ? 150 : 100;
            int visits = switch (a.tier()) { case "A" -> 24; case "B" -> 12; default -> 4; };
            int base = (int) Math.round((long) tier * complexity * phase / 10000.0);
            int travel = Boolean.TRUE.equals(a.remote()) ? 0
                    : (int) Math.round((long) visits * 2 * travelMinutes(k.homeRegionId(), a.regionId()) / 12.0);
            return base + travel;
        }

        /** The hard rules that need no other assignment, or null when none is broken. */
        String breaksStaticRule(Account a, Kam k) {
            if (sectors.get(a.sectorId()).expertiseRequired() && !k.sectorIds().contains(a.sectorId())) {
                return "Required sector expertise";
            }
            if (a.tier().equals("A") && k.experienceYears() < 5) {
                return "A-account needs experienced KAM";
            }
            if (forbidden.contains(k.id() + "/" + a.id())) {
                return "Forbidden pair";
            }
            if (!Boolean.TRUE.equals(k.active())) {
                return "inactive";
            }
            return null;
        }

        long totalCapacity() {
            return kams.values().stream().filter(k -> Boolean.TRUE.equals(k.active()))
                    .mapToLong(Kam::capacityMinutes).sum();
        }
    }
}
