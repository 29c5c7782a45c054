package org.kamplanner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kamplanner.ModelChecker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The command line of the jar, run in-process. */
class KamPlannerCliTest {

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
    void solveWritesAConsistentSolvedDocumentAndPrintsTheKamTable() throws IOException {
        Path input = copyResource("/demo-data/dach-small.json", dir.resolve("small.json"));
        Path output = dir.resolve("solved.json");

        // Ends on a work budget, not on the clock: the same plan, and no waiting, on a busy machine.
        int exit = KamPlannerCli.run(new String[] { "solve", input.toString(), "--seed", "1", "--work-budget", "20000",
                "--output", output.toString() });

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("KAM      name", "assigned 60, unassigned 0", "written to " + output);
        JsonNode solved = new ObjectMapper().readTree(output.toFile());
        assertThat(solved.get("feasible").asBoolean()).isTrue();
        ModelChecker.assertConsistent(solved);
    }

    @Test
    void analyzePrintsTheScoreAndTheSentences() throws IOException {
        Path input = copyResource("/plans/tiny.json", dir.resolve("tiny.json"));

        int exit = KamPlannerCli.run(new String[] { "analyze", input.toString() });

        assertThat(exit).isZero();
        // Nothing is assigned in tiny.json: A1 (A) 100 + A2 (B) 10 + A3 (C) 1 + A4 (B) 10 unassigned.
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Score 0hard/-121medium/0soft (feasible)")
                .contains("A-account Solarwerk GmbH has no KAM (penalty 100)")
                .contains("Uncovered accounts (4):", "  A1 Solarwerk GmbH, tier A, revenue –: ");
    }

    @Test
    void analyzeListsTheMostPenalizedKamsAndAccountsWithTheirSentences() throws IOException {
        Path input = copyResource("/plans/tiny.json", dir.resolve("tiny.json"));
        String assigned = Files.readString(input)
                .replace("\"currentKamId\": \"K1\" },", "\"currentKamId\": \"K1\", \"assignedKamId\": \"K1\" },")
                .replace("\"tier\": \"B\", \"phase\": \"ONBOARDING\" }", "\"tier\": \"B\", \"phase\": \"ONBOARDING\", \"assignedKamId\": \"K1\" }");
        Files.writeString(input, assigned);

        int exit = KamPlannerCli.run(new String[] { "analyze", input.toString() });

        assertThat(exit).isZero();
        // Anna carries Solarwerk (3600 + 120), Windkraft (720 + 480) and Beratung Huber (120 + 4·2·240/12
        // = 160), whom she must not serve: 5200 minutes, 5200² / 7200 = 3755.
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed.substring(printed.indexOf("Most penalized KAMs:")))
                .contains("K1         Anna Schmidt")
                .contains("      Anna Schmidt carries 86.7 h of 120.0 h a month (72.2 % utilization), balance penalty 3755 = 5200² / 7200")
                .contains("A3         Beratung Huber")
                .contains("      Anna Schmidt must not serve Beratung Huber: former employer");
    }

    @Test
    void analyzeJsonPrintsTheApiAnalysis() throws IOException {
        Path input = copyResource("/plans/tiny.json", dir.resolve("tiny.json"));

        int exit = KamPlannerCli.run(new String[] { "analyze", "--json", input.toString() });

        assertThat(exit).isZero();
        JsonNode analysis = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(analysis.get("score").asText()).isEqualTo("0hard/-121medium/0soft");
        assertThat(analysis.get("fetch").asText()).isEqualTo("all");
        assertThat(analysis.get("accounts").get(0).get("name").asText()).isEqualTo("Solarwerk GmbH");
    }

    @Test
    void invalidDocumentExitsWithTheProblems() throws IOException {
        Path input = dir.resolve("bad.json");
        Files.writeString(input, """
                {"sectors": [], "regions": [], "kams": [], "accounts": []}""");

        int exit = KamPlannerCli.run(new String[] { "analyze", input.toString() });

        assertThat(exit).isEqualTo(KamPlannerCli.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("kam-planner analyze: invalid plan:", "kams: ");
    }

    @Test
    void generateIsDeterministicForASeed() throws IOException {
        Path first = dir.resolve("a.json");
        Path second = dir.resolve("b.json");
        String[] args = { "generate", "--kams", "6", "--accounts", "70", "--seed", "3", "--output" };

        assertThat(KamPlannerCli.run(append(args, first.toString()))).isZero();
        assertThat(KamPlannerCli.run(append(args, second.toString()))).isZero();

        assertThat(Files.readString(first)).isEqualTo(Files.readString(second));
        JsonNode generated = new ObjectMapper().readTree(first.toFile());
        assertThat(generated.get("kams")).hasSize(6);
        assertThat(generated.get("accounts")).hasSize(70);
    }

    /** Two KAMs cannot take 300 accounts under the sector caps: a user's mistake, said as one. */
    @Test
    void generateWithTooManyAccountsPerKamIsAUsageMistake() {
        int exit = KamPlannerCli.run(new String[] { "generate", "--kams", "2", "--accounts", "300" });

        assertThat(exit).isEqualTo(KamPlannerCli.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("kam-planner generate: 300 accounts do not fit on 2 KAMs")
                .doesNotContain("Exception");
    }

    private static String[] append(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    /** The newcomer is the leaver's twin (home, sectors, capacity), so every orphan has a place. */
    @Test
    void rebalancePrintsTheMovesAndWritesAConsistentDocument() throws IOException {
        Path input = copyResource("/demo-data/dach-small.json", dir.resolve("small.json"));
        Path solved = dir.resolve("solved.json");
        // Seed and budget are written into the solved document, so the rebalance below ends on the budget too.
        assertThat(KamPlannerCli.run(new String[] { "solve", input.toString(), "--seed", "1", "--work-budget", "20000",
                "--output", solved.toString() })).isZero();
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
        Path input = copyResource("/demo-data/dach-small.json", dir.resolve("small.json"));

        int exit = KamPlannerCli.run(new String[] { "rebalance", input.toString(), "--leaving", "K-none", "--output",
                dir.resolve("x.json").toString() });

        assertThat(exit).isEqualTo(KamPlannerCli.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("leavingKamIds[0]: unknown KAM 'K-none'");
    }

    @Test
    void aMissingFileIsOneLineAndExitCode3() {
        int exit = KamPlannerCli.run(new String[] { "analyze", dir.resolve("nope.json").toString() });

        assertThat(exit).isEqualTo(KamPlannerCli.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("kam-planner analyze: " + dir.resolve("nope.json") + ": no such file" + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void badJsonIsNamedByItsFieldPathAsTheApiDoes() throws IOException {
        Path input = copyResource("/plans/tiny.json", dir.resolve("tiny.json"));
        Files.writeString(input, Files.readString(input).replaceFirst("\"experienceYears\": 8", "\"experienceYears\": \"lots\""));

        int exit = KamPlannerCli.run(new String[] { "analyze", input.toString() });

        assertThat(exit).isEqualTo(KamPlannerCli.INVALID_INPUT);
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed).startsWith("kam-planner analyze: invalid plan:").contains("kams[0].experienceYears: ")
                .doesNotContain("Exception", "\tat ");
        assertThat(printed.lines()).hasSize(2);

        Files.writeString(input, "{\"kams\": [");
        err.reset();
        assertThat(KamPlannerCli.run(new String[] { "analyze", input.toString() })).isEqualTo(KamPlannerCli.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("$: malformed JSON");
    }

    @Test
    void everyOptionIsDescribedWithItsDefault() {
        for (String command : new String[] { "solve", "analyze", "compare", "generate", "rebalance", "frontier" }) {
            out.reset();
            assertThat(KamPlannerCli.run(new String[] { command, "--help" })).isZero();
            String help = out.toString(StandardCharsets.UTF_8);
            // The description column of each option (not the usage synopsis, whose options are in brackets).
            for (String line : help.lines().filter(l -> l.matches("\\s+(-\\w, )?--[\\w-]+(=\\S+)?\\s{2,}\\S.*")).toList()) {
                if (line.contains("--help") || line.contains("--version")) {
                    continue;
                }
                // Picocli wraps long descriptions: the option's text runs until the next option.
                String text = help.substring(help.indexOf(line)).split("\n\\s+-")[0];
                assertThat(text).as(command + ": " + line).containsAnyOf("default", "required");
            }
        }
        out.reset();
        KamPlannerCli.run(new String[] { "generate", "--help" });
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--seed=N", "default: 1", "default: 1.2");
        out.reset();
        KamPlannerCli.run(new String[] { "--help" });
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Exit codes:", "3   invalid input");
    }

    @Test
    void theCommandLineOptionsFirstAreAUsageErrorNotAWebService() {
        assertThat(KamPlannerCli.handles(new String[] { "--lang", "de", "solve", "plan.json" })).isTrue();
        assertThat(KamPlannerCli.handles(new String[] { "--server.port=9090" })).isFalse();
        assertThat(KamPlannerCli.run(new String[] { "--lang", "de", "solve", "plan.json" })).isEqualTo(KamPlannerCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--lang");
    }

    @Test
    void unknownAndMissingOptionsAreSaidInTheUsersLanguage() {
        assertThat(KamPlannerCli.run(new String[] { "generate", "--lang", "de", "--kams", "3", "--accounts", "9", "--bogus" }))
                .isEqualTo(KamPlannerCli.USAGE);
        assertThat(KamPlannerCli.run(new String[] { "generate", "--lang", "de", "--kams", "3" }))
                .isEqualTo(KamPlannerCli.USAGE);
        assertThat(KamPlannerCli.run(new String[] { "generate", "--lang", "en", "--kams", "3" }))
                .isEqualTo(KamPlannerCli.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "kam-planner generate: unbekannte Option oder Angabe: --bogus",
                "kam-planner generate: es fehlt: --accounts",
                "kam-planner generate: missing: --accounts");
    }

    @Test
    void helpInGermanLeavesNoEnglishDescription() {
        // The English descriptions, as the annotations give them (no bundle set).
        CommandLine english = new CommandLine(new KamPlannerCli());
        for (Map.Entry<String, CommandLine> command : english.getSubcommands().entrySet()) {
            List<String> described = new ArrayList<>();
            CommandSpec spec = command.getValue().getCommandSpec();
            described.addAll(List.of(spec.usageMessage().description()));
            spec.options().forEach(o -> described.addAll(List.of(o.description())));
            spec.positionalParameters().forEach(p -> described.addAll(List.of(p.description())));

            out.reset();
            assertThat(KamPlannerCli.run(new String[] { command.getKey(), "--help", "--lang", "de" })).isZero();
            String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            assertThat(help).startsWith("Aufruf: kam-planner " + command.getKey()).contains("Optionen:");
            for (String text : described) {
                // The first words: picocli wraps lines, also inside a path.
                String start = String.join(" ", Arrays.asList(text.split(" ")).subList(0, Math.min(3, text.split(" ").length)));
                assertThat(help).as(command.getKey() + ": " + text).doesNotContain(start);
            }
        }
        out.reset();
        KamPlannerCli.run(new String[] { "--help", "--lang=de" });
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Befehle:", "Exit-Codes:", "3   ungültige Eingabe");
    }

    @Test
    void compareShowsScoresConstraintsAndMovedAccountsByName() throws IOException {
        Path before = copyResource("/plans/tiny.json", dir.resolve("before.json"));
        Path after = dir.resolve("after.json");
        Files.writeString(after, Files.readString(before)
                .replace("\"currentKamId\": \"K1\" },", "\"currentKamId\": \"K1\", \"assignedKamId\": \"K1\" },"));

        int exit = KamPlannerCli.run(new String[] { "compare", before.toString(), after.toString() });

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("score", "0hard/-121medium/0soft", "Unassigned account",
                "before.json", "after.json", "Accounts with another KAM (2):", "Solarwerk GmbH", "no KAM → Anna Schmidt (K1)");

        out.reset();
        assertThat(KamPlannerCli.run(new String[] { "compare", "--json", before.toString(), after.toString() })).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("plans")).hasSize(2);
        assertThat(json.at("/plans/0/score").asText()).isEqualTo("0hard/-121medium/0soft");
        assertThat(json.at("/plans/1/constraints").size()).isPositive();
        assertThat(json.at("/moved/0/accountName").asText()).isEqualTo("Solarwerk GmbH");
        assertThat(json.at("/moved/0/toKamName").asText()).isEqualTo("Anna Schmidt");
    }

    @Test
    void unimprovedSecondsIsAnnouncedAndEndsTheSolve() throws IOException {
        Path input = copyResource("/plans/tiny.json", dir.resolve("tiny.json"));

        int exit = KamPlannerCli.run(new String[] { "solve", input.toString(), "--seconds", "60",
                "--unimproved-seconds", "1", "--bound-seconds", "0", "--output", dir.resolve("s.json").toString() });

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("60 s (or 1 s without improvement)")
                // quiet by default: none of Timefold's log lines
                .doesNotContain("Solving ended", "Solving started");
    }

    /**
     * --seed and --work-budget win over the document's settings (here a seed of 5) and are written into the solved
     * document; the same options give the same plan twice.
     */
    @Test
    void seedAndWorkBudgetGiveTheSamePlanTwice() throws IOException {
        Path input = copyResource("/demo-data/dach-small.json", dir.resolve("small.json"));
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode document =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(input.toFile());
        document.withObject("settings").put("seed", 5);
        json.writeValue(input.toFile(), document);
        List<JsonNode> solved = new ArrayList<>();
        for (String name : List.of("first.json", "second.json")) {
            Path output = dir.resolve(name);
            int exit = KamPlannerCli.run(new String[] { "solve", input.toString(), "--seed", "3", "--work-budget",
                    "200000", "--seconds", "120", "--bound-seconds", "0", "--output", output.toString() });
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            solved.add(json.readTree(output.toFile()));
        }

        assertThat(solved.get(0).at("/settings/seed").asInt()).isEqualTo(3);
        assertThat(solved.get(0).at("/settings/workBudget").asInt()).isEqualTo(200_000);
        assertThat(solved.get(1).get("accounts")).isEqualTo(solved.get(0).get("accounts"));
        ModelChecker.assertConsistent(solved.get(0));
    }

    @Test
    void aNegativeSeedOrAnEmptyWorkBudgetIsSaidInTheUsersLanguage() throws IOException {
        Path input = copyResource("/plans/tiny.json", dir.resolve("tiny.json"));

        assertThat(KamPlannerCli.run(new String[] { "solve", input.toString(), "--seed", "-1" }))
                .isEqualTo(KamPlannerCli.INVALID_INPUT);
        assertThat(KamPlannerCli.run(new String[] { "solve", "--lang", "de", input.toString(), "--work-budget", "0" }))
                .isEqualTo(KamPlannerCli.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("kam-planner solve: --seed must be 0 or more, not -1",
                "kam-planner solve: --work-budget muss mindestens 1 bewerteter Zug sein, nicht 0");
        assertThat(dir.resolve("tiny-solved.json")).doesNotExist();
        out.reset();
        assertThat(KamPlannerCli.run(new String[] { "solve", "--lang", "de", "--help" })).isZero();
        // picocli wraps the description at any dot or space ("settings.\n workBudget"): read it as one line.
        assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\.\\s+", ".").replaceAll("\\s+", " "))
                .contains("Zufalls-Seed", "settings.workBudget des Dokuments");
    }

    @Test
    void withLangDeTheAnalysisAndTheErrorsAreGerman() throws IOException {
        Path input = copyResource("/plans/tiny.json", dir.resolve("tiny.json"));

        assertThat(KamPlannerCli.run(new String[] { "analyze", "--lang", "de", input.toString() })).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Bewertung 0hard/-121medium/0soft (gültig)",
                "A-Kunde Solarwerk GmbH hat keinen KAM (Strafe 100)", "Kunden ohne KAM (4):", "  A1 Solarwerk GmbH, Stufe A, Umsatz –: ");

        Files.writeString(input, Files.readString(input).replaceFirst("\"experienceYears\": 8", "\"experienceYears\": \"lots\""));
        assertThat(KamPlannerCli.run(new String[] { "analyze", "--lang", "de", input.toString() }))
                .isEqualTo(KamPlannerCli.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("kam-planner analyze: ungültiger Plan:")
                .contains("kams[0].experienceYears: erwartet eine ganze Zahl, erhalten: \"lots\"");
    }

    @Test
    void langSetsTheDefaultLocaleForTheCommandOnly() throws IOException {
        Locale before = Locale.getDefault();
        Path input = copyResource("/plans/tiny.json", dir.resolve("tiny.json"));

        assertThat(KamPlannerCli.run(new String[] { "analyze", "--lang", "de", input.toString() })).isZero();
        assertThat(Locale.getDefault()).isEqualTo(before);
        assertThat(KamPlannerCli.run(new String[] { "analyze", "--lang", "fr", input.toString() }))
                .isEqualTo(KamPlannerCli.USAGE);
    }

    /**
     * {@code compare} prints the business figures before the raw penalties, in English and German, and says
     * when the two plans were scored under different settings. tiny.json by hand: today Solarwerk (A) and
     * Beratung Huber (C) are with Anna Schmidt (K1, 8 years); the second plan hands both to Jonas Weber (K2,
     * 3 years: a junior for an A-account, the model asks for 5) and scores under other tier minutes.
     */
    @Test
    void businessFiguresComeBeforeThePenaltiesInBothLanguages() throws IOException {
        Path today = copyResource("/plans/tiny.json", dir.resolve("today.json"));
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

    @Test
    void frontierPrintsOneRowPerCapAndWhatEachStepBuys() throws IOException {
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
    void frontierTakesBadCapsAndAPlanWithoutIncumbentsAsInvalidInputInWords() throws IOException {
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
