package org.kamplanner.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.kamplanner.data.DatasetGenerator;
import org.kamplanner.data.PlanFamilies;

/**
 * Datasets named {@code family/NAME/SEED} or {@code family/NAME/SEED/KAMSxACCOUNTS} (run.sh writes them
 * for {@code --family NAME [--size KxA] --seed N}): a plan of one of {@link PlanFamilies#NAMES}, generated
 * into benchmarks/local/families/ so that every benchmark tool reads it as a file.
 */
final class FamilyDatasets {

    private FamilyDatasets() {
    }

    static boolean names(String dataset) {
        return dataset.startsWith("family/");
    }

    static File documentFile(String dataset) {
        String[] parts = dataset.split("/");
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("A family dataset is family/NAME/SEED[/KAMSxACCOUNTS], not " + dataset);
        }
        int kams = PlanFamilies.DEFAULT_KAMS;
        int accounts = PlanFamilies.DEFAULT_ACCOUNTS;
        if (parts.length == 4) {
            String[] size = parts[3].split("x");
            kams = Integer.parseInt(size[0]);
            accounts = Integer.parseInt(size[1]);
        }
        Path out = Path.of("benchmarks/local/families/" + parts[1] + "-" + parts[2] + "-" + kams + "x" + accounts
                + ".json");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, DatasetGenerator.toJson(
                    PlanFamilies.generate(parts[1], Long.parseLong(parts[2]), kams, accounts)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toFile();
    }
}
