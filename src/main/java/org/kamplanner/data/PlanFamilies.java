package org.kamplanner.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.Tier;
import org.kamplanner.solver.search.KamLoads;

/**
 * Plan families for judging the search on plans it was not tuned on (benchmarks/RESULTS.md, "Unseen
 * plans"). Each family is the DACH generator ({@link DatasetGenerator}) with its parameters passed
 * through, then, where the family asks for it, a transformation of the generated document and of the
 * reference plan its capacities were sized on; after a transformation that changes workloads the
 * capacities are sized again on the transformed reference plan, so a family that fits still fits.
 *
 * <ul>
 * <li>{@code nordic}: the regions moved to Nordic cities (distances two to five times DACH's, no travel
 * overrides), every sector cap raised by one, and expertise required in no sector but the first two.</li>
 * <li>{@code tight} / {@code loose}: capacity 1.03 / 1.6 times the reference plan's workload (DACH: 1.2).</li>
 * <li>{@code scarce-senior}: only one KAM in five has the experience A-accounts need; their A-accounts
 * move to the nearest experienced KAM in the reference plan before capacities are sized.</li>
 * <li>{@code remote}: half the accounts remote (no travel).</li>
 * <li>{@code overfull}: capacity 0.88 of the workload, so some accounts must stay unassigned.</li>
 * <li>{@code gap}: a random generalized assignment instance of Chu and Beasley's type D (resource
 * U[1, 100], cost 111 − resource + U[−10, 10], capacity 0.8 × Σ resource / agents), by {@link GapPlans}.</li>
 * </ul>
 *
 * <p>Deterministic: the same family, seed and size always give the same document.
 */
public final class PlanFamilies {

    public static final List<String> NAMES =
            List.of("nordic", "tight", "loose", "scarce-senior", "remote", "overfull", "gap");

    /** KAMs and accounts when none are given: the generator's "rich" size (forbidden pairs, affinities, pins). */
    public static final int DEFAULT_KAMS = 40;
    public static final int DEFAULT_ACCOUNTS = 400;

    private static final double DACH_MARGIN = 1.2;

    /** Nordic cities (latitude, longitude); more regions than cities reuse them a little further north-east. */
    private static final String[] NORDIC = {
        "Oslo 59.91 10.75", "Stockholm 59.33 18.07", "Helsinki 60.17 24.94", "Copenhagen 55.68 12.57",
        "Gothenburg 57.71 11.97", "Bergen 60.39 5.32", "Tampere 61.50 23.76", "Aarhus 56.16 10.20",
        "Malmo 55.60 13.00", "Trondheim 63.43 10.40", "Turku 60.45 22.27", "Uppsala 59.86 17.64",
        "Oulu 65.01 25.47", "Stavanger 58.97 5.73", "Odense 55.40 10.39", "Umea 63.83 20.26",
        "Linkoping 58.41 15.62", "Aalborg 57.05 9.92", "Jyvaskyla 62.24 25.75", "Tromso 69.65 18.96",
        "Lulea 65.58 22.15", "Kuopio 62.89 27.68", "Orebro 59.27 15.21", "Kristiansand 58.15 8.00",
        "Sundsvall 62.39 17.31", "Bodo 67.28 14.40", "Vaasa 63.10 21.62", "Esbjerg 55.47 8.45",
        "Rovaniemi 66.50 25.73", "Reykjavik 64.15 -21.94"};

    private PlanFamilies() {
    }

    /** The family's plan for this seed and size (for {@code gap}: agents and jobs). */
    public static PlanDocument generate(String family, long seed, int kams, int accounts) {
        String name = family + "-" + seed + "-" + kams + "x" + accounts;
        long specSeed = 31_000_000L + 1_000L * NAMES.indexOf(family) + seed;
        return switch (family) {
            case "nordic" -> resized(nordic(DatasetGenerator.build(spec(name, kams, accounts, specSeed, DACH_MARGIN))),
                    DACH_MARGIN);
            case "tight" -> DatasetGenerator.generate(spec(name, kams, accounts, specSeed, 1.03));
            case "loose" -> DatasetGenerator.generate(spec(name, kams, accounts, specSeed, 1.6));
            case "scarce-senior" -> resized(scarceSenior(
                    DatasetGenerator.build(spec(name, kams, accounts, specSeed, DACH_MARGIN)), new Random(specSeed)),
                    DACH_MARGIN);
            case "remote" -> resized(remote(
                    DatasetGenerator.build(spec(name, kams, accounts, specSeed, DACH_MARGIN)), new Random(specSeed)),
                    DACH_MARGIN);
            case "overfull" -> DatasetGenerator.generate(spec(name, kams, accounts, specSeed, 0.88));
            case "gap" -> gapTypeD(name, kams, accounts, new Random(specSeed));
            default -> throw new IllegalArgumentException("No plan family " + family + "; the families are " + NAMES);
        };
    }

    private static DatasetGenerator.Spec spec(String name, int kams, int accounts, long seed, double margin) {
        return new DatasetGenerator.Spec(name, kams, accounts, seed, margin);
    }

    // ---- transformations of a generated plan and its reference assignment

    private static DatasetGenerator.Generated nordic(DatasetGenerator.Generated generated) {
        PlanDocument doc = generated.document();
        List<PlanDocument.Region> regions = new ArrayList<>();
        Map<String, String> renamed = new HashMap<>();
        for (int i = 0; i < doc.regions().size(); i++) {
            String[] city = NORDIC[i % NORDIC.length].split(" ");
            double shift = 0.4 * (i / NORDIC.length);
            String id = city[0].toLowerCase(Locale.ROOT) + (i < NORDIC.length ? "" : "-" + i / NORDIC.length);
            renamed.put(doc.regions().get(i).id(), id);
            regions.add(new PlanDocument.Region(id, city[0], Double.parseDouble(city[1]) + shift,
                    Double.parseDouble(city[2]) + shift));
        }
        List<PlanDocument.Sector> sectors = new ArrayList<>();
        for (int s = 0; s < doc.sectors().size(); s++) {
            PlanDocument.Sector sector = doc.sectors().get(s);
            sectors.add(new PlanDocument.Sector(sector.id(), sector.name(), sector.maxAccountsPerKam() + 1,
                    s < 2 && Boolean.TRUE.equals(sector.expertiseRequired())));
        }
        List<PlanDocument.Kam> kams = doc.kams().stream().map(k -> new PlanDocument.Kam(k.id(), k.name(),
                renamed.get(k.homeRegionId()), k.experienceYears(), k.sectorIds(), k.capacityMinutes(),
                k.maxAccounts(), k.active(), null, null, null, null)).toList();
        List<PlanDocument.Account> accounts = doc.accounts().stream().map(a -> new PlanDocument.Account(a.id(),
                a.name(), a.sectorId(), renamed.get(a.regionId()), a.tier(), a.annualRevenue(), a.complexity(),
                a.phase(), a.remote(), a.workloadMinutes(), a.workloadOverrideMinutes(), a.currentKamId(), a.pinned(),
                a.assignedKamId(), a.travelMinutes())).toList();
        PlanDocument moved = new PlanDocument(null, doc.name().replace("KAMs", "KAMs, Nordic regions"), null, null,
                null, null, null, null, doc.settings(), sectors, regions, List.of(), doc.forbiddenPairs(),
                doc.affinities(), kams, accounts);
        return new DatasetGenerator.Generated(moved, generated.referenceAssignment());
    }

    /**
     * One KAM in five (and every KAM with a pinned A-account) keeps five or more years; the others get
     * 0–4. In the reference plan an A-account of a KAM who lost the experience moves to the nearest
     * experienced KAM it qualifies for whose sector cap has room.
     */
    private static DatasetGenerator.Generated scarceSenior(DatasetGenerator.Generated generated, Random random) {
        PlanDocument doc = generated.document();
        Map<String, String> reference = new LinkedHashMap<>(generated.referenceAssignment());
        int threshold = 5; // docs/model.md's default aTierMinExperienceYears, which the generator keeps
        boolean[] senior = new boolean[doc.kams().size()];
        Map<String, Integer> kamIndex = new HashMap<>();
        for (int k = 0; k < doc.kams().size(); k++) {
            kamIndex.put(doc.kams().get(k).id(), k);
            senior[k] = random.nextInt(5) == 0;
        }
        for (PlanDocument.Account a : doc.accounts()) {
            if (Boolean.TRUE.equals(a.pinned()) && "A".equals(a.tier())) {
                String lock = a.assignedKamId() != null ? a.assignedKamId() : a.currentKamId();
                senior[kamIndex.get(lock)] = true;
            }
        }
        List<PlanDocument.Kam> kams = new ArrayList<>();
        for (int k = 0; k < doc.kams().size(); k++) {
            PlanDocument.Kam kam = doc.kams().get(k);
            int years = kam.experienceYears() == null ? 0 : kam.experienceYears();
            int newYears = senior[k] ? Math.max(years, threshold + random.nextInt(10)) : Math.min(years,
                    random.nextInt(threshold));
            kams.add(new PlanDocument.Kam(kam.id(), kam.name(), kam.homeRegionId(), newYears, kam.sectorIds(),
                    kam.capacityMinutes(), null, kam.active(), null, null, null, null));
        }
        PlanDocument changed = doc.withKams(kams);
        AssignmentPlan plan = withReference(changed, reference);
        KamLoads loads = KamLoads.of(plan);
        for (Account account : plan.getAccounts()) {
            Kam kam = account.getKam();
            if (account.getTier() != Tier.A || kam == null || senior[kam.getIndex()] || account.isPinned()) {
                continue;
            }
            Kam best = null;
            for (Kam candidate : plan.getKams()) {
                if (senior[candidate.getIndex()] && loads.qualifies(account, candidate)
                        && loads.sectorCount(candidate, account.getSector()) < account.getSector().getMaxAccountsPerKam()
                        && (best == null || account.workloadMinutesWith(candidate) < account.workloadMinutesWith(best))) {
                    best = candidate;
                }
            }
            if (best != null) {
                loads.remove(account, kam);
                loads.add(account, best);
                reference.put(account.getId(), best.getId());
            }
        }
        return new DatasetGenerator.Generated(changed, reference);
    }

    /** Every other account, drawn at random, is remote: no travel wherever it goes. */
    private static DatasetGenerator.Generated remote(DatasetGenerator.Generated generated, Random random) {
        PlanDocument doc = generated.document();
        List<PlanDocument.Account> accounts = doc.accounts().stream().map(a -> !random.nextBoolean() ? a
                : new PlanDocument.Account(a.id(), a.name(), a.sectorId(), a.regionId(), a.tier(), a.annualRevenue(),
                        a.complexity(), a.phase(), true, a.workloadMinutes(), a.workloadOverrideMinutes(),
                        a.currentKamId(), a.pinned(), a.assignedKamId(), a.travelMinutes())).toList();
        return new DatasetGenerator.Generated(doc.withAccounts(accounts), generated.referenceAssignment());
    }

    /**
     * Capacities sized again on the (transformed) reference plan: each KAM gets the margin times its
     * reference load, or its former capacity scaled by how the reference plan's total changed, whichever
     * is more, rounded up to the hour; account limits go (the generator's are never binding anyway).
     */
    private static PlanDocument resized(DatasetGenerator.Generated generated, double margin) {
        PlanDocument doc = generated.document();
        AssignmentPlan plan = withReference(doc, generated.referenceAssignment());
        long[] load = new long[plan.getKams().size()];
        long total = 0;
        for (Account account : plan.getAccounts()) {
            if (account.getKam() != null) {
                load[account.getKam().getIndex()] += account.getWorkloadMinutes();
                total += account.getWorkloadMinutes();
            }
        }
        long formerTotal = doc.kams().stream().mapToLong(PlanDocument.Kam::capacityMinutes).sum();
        double scale = margin * total / formerTotal;
        List<PlanDocument.Kam> kams = new ArrayList<>();
        for (int k = 0; k < doc.kams().size(); k++) {
            PlanDocument.Kam kam = doc.kams().get(k);
            double capacity = Math.max(margin * load[k], scale * kam.capacityMinutes());
            kams.add(new PlanDocument.Kam(kam.id(), kam.name(), kam.homeRegionId(), kam.experienceYears(),
                    kam.sectorIds(), (int) Math.max(60, Math.ceil(capacity / 60) * 60), null, kam.active(), null,
                    null, null, null));
        }
        return doc.withKams(kams);
    }

    /** The document's planning model with the reference assignment as each account's KAM. */
    private static AssignmentPlan withReference(PlanDocument doc, Map<String, String> reference) {
        AssignmentPlan plan = PlanFactory.build(doc).plan();
        Map<String, Kam> kamById = new HashMap<>();
        plan.getKams().forEach(k -> kamById.put(k.getId(), k));
        for (Account account : plan.getAccounts()) {
            account.setKam(kamById.get(reference.get(account.getId())));
        }
        return plan;
    }

    // ---- generalized assignment

    private static PlanDocument gapTypeD(String name, int agents, int jobs, Random random) {
        int[][] cost = new int[agents][jobs];
        int[][] resource = new int[agents][jobs];
        int[] capacity = new int[agents];
        for (int i = 0; i < agents; i++) {
            for (int j = 0; j < jobs; j++) {
                resource[i][j] = 1 + random.nextInt(100);
                cost[i][j] = 111 - resource[i][j] + random.nextInt(21) - 10;
            }
        }
        for (int i = 0; i < agents; i++) {
            capacity[i] = (int) (0.8 * Arrays.stream(resource[i]).sum() / agents);
        }
        return GapPlans.document(name, cost, resource, capacity);
    }
}
