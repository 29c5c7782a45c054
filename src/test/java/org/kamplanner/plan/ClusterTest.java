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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kamplanner.KamPlannerApplication;
import org.kamplanner.plan.PlanStorageTest.Database;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Many replicas on one database (docs/deployment.md). Two replicas in this JVM share an H2 file (H2
 * shares one open database within a JVM) or PostgreSQL; the failover test starts a third replica in a
 * child JVM and needs PostgreSQL (KAM_PLANNER_TEST_POSTGRES_URL, as .ci/run starts it).
 */
class ClusterTest {

    @TempDir
    static Path temp;

    static List<Database> databases() {
        String schema = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<Database> databases = new ArrayList<>(List.of(new Database("H2",
                "jdbc:h2:file:" + temp.resolve("h2-" + schema) + "/plans", "sa", "", null)));
        if (System.getenv("KAM_PLANNER_TEST_POSTGRES_URL") != null) {
            databases.add(postgres(schema));
        }
        return databases;
    }

    private static Database postgres(String schema) {
        return new Database("PostgreSQL", System.getenv("KAM_PLANNER_TEST_POSTGRES_URL") + "?currentSchema=" + schema,
                System.getenv("KAM_PLANNER_TEST_POSTGRES_USER"), System.getenv("KAM_PLANNER_TEST_POSTGRES_PASSWORD"),
                schema);
    }

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Two replicas solve plans submitted to both: no plan is ever in both replicas' solves at once, a stop
     * sent to the replica that does not solve the plan reaches it, so does a leave (202, applied by the
     * replica that solves the plan), and both replicas list the same.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoReplicasNeverSolveThePlanTogetherAndAnswerTheSame(Database db) throws Exception {
        try (ConfigurableApplicationContext a = start(db, "replica-a");
                ConfigurableApplicationContext b = start(db, "replica-b")) {
            List<ConfigurableApplicationContext> replicas = List.of(a, b);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(submit(baseUrl(replicas.get(i % 2)), "/plans/tiny.json", 3));
            }
            PlanSolving solvingA = a.getBean(PlanSolving.class);
            PlanSolving solvingB = b.getBean(PlanSolving.class);
            Set<String> seenSolving = new HashSet<>();
            // Sampled while the plans solve: a plan is in at most one replica's solves.
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                Set<String> onA = solvingA.solvingHere();
                Set<String> onB = solvingB.solvingHere();
                Set<String> onBoth = new HashSet<>(onA);
                onBoth.retainAll(onB);
                assertThat(onBoth).isEmpty();
                seenSolving.addAll(onA);
                seenSolving.addAll(onB);
                return allCompleted(baseUrl(a), ids);
            });
            assertThat(seenSolving).isNotEmpty();
            assertThat(list(baseUrl(a))).isEqualTo(list(baseUrl(b)));
            // Proposed on one replica, approved on the other: read-only on both, the same approval and log on both.
            String approved = ids.get(0);
            assertThat(send(baseUrl(a), "POST", "/plans/" + approved + "/propose", null).statusCode()).isEqualTo(200);
            HttpResponse<String> approval = send(baseUrl(b), "POST", "/plans/" + approved + "/approve",
                    "{\"effectiveFrom\": \"2027-01-01\"}");
            assertThat(approval.statusCode()).as(approval.body()).isEqualTo(200);
            assertThat(send(baseUrl(a), "POST", "/plans/" + approved + "/solve", null).statusCode()).isEqualTo(409);
            assertThat(get(baseUrl(a), "/plans/" + approved).get("approval"))
                    .isEqualTo(get(baseUrl(b), "/plans/" + approved).get("approval"));
            assertThat(get(baseUrl(a), "/plans/" + approved).at("/approval/state").asText()).isEqualTo("APPROVED");
            assertThat(get(baseUrl(a), "/audit?limit=1000")).isEqualTo(get(baseUrl(b), "/audit?limit=1000"));
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            // Each plan solved once (epoch 1), no job left behind.
            assertThat(jdbc.sql("select max(solve_epoch) from plan").query(Long.class).single()).isEqualTo(1L);
            assertThat(jdbc.sql("select count(*) from scheduled_tasks").query(Integer.class).single()).isZero();

            // A long solve on one replica, stopped and left through the other.
            String longId = submit(baseUrl(a), "/plans/tiny.json", 600);
            await().atMost(Duration.ofSeconds(60)).until(
                    () -> solvingA.solvingHere().contains(longId) || solvingB.solvingHere().contains(longId));
            ConfigurableApplicationContext other = solvingA.solvingHere().contains(longId) ? b : a;
            await().atMost(Duration.ofSeconds(60)).until(() -> "SOLVING".equals(status(baseUrl(other), longId)));
            HttpResponse<String> leave = send(baseUrl(other), "POST", "/plans/" + longId + "/problem-changes",
                    "{\"leavingKamIds\": [\"K1\"]}");
            assertThat(leave.statusCode()).as(leave.body()).isEqualTo(202);
            // Applied by the solving replica from the database: both replicas' documents show K1 left.
            await().atMost(Duration.ofSeconds(60)).until(() -> !kamActive(baseUrl(other), longId, "K1"));
            assertThat(kamActive(baseUrl(a), longId, "K1")).isFalse();
            assertThat(jdbc.sql("select count(*) from plan_change").query(Integer.class).single()).isZero();
            HttpResponse<String> stopped = send(baseUrl(other), "DELETE", "/plans/" + longId, null);
            assertThat(mapper.readTree(stopped.body()).get("status").asText()).as(stopped.body()).isEqualTo("TERMINATED");
            assertThat(status(baseUrl(a), longId)).isEqualTo("TERMINATED");
            assertThat(status(baseUrl(b), longId)).isEqualTo("TERMINATED");
        }
    }

    /**
     * Three replicas on one PostgreSQL database, plans submitted round-robin; the replica in a child JVM is
     * killed (SIGKILL) while it solves. Its plans are taken over by the others from their last saved best
     * plan: every plan completes, none is lost, each was solved at most twice (once more after the kill),
     * and both remaining replicas report the same.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = "KAM_PLANNER_TEST_POSTGRES_URL", matches = ".+")
    void aReplicaKilledMidSolveLosesNoPlan() throws Exception {
        Database db = postgres("f" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        try (ConfigurableApplicationContext a = start(db, "replica-a");
                ConfigurableApplicationContext b = start(db, "replica-b")) {
            int port = freePort();
            String c = "http://localhost:" + port;
            Process child = startChild(db, "replica-c", port);
            List<String> ids = new ArrayList<>();
            try {
                await().atMost(Duration.ofSeconds(180)).ignoreExceptions()
                        .until(() -> send(c, "GET", "/plans", null).statusCode() == 200);
                List<String> bases = List.of(baseUrl(a), baseUrl(b), c);
                for (int i = 0; i < 6; i++) {
                    ids.add(submit(bases.get(i % 3), "/demo-data/dach-small.json", 8));
                }
                JdbcClient jdbc = a.getBean(JdbcClient.class);
                // The child has picked a plan and saved some of its progress: then it dies.
                await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.sql(
                        "select count(*) from plan where solved_by = 'replica-c' and status = 'SOLVING'")
                        .query(Integer.class).single() > 0);
            } finally {
                child.destroyForcibly().waitFor();
            }
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(
                    () -> allCompleted(baseUrl(a), ids));
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from plan").query(Integer.class).single()).isEqualTo(6);
            assertThat(jdbc.sql("select count(*) from plan where solve_epoch = 2").query(Integer.class).single())
                    .isPositive();
            assertThat(jdbc.sql("select max(solve_epoch) from plan").query(Long.class).single()).isEqualTo(2L);
            assertThat(jdbc.sql("select count(*) from scheduled_tasks").query(Integer.class).single()).isZero();
            assertThat(list(baseUrl(a))).isEqualTo(list(baseUrl(b)));
            for (String id : ids) {
                assertThat(get(baseUrl(b), "/plans/" + id).get("summary").get("unassignedAccounts").asInt()).isZero();
                // The audit entry of each submission survives the kill, that to the killed replica's too.
                JsonNode entries = get(baseUrl(b), "/plans/" + id + "/audit");
                assertThat(entries.get(entries.size() - 1).get("action").asText()).isEqualTo("SUBMIT");
            }
            assertThat(get(baseUrl(a), "/audit?limit=1000")).isEqualTo(get(baseUrl(b), "/audit?limit=1000"))
                    .hasSizeGreaterThanOrEqualTo(6);
        }
    }

    /**
     * Three replicas; the one that solves a long plan shuts down gracefully. It saves the plan unfinished and
     * releases its job: another replica continues the solve at once (epoch 2) with what is left of its time
     * limit, not the whole limit again. A leave sent to a replica that does not solve it is applied there.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aShutdownHandsItsSolveOnWithItsRemainingTime(Database db) throws Exception {
        List<ConfigurableApplicationContext> replicas = new ArrayList<>(List.of(start(db, "replica-a"),
                start(db, "replica-b"), start(db, "replica-c")));
        try {
            int limit = 600;
            String id = submit(baseUrl(replicas.get(0)), "/plans/tiny.json", limit);
            ConfigurableApplicationContext solver = await().atMost(Duration.ofSeconds(60))
                    .until(() -> solvingOn(replicas, id), r -> r != null);
            JdbcClient jdbc = solver.getBean(JdbcClient.class);
            // The solve has used some of its time and saved it.
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("select solve_spent_ms from plan where id = ?")
                    .param(id).query(Long.class).single() >= 1000);
            replicas.remove(solver);
            solver.close();
            long spentBefore = jdbc(replicas.get(0)).sql("select solve_spent_ms from plan where id = ?").param(id)
                    .query(Long.class).single();
            assertThat(spentBefore).isGreaterThanOrEqualTo(1000);

            ConfigurableApplicationContext next = await().atMost(Duration.ofSeconds(30))
                    .until(() -> solvingOn(replicas, id), r -> r != null);
            await().atMost(Duration.ofSeconds(30)).until(() -> "SOLVING".equals(status(baseUrl(next), id)));
            assertThat(jdbc(next).sql("select solve_epoch from plan where id = ?").param(id).query(Long.class).single())
                    .isEqualTo(2L);
            JsonNode status = get(baseUrl(next), "/plans/" + id + "/status");
            // The clock goes on from the time used before: never below it, never the full limit again.
            assertThat(status.get("elapsedSeconds").asDouble()).isGreaterThanOrEqualTo(spentBefore / 1000.0 - 0.1);
            assertThat(status.get("remainingSeconds").asDouble()).isLessThanOrEqualTo(limit - spentBefore / 1000.0 + 0.1);

            ConfigurableApplicationContext other = replicas.get(0) == next ? replicas.get(1) : replicas.get(0);
            HttpResponse<String> leave = send(baseUrl(other), "POST", "/plans/" + id + "/problem-changes",
                    "{\"leavingKamIds\": [\"K2\"]}");
            assertThat(leave.statusCode()).as(leave.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> !kamActive(baseUrl(next), id, "K2"));
            HttpResponse<String> stopped = send(baseUrl(other), "DELETE", "/plans/" + id, null);
            assertThat(mapper.readTree(stopped.body()).get("status").asText()).as(stopped.body()).isEqualTo("TERMINATED");
            assertThat(get(baseUrl(other), "/plans/" + id).get("warnings").toString()).doesNotContain("shutdown");
        } finally {
            replicas.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static ConfigurableApplicationContext solvingOn(List<ConfigurableApplicationContext> replicas, String id) {
        return replicas.stream().filter(r -> r.getBean(PlanSolving.class).solvingHere().contains(id)).findFirst()
                .orElse(null);
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext replica) {
        return replica.getBean(JdbcClient.class);
    }

    private boolean kamActive(String base, String planId, String kamId) throws Exception {
        for (JsonNode kam : get(base, "/plans/" + planId).get("kams")) {
            if (kam.get("id").asText().equals(kamId)) {
                return kam.path("active").asBoolean(true);
            }
        }
        throw new AssertionError("no KAM " + kamId);
    }

    private static List<String> replicaArguments(Database db, String name) {
        List<String> args = new ArrayList<>(db.arguments());
        args.add("--kam-planner.store.save-interval=200ms");
        args.add("--db-scheduler.scheduler-name=" + name);
        args.add("--db-scheduler.threads=1");
        args.add("--timefold.solver-manager.parallel-solver-count=1");
        args.addAll(PlanStorageTest.FAST_FAILOVER);
        return args;
    }

    private ConfigurableApplicationContext start(Database db, String name) {
        List<String> args = replicaArguments(db, name);
        args.add("--server.port=0");
        return new SpringApplicationBuilder(KamPlannerApplication.class).run(args.toArray(String[]::new));
    }

    private Process startChild(Database db, String name, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KamPlannerApplication.class.getName()));
        command.addAll(replicaArguments(db, name));
        command.add("--server.port=" + port);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve(name + ".log").toFile()).start();
    }

    private String status(String base, String id) throws Exception {
        return get(base, "/plans/" + id + "/status").get("status").asText();
    }

    private boolean allCompleted(String base, List<String> ids) throws Exception {
        for (String id : ids) {
            if (!"COMPLETED".equals(status(base, id))) {
                return false;
            }
        }
        return true;
    }

    /** What GET /plans says: id, status and score of each plan. */
    private List<String> list(String base) throws Exception {
        List<String> items = new ArrayList<>();
        get(base, "/plans").forEach(p -> items.add(p.get("id").asText() + " " + p.get("status").asText() + " "
                + p.get("score").asText()));
        return items;
    }
}
