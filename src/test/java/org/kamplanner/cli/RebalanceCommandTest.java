package org.kamplanner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kamplanner.ModelChecker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code rebalance PLAN.json --leaving … [--new-kams FILE] --output NEW.json}, run in-process. */
class RebalanceCommandTest {

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

    /** The newcomer is the leaver's twin (home, sectors, capacity), so every orphan has a place. */
    @Test
    void rebalancePrintsTheMovesAndWritesAConsistentDocument() throws IOException {
        Path input = dir.resolve("small.json");
        try (InputStream in = getClass().getResourceAsStream("/demo-data/dach-small.json")) {
            Files.copy(in, input);
        }
        Path solved = dir.resolve("solved.json");
        assertThat(KamPlannerCli.run(new String[] { "solve", input.toString(), "--seconds", "2", "--output",
                solved.toString() })).isZero();
        JsonNode source = new ObjectMapper().readTree(solved.toFile());
        Set<String> pinnedOn = new HashSet<>();
        source.get("accounts").forEach(a -> {
            if (a.path("pinned").asBoolean()) {
                pinnedOn.add(a.get("assignedKamId").asText());
            }
        });
        JsonNode leaver = null;
        for (JsonNode kam : source.get("kams")) {
            if (!pinnedOn.contains(kam.get("id").asText()) && kam.get("accountCount").asInt() > 0) {
                leaver = kam;
            }
        }
        String leaverId = leaver.get("id").asText();
        Path newKams = dir.resolve("new-kams.json");
        Files.writeString(newKams, "[{\"id\": \"K-NEW\", \"name\": \"Nora Neu\", \"homeRegionId\": \""
                + leaver.get("homeRegionId").asText() + "\", \"experienceYears\": 10, \"capacityMinutes\": "
                + leaver.path("capacityMinutes").asInt(7200) + ", \"sectorIds\": " + leaver.get("sectorIds") + "}]");
        Path output = dir.resolve("rebalanced.json");
        out.reset();

        int exit = KamPlannerCli.run(new String[] { "rebalance", solved.toString(), "--leaving", leaverId,
                "--new-kams", newKams.toString(), "--output", output.toString() });

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("start unassigned", "forced: " + leaver.get("name").asText() + " left",
                "written to " + output);
        JsonNode rebalanced = new ObjectMapper().readTree(output.toFile());
        assertThat(rebalanced.get("settings").get("mode").asText()).isEqualTo("REBALANCE");
        assertThat(rebalanced.get("summary").get("unassignedAccounts").asInt()).as(printed).isZero();
        for (JsonNode kam : rebalanced.get("kams")) {
            if (kam.get("id").asText().equals(leaverId)) {
                assertThat(kam.get("active").asBoolean()).isFalse();
                assertThat(kam.get("accountCount").asInt()).isZero();
            }
        }
        assertThat(rebalanced.get("moves").size()).isGreaterThanOrEqualTo(leaver.get("accountCount").asInt());
        ModelChecker.assertConsistent(rebalanced);
    }

    @Test
    void anUnknownLeaverIsReportedWithItsPath() throws IOException {
        Path input = dir.resolve("small.json");
        try (InputStream in = getClass().getResourceAsStream("/demo-data/dach-small.json")) {
            Files.copy(in, input);
        }

        int exit = KamPlannerCli.run(new String[] { "rebalance", input.toString(), "--leaving", "K-none", "--output",
                dir.resolve("x.json").toString() });

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("leavingKamIds[0]: unknown KAM 'K-none'");
    }
}
