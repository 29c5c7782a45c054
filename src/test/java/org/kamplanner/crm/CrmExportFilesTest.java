package org.kamplanner.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The bundled CRM export (datasets/crm, the README's first minutes) is what {@link CrmFixtures#main} writes. */
class CrmExportFilesTest {

    @Test
    void bundledFilesAreWhatTheGeneratorWrites() throws IOException {
        CrmFixtures fixtures = new CrmFixtures(700, 45, 27);
        assertThat(Files.readString(Path.of("datasets/crm/accounts.csv"), StandardCharsets.UTF_8))
                .as("datasets/crm/accounts.csv: regenerate with CrmFixtures.main").isEqualTo(fixtures.accountsCsv());
        assertThat(Files.readString(Path.of("datasets/crm/kams.csv"), StandardCharsets.UTF_8))
                .as("datasets/crm/kams.csv: regenerate with CrmFixtures.main").isEqualTo(fixtures.kamsCsv());
    }
}
