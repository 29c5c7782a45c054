package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What every error answer of the service must be: problem+json with its status, and no internals. */
final class ProblemAssertions {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProblemAssertions() {
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("java.", "Exception", "com.fasterxml", "org.kamplanner",
                "\tat ", "trace");
        JsonNode problem = MAPPER.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }
}
