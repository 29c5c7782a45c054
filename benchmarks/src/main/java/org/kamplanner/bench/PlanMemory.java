package org.kamplanner.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.kamplanner.data.PlanFamilies;
import org.kamplanner.document.Limits;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.domain.AssignmentPlan;

/**
 * {@code ./benchmarks/run.sh --memory [KAMSxACCOUNTS] [REGIONS]} (default 1500x15000 5000): the heap a built plan
 * holds at the documented region limit (docs/deployment.md). A nordic plan of that size is generated, then
 * spread over that many regions (the generated ones plus copies a little apart), each KAM given a home region of
 * its own (the worst case for the travel table: one row per KAM) and the accounts spread over all regions; the
 * document is validated like the API does and built by PlanFactory, and the heap after a full GC is compared
 * with the heap holding the document alone.
 */
public final class PlanMemory {

    private PlanMemory() {
    }

    public static void main(String[] args) {
        String[] size = (args.length > 0 ? args[0] : "1500x15000").split("x");
        int kams = Integer.parseInt(size[0]);
        int accounts = Integer.parseInt(size[1]);
        int regionCount = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        PlanDocument document = spread(PlanFamilies.generate("nordic", 1, kams, accounts), regionCount);
        new PlanValidator(new Limits(20_000, 2_000, 5_000, 20_971_520)).validate(document);
        long withDocument = usedAfterGc();
        long start = System.nanoTime();
        AssignmentPlan plan = PlanFactory.build(document).plan();
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        long withPlan = usedAfterGc();
        long homes = plan.getTravelTimes().homes().size();
        System.out.printf(Locale.ROOT, "%d KAMs (%d home regions), %d accounts, %d regions%n", plan.getKams().size(),
                homes, plan.getAccounts().size(), plan.getRegions().size());
        System.out.printf(Locale.ROOT, "heap with the document: %.0f MB; with the built plan too: %.0f MB; "
                + "the plan: %.0f MB (built in %.1f s)%n", mb(withDocument), mb(withPlan), mb(withPlan - withDocument),
                buildSeconds);
        long n = plan.getRegions().size();
        long a = plan.getAccounts().size();
        System.out.printf(Locale.ROOT, "travel arrays now: table %d × %d + accounts %d × %d ints = %.0f MB; "
                + "by region (before): %d × %d + %d × %d ints = %.0f MB%n", homes, n, a, homes,
                mb(4 * (homes * n + a * homes)), n, n, a, n, mb(4 * (n * n + a * n)));
    }

    /** The document over {@code count} regions, each KAM at a home of its own where there are enough. */
    static PlanDocument spread(PlanDocument doc, int count) {
        List<PlanDocument.Region> regions = new ArrayList<>(doc.regions());
        int generated = regions.size();
        for (int i = generated; i < count; i++) {
            PlanDocument.Region like = doc.regions().get(i % generated);
            double shift = 0.01 * (i / generated);
            regions.add(new PlanDocument.Region(like.id() + "-" + i, like.name() + " " + i, like.latitude() + shift,
                    like.longitude() - shift));
        }
        Random random = new Random(count);
        List<PlanDocument.Kam> kams = new ArrayList<>();
        for (int k = 0; k < doc.kams().size(); k++) {
            PlanDocument.Kam kam = doc.kams().get(k);
            kams.add(new PlanDocument.Kam(kam.id(), kam.name(), regions.get(k % count).id(), kam.experienceYears(),
                    kam.sectorIds(), kam.capacityMinutes(), kam.maxAccounts(), kam.active(), null, null, null, null));
        }
        List<PlanDocument.Account> accounts = doc.accounts().stream().map(x -> new PlanDocument.Account(x.id(),
                x.name(), x.sectorId(), regions.get(random.nextInt(count)).id(), x.tier(), x.annualRevenue(),
                x.complexity(), x.phase(), x.remote(), null, x.workloadOverrideMinutes(), x.currentKamId(), x.pinned(),
                null, null)).toList();
        return new PlanDocument(null, doc.name() + ", " + count + " regions", null, null, null, null, null, null,
                doc.settings(), doc.sectors(), regions, doc.travelOverrides(), doc.forbiddenPairs(), doc.affinities(),
                kams, accounts);
    }

    private static long usedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
