package org.kamplanner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code compare} prints the business figures before the raw penalties, in English and German, and says when
 * the two plans were scored under different settings. tiny.json by hand: today Solarwerk (A) and Beratung
 * Huber (C) are with Anna Schmidt (K1, 8 years); the second plan hands both to Jonas Weber (K2, 3 years: a
 * junior for an A-account, the model asks for 5) and scores under other tier minutes.
 */
class CompareCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private Locale originalLocale;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        originalLocale = Locale.getDefault();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        Locale.setDefault(originalLocale);
    }

    @Test
    void businessFiguresComeBeforeThePenaltiesInBothLanguages() throws IOException {
        Path today = dir.resolve("today.json");
        try (InputStream in = getClass().getResourceAsStream("/plans/tiny.json")) {
            Files.copy(in, today);
        }
        String tiny = Files.readString(today);
        // Both of Anna Schmidt's accounts (Solarwerk and Beratung Huber) on her today, both on Jonas Weber in the plan.
        Files.writeString(today, tiny.replace("\"currentKamId\": \"K1\" },", "\"currentKamId\": \"K1\", \"assignedKamId\": \"K1\" },"));
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, tiny.replace("\"currentKamId\": \"K1\" },", "\"currentKamId\": \"K1\", \"assignedKamId\": \"K2\" },")
                .replace("\"terminationSeconds\": 2 }", "\"terminationSeconds\": 2, \"tierMinutes\": { \"A\": 1200, \"B\": 600, \"C\": 240 } }"));

        int exit = KamPlannerCli.run(new String[] { "compare", "--lang", "en", today.toString(), plan.toString() });

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("The plans were solved under different settings (tierMinutes)", "In business terms:");
        assertThat(line(printed, "KAMs over capacity")).contains("none");
        assertThat(line(printed, "A-accounts with a junior KAM")).matches(".*junior KAM\\s+0\\s+1\\s+\\*");
        // Today hands nothing over; the plan hands over an A- and a C-account.
        assertThat(line(printed, "hand-overs from today's owner"))
                .matches(".*owner\\s+0 \\(A 0, B 0, C 0\\)\\s+2 \\(A 1, B 0, C 1\\)\\s+\\*");
        assertThat(line(printed, "utilization lowest - highest")).matches(".*highest\\s+\\d+-\\d+ %\\s+\\d+-\\d+ %.*");
        assertThat(printed.indexOf("In business terms:")).isLessThan(printed.indexOf("Constraints:"));

        out.reset();
        assertThat(KamPlannerCli.run(new String[] { "compare", "--lang", "de", today.toString(), plan.toString() })).isZero();
        String german = out.toString(StandardCharsets.UTF_8);
        assertThat(german).contains("In geschäftlichen Zahlen:", "Regeln:");
        assertThat(line(german, "Übergaben vom heutigen Inhaber")).contains("0 (A 0, B 0, C 0)", "2 (A 1, B 0, C 1)");
        assertThat(line(german, "KAMs über ihrer Kapazität")).contains("keiner");

        out.reset();
        assertThat(KamPlannerCli.run(new String[] { "compare", "--json", today.toString(), plan.toString() })).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("differentSettings").get(0).asText()).isEqualTo("tierMinutes");
        assertThat(json.at("/plans/1/business/handOversByTier/A").asInt()).isEqualTo(1);
        assertThat(json.at("/plans/1/business/aAccountsWithJuniors").asInt()).isEqualTo(1);
    }

    /** The one printed line that starts (after its indent) with a label. */
    private static String line(String printed, String label) {
        return printed.lines().filter(l -> l.strip().startsWith(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + label + "' in\n" + printed));
    }
}
