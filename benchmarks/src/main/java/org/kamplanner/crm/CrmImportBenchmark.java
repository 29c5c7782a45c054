package org.kamplanner.crm;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.kamplanner.document.Limits;
import org.kamplanner.document.PlanValidator;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How fast a CRM export becomes a plan document (issue 27: "a 15,000-row export imports in seconds"):
 * {@link CrmImport#read} on the files benchmarks/crm-import.sh generates, as the service runs it with
 * solve=false (reading, geocoding, ABC tiers, the HR list, validation, calibration), without HTTP. The first
 * run also reads the gazetteer (once per service); the next runs are what every later import costs.
 * In the package of CrmImport, whose constructor the service leaves to Spring.
 *
 * <pre>java ... org.kamplanner.crm.CrmImportBenchmark accounts.csv kams.csv [runs]</pre>
 */
public final class CrmImportBenchmark {

    private CrmImportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        MultipartFile accounts = file("accounts", Path.of(args[0]));
        MultipartFile kams = file("kams", Path.of(args[1]));
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        // The service's limits (application.properties): 20,000 accounts, 2,000 KAMs, 5,000 regions.
        CrmImport crm = new CrmImport(new Gazetteer(),
                new PlanValidator(new Limits(20_000, 2_000, 5_000, 20_971_520)), new ObjectMapper());
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            CrmImport.Result result = crm.read(accounts, kams, null, null, null);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("run %d: %,d rows, %,d KAMs, %,d regions in %.2f s = %,.0f rows/s%s%n", run,
                    result.report().rowsRead(), result.report().kams(), result.report().regions(), seconds,
                    result.report().rowsRead() / seconds, run == 1 ? " (first: reads the gazetteer)" : "");
        }
    }

    /** A file as Spring's multipart upload hands it over. */
    private static MultipartFile file(String part, Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        String name = path.getFileName().toString();
        return new MultipartFile() {
            public String getName() {
                return part;
            }

            public String getOriginalFilename() {
                return name;
            }

            public String getContentType() {
                return name.endsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        : "text/csv";
            }

            public boolean isEmpty() {
                return bytes.length == 0;
            }

            public long getSize() {
                return bytes.length;
            }

            public byte[] getBytes() {
                return bytes;
            }

            public InputStream getInputStream() {
                return new ByteArrayInputStream(bytes);
            }

            public void transferTo(File dest) throws IOException {
                Files.write(dest.toPath(), bytes);
            }
        };
    }
}
