package org.kamplanner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code kam-planner frontier}, run in-process: the table, the sentences, the JSON, and bad caps. */
class FrontierCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void printsOneRowPerCapAndWhatEachStepBuys() throws IOException {
        Path input = copyResource("/demo-data/dach-small.json", dir.resolve("small.json"));
        Path output = dir.resolve("frontier.json");

        int exit = KamPlannerCli.run(new String[] { "frontier", input.toString(), "--caps", "none,5,0", "--seed", "1",
                "--work-budget", "5000", "--bound-seconds", "5", "--output", output.toString(), "--lang", "en" });

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Point 1 of 3", "cap", "hand-overs", "spread (points)", "gap to bound");
        assertThat(printed.lines().filter(l -> l.matches("(0|5|none)\\s+\\d+\\s+\\d+\\s+.*"))).hasSize(3);
        assertThat(printed.lines().filter(l -> l.matches(".*hand-overs: spread \\d+ → \\d+ points.*"))).hasSize(2);
        JsonNode frontier = new ObjectMapper().readTree(output.toFile());
        JsonNode points = frontier.get("points");
        assertThat(points).hasSize(3);
        assertThat(points.get(0).get("maxMovedAccounts").asInt()).isZero();
        assertThat(points.get(2).get("maxMovedAccounts").isNull()).isTrue();
        assertThat(frontier.get("steps")).hasSize(2);
    }

    @Test
    void badCapsAndAPlanWithoutIncumbentsAreInvalidInputInWords() throws IOException {
        Path small = copyResource("/demo-data/dach-small.json", dir.resolve("small.json"));
        assertThat(KamPlannerCli.run(new String[] { "frontier", small.toString(), "--caps", "0,-3", "--lang", "en" }))
                .isEqualTo(KamPlannerCli.INVALID_INPUT);
        assertThat(KamPlannerCli.run(new String[] { "frontier", small.toString(), "--caps", "0,ten", "--lang", "en" }))
                .isEqualTo(KamPlannerCli.INVALID_INPUT);
        Path tiny = copyResource("/plans/tiny.json", dir.resolve("tiny.json"));
        Files.writeString(tiny, Files.readString(tiny).replace(", \"currentKamId\": \"K1\"", ""));
        assertThat(KamPlannerCli.run(new String[] { "frontier", tiny.toString(), "--lang", "en" }))
                .isEqualTo(KamPlannerCli.INVALID_INPUT);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "kam-planner frontier: --caps: a cap on hand-overs is 0 or more, not -3",
                "kam-planner frontier: --caps: 0,ten is not a list of whole numbers",
                "accounts[].currentKamId: the plan has no incumbents").doesNotContain("Exception");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Point 1");
    }

    private Path copyResource(String resource, Path target) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }
}
