package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stop that arrives after this replica has claimed a plan but before Timefold has its job finds no job to
 * end; it marked the plan TERMINATED, and the solve then ran its whole time limit behind that status,
 * holding the solver thread: the next plan stayed SCHEDULED (AccountRestTest failed a full run so). Here
 * that moment is forced: the plan is stopped on the solve's thread just before the job is submitted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StopBeforeTheSolveStartsTest extends AdminRestTest {

    @Autowired
    private PlanSolving solving;

    @Autowired
    private PlanService service;

    @AfterEach
    void noHook() {
        solving.beforeSolve = plan -> { };
    }

    @Test
    void aStopBeforeTheJobStartsEndsTheSolveAndFreesTheSolverThread() throws IOException {
        solving.beforeSolve = plan -> {
            if (plan.name.equals("stopped before it starts")) {
                service.stop(plan.id);
            }
        };
        String stopped = submit("stopped before it starts", 600);

        // Ended at once, not after its 600 s: no solve of it runs on this replica any more.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> !solving.solvingHere().contains(stopped));
        assertThat(status(stopped)).isEqualTo("TERMINATED");
        // The solver thread is free: the next plan is solved.
        String next = submit("the next plan", 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(next).equals("COMPLETED"));
    }

    private String submit(String name, int seconds) throws IOException {
        String body = Files.readString(Path.of("src/test/resources/plans/tiny.json"))
                .replace("\"terminationSeconds\": 2", "\"terminationSeconds\": " + seconds);
        ObjectNode document = (ObjectNode) new ObjectMapper().readTree(body);
        document.put("name", name);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.postForObject("/plans", new HttpEntity<>(document, headers), JsonNode.class).get("id").asText();
    }

    private String status(String id) {
        return rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText();
    }
}
