package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kamplanner.plan.ServiceCalls.get;
import static org.kamplanner.plan.ServiceCalls.send;
import static org.kamplanner.plan.ServiceCalls.submit;
import static org.kamplanner.plan.ServiceCalls.baseUrl;
import static org.kamplanner.plan.ServiceCalls.freePort;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kamplanner.KamPlannerApplication;
import org.kamplanner.ModelChecker;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * Plans survive the service: a graceful shutdown saves running solves, a hard kill loses at most the
 * save interval and the solve goes on after the restart, a purge removes a plan for good. Each case runs on H2 (file) and, where .ci/run has
 * started one (KAM_PLANNER_TEST_POSTGRES_URL), on PostgreSQL.
 */
class PlanStorageTest {

    /** A database for one test: the same URL is used by every service instance the test starts. */
    record Database(String name, String url, String user, String password, String schema) {

        List<String> arguments() {
            List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + user, "--spring.datasource.password=" + password));
            if (schema != null) {
                args.add("--spring.flyway.default-schema=" + schema);
            }
            return args;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    static Path temp;

    static Stream<Database> databases() {
        String schema = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Stream<Database> h2 = Stream.of(new Database("H2", "jdbc:h2:file:" + temp.resolve("h2-" + schema) + "/plans",
                "sa", "", null));
        String postgres = System.getenv("KAM_PLANNER_TEST_POSTGRES_URL");
        if (postgres == null) {
            return h2;
        }
        // A schema of its own per run: tests never see each other's plans.
        return Stream.concat(h2, Stream.of(new Database("PostgreSQL", postgres + "?currentSchema=" + schema,
                System.getenv("KAM_PLANNER_TEST_POSTGRES_USER"), System.getenv("KAM_PLANNER_TEST_POSTGRES_PASSWORD"),
                schema)));
    }

    /** A dead replica is found after 6 missed heartbeats: 3 s here instead of 30 s. Tests only. */
    static final List<String> FAST_FAILOVER = List.of("--db-scheduler.heartbeat-interval=500ms",
            "--db-scheduler.polling-interval=500ms");

    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aGracefulShutdownHandsTheSolveOnAndTheRestartContinuesIt(Database db) throws Exception {
        String id;
        double elapsedBefore;
        try (ConfigurableApplicationContext service = start(db)) {
            String base = baseUrl(service);
            id = submit(base, "/demo-data/dach-small.json", 600);
            awaitStatus(base, id, "SOLVING");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> get(base, "/plans/" + id + "/status").get("elapsedSeconds").asDouble() >= 1);
            elapsedBefore = get(base, "/plans/" + id + "/status").get("elapsedSeconds").asDouble();
        }

        try (ConfigurableApplicationContext restarted = start(db)) {
            String base = baseUrl(restarted);
            // Saved unfinished with its best plan, and solved on after the restart: no resume needed.
            awaitStatus(base, id, "SOLVING");
            await().atMost(Duration.ofSeconds(60)).until(() -> restarted.getBean(PlanSolving.class).solvingHere().contains(id));
            // Before its part here starts, the poll says the time used so far; after, that and the time left.
            assertThat(get(base, "/plans/" + id + "/status").get("elapsedSeconds").asDouble())
                    .isGreaterThanOrEqualTo(elapsedBefore);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> get(base, "/plans/" + id + "/status").path("remainingSeconds").isNumber());
            JsonNode status = get(base, "/plans/" + id + "/status");
            assertThat(status.get("elapsedSeconds").asDouble()).isGreaterThanOrEqualTo(elapsedBefore);
            assertThat(status.get("remainingSeconds").asDouble()).isLessThanOrEqualTo(600 - elapsedBefore + 0.1);
            JsonNode plan = get(base, "/plans/" + id);
            assertThat(plan.get("warnings").toString()).doesNotContain("shutdown");
            assertThat(plan.get("summary").get("unassignedAccounts").asInt()).isZero();
            ModelChecker.assertConsistent(plan);
            assertThat(send(base, "POST", "/plans/" + id + "/solve", null).statusCode()).isEqualTo(409);
            assertThat(mapper.readTree(send(base, "DELETE", "/plans/" + id, null).body()).get("status").asText())
                    .isEqualTo("TERMINATED");

            // A resume is a new solve: its full time limit again.
            assertThat(send(base, "POST", "/plans/" + id + "/solve", null).statusCode()).isEqualTo(202);
            awaitStatus(base, id, "SOLVING");
            await().atMost(Duration.ofSeconds(60)).until(() -> get(base, "/plans/" + id + "/status")
                    .path("remainingSeconds").asDouble(0) > 600 - elapsedBefore + 0.1);
            assertThat(mapper.readTree(send(base, "DELETE", "/plans/" + id, null).body()).get("status").asText())
                    .isEqualTo("TERMINATED");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aPurgedPlanIsGoneForGood(Database db) throws Exception {
        String id;
        try (ConfigurableApplicationContext service = start(db)) {
            String base = baseUrl(service);
            id = submit(base, "/plans/tiny.json", 600);
            assertThat(send(base, "DELETE", "/plans/" + id + "?purge=true", null).statusCode()).isEqualTo(204);
            assertThat(send(base, "GET", "/plans/" + id, null).statusCode()).isEqualTo(404);
        }
        try (ConfigurableApplicationContext restarted = start(db)) {
            assertThat(send(baseUrl(restarted), "GET", "/plans/" + id, null).statusCode()).isEqualTo(404);
            // Its audit entries are not: who submitted and who purged it, after the restart too.
            JsonNode entries = get(baseUrl(restarted), "/plans/" + id + "/audit");
            assertThat(entries).extracting(e -> e.get("action").asText()).containsExactly("PURGE", "SUBMIT");
        }
    }

    /**
     * The service in a child JVM, killed with SIGKILL mid-solve, then started again on the same database:
     * db-scheduler finds the dead solve (no heartbeat) and the plan is solved on from its last saved best
     * plan. Before the cluster issue (16) such a plan came back TERMINATED and had to be resumed by hand.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aHardKillLosesAtMostTheSaveIntervalAndTheSolveGoesOn(Database db) throws Exception {
        int port = freePort();
        String base = "http://localhost:" + port;
        Process child = startChild(db, port);
        String id;
        HardMediumSoftLongScore saved;
        try {
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .until(() -> send(base, "GET", "/plans", null).statusCode() == 200);
            id = submit(base, "/demo-data/dach-small.json", 600);
            // Every account placed for a while: the greedy's complete plan has been saved (interval 100 ms).
            await().atMost(Duration.ofSeconds(60)).during(Duration.ofMillis(500)).until(
                    () -> get(base, "/plans/" + id).get("summary").get("unassignedAccounts").asInt() == 0);
        } finally {
            child.destroyForcibly().waitFor();
        }

        try (ConfigurableApplicationContext restarted = start(db)) {
            String again = baseUrl(restarted);
            saved = HardMediumSoftLongScore.parseScore(get(again, "/plans/" + id).get("score").asText());
            JdbcClient jdbc = restarted.getBean(JdbcClient.class);
            // The second solve of the plan: the dead one's execution revived here.
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("select solve_epoch from plan where id = ?")
                    .param(id).query(Long.class).single() == 2L);
            JsonNode stopped = mapper.readTree(send(again, "DELETE", "/plans/" + id, null).body());
            assertThat(stopped.get("status").asText()).isEqualTo("TERMINATED");
            assertThat(stopped.get("warnings").toString()).doesNotContain("The service stopped");
            assertThat(stopped.get("summary").get("unassignedAccounts").asInt()).isZero();
            // Solved on from the saved plan: never worse than it.
            assertThat(HardMediumSoftLongScore.parseScore(stopped.get("score").asText())).isGreaterThanOrEqualTo(saved);
            ModelChecker.assertConsistent(stopped);
            // The killed replica's audit entry of the submission survived; the stop here is recorded after it.
            JsonNode entries = get(again, "/plans/" + id + "/audit");
            assertThat(entries).extracting(e -> e.get("action").asText()).containsExactly("STOP", "SUBMIT");
        }
    }

    private ConfigurableApplicationContext start(Database db) {
        List<String> args = new ArrayList<>(db.arguments());
        args.add("--server.port=0");
        args.add("--kam-planner.store.save-interval=100ms");
        args.addAll(FAST_FAILOVER);
        return new SpringApplicationBuilder(KamPlannerApplication.class).run(args.toArray(String[]::new));
    }

    private Process startChild(Database db, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KamPlannerApplication.class.getName()));
        command.addAll(db.arguments());
        command.add("--server.port=" + port);
        command.add("--kam-planner.store.save-interval=100ms");
        command.addAll(FAST_FAILOVER);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("child-" + port + ".log").toFile()).start();
    }

    private void awaitStatus(String base, String id, String status) {
        await().atMost(Duration.ofSeconds(60)).until(
                () -> get(base, "/plans/" + id + "/status").get("status").asText(), status::equals);
    }
}
