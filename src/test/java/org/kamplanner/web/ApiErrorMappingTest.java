package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.kamplanner.TestTokens;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.LimitsConfig;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.errors.NotFoundException;
import org.kamplanner.plan.PlanConflictException;
import org.kamplanner.plan.PlanService;
import org.kamplanner.plan.PlanStatus;
import org.kamplanner.plan.SolveQueueFullException;
import org.kamplanner.security.ApiTokenStore;
import org.kamplanner.security.ApiTokens;
import org.kamplanner.security.ProblemResponses;
import org.kamplanner.security.SecurityConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * ApiExceptionHandler in Spring's MVC slice (no server, no solver, no database): each of the
 * service's exceptions becomes its problem+json, thrown through the real PlanController by a mocked
 * PlanService; an unreadable body is a 400 naming the JSON path; a body over the cap (100 bytes here)
 * a 413 from BodySizeLimitFilter, declared or streamed; anything else a 500 that shows no Java. Every
 * request says {@code Accept: application/json} and every answer must still be
 * application/problem+json.
 */
@WebMvcTest(controllers = { PlanController.class, ApiErrorMappingTest.ProbeController.class },
        properties = { "kam-planner.limits.max-body-bytes=100", "kam-planner.explain.max-concurrent=1",
                "kam-planner.explain.max-wait=0ms" })
@Import({ ApiErrorMappingTest.ProbeController.class, LimitsConfig.class, JacksonStrictness.class,
        ExplainBulkhead.class, SecurityConfig.class, ApiTokens.class, ProblemResponses.class })
class ApiErrorMappingTest {

    /** Exceptions no real controller throws on purpose; nested in a test, so no other context scans it. */
    @RestController
    static class ProbeController {

        @GetMapping("/probe/boom")
        String boom() {
            throw new IllegalStateException("secret internals of org.kamplanner.Something");
        }

        @GetMapping("/probe/teapot")
        String teapot() {
            throw new Teapot("secret message");
        }

        @GetMapping("/probe/gone")
        String gone() {
            throw new Gone("secret message");
        }
    }

    @ResponseStatus(code = HttpStatus.I_AM_A_TEAPOT, reason = "short and stout")
    static class Teapot extends RuntimeException {
        Teapot(String message) {
            super(message);
        }
    }

    @ResponseStatus(HttpStatus.GONE)
    static class Gone extends RuntimeException {
        Gone(String message) {
            super(message);
        }
    }

    /** Small and valid: 94 bytes, under the cap of 100. */
    private static final String SMALL = "{\"name\": \"x\", \"sectors\": [], \"regions\": [], \"kams\": [], \"accounts\": [], \"travelOverrides\": []}";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private PlanService service;

    /** The slice has no database; requests carry the admin token of the test properties instead. */
    @MockitoBean
    private ApiTokenStore tokenStore;

    // ************************************************************************
    // The service's exceptions
    // ************************************************************************

    @Test
    void invalidPlanIs400WithEveryProblemAndItsPath() throws Exception {
        when(service.submit(any(PlanDocument.class), any())).thenThrow(new InvalidPlanException(List.of(
                new FieldProblem("accounts[17].sectorId", "unknown sector 'GREENTCH'"),
                new FieldProblem("kams[0].capacityMinutes", "must be >= 1, got 0"))));

        JsonNode problem = problem(post("/plans").contentType(MediaType.APPLICATION_JSON).content(SMALL), 400);

        assertThat(problem.get("title").asText()).isEqualTo("Invalid plan");
        assertThat(problem.get("detail").asText()).isEqualTo("2 problems in the plan document");
        assertThat(problem.get("instance").asText()).isEqualTo("/plans");
        assertThat(problem.get("errors")).hasSize(2);
        assertThat(problem.at("/errors/0/path").asText()).isEqualTo("accounts[17].sectorId");
        assertThat(problem.at("/errors/0/message").asText()).isEqualTo("unknown sector 'GREENTCH'");
        assertThat(problem.at("/errors/1/path").asText()).isEqualTo("kams[0].capacityMinutes");
        assertThat(problem.at("/errors/1/message").asText()).isEqualTo("must be >= 1, got 0");
    }

    @Test
    void anAnalysisBeyondTheBulkheadIs503WithRetryAfter() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        when(service.analysis("p-1", false)).thenAnswer(invocation -> {
            inside.countDown();
            release.await();
            return null;
        });
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<?> holding = first.submit(() -> perform(get("/plans/p-1/analysis")));
            inside.await();
            // The one permit is taken and the bulkhead does not wait: the second analysis is refused at once.
            MockHttpServletResponse refused = perform(get("/plans/p-2/analysis"));
            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
            assertThat(refused.getContentType()).startsWith("application/problem+json");
            release.countDown();
            holding.get();
        } finally {
            release.countDown();
            first.shutdown();
        }
        // With the permit back, the next analysis runs.
        when(service.analysis("p-3", false)).thenReturn(null);
        assertThat(perform(get("/plans/p-3/analysis")).getStatus()).isEqualTo(200);
    }

    @Test
    void notFoundIs404() throws Exception {
        when(service.view("p-42")).thenThrow(new NotFoundException("Plan", "p-42"));

        JsonNode problem = problem(get("/plans/p-42"), 404);

        assertThat(problem.get("title").asText()).isEqualTo("Not Found");
        assertThat(problem.get("detail").asText()).isEqualTo("Plan 'p-42' not found");
        assertThat(problem.get("instance").asText()).isEqualTo("/plans/p-42");
    }

    @Test
    void planConflictIs409WithThePlanStatus() throws Exception {
        when(service.resume("p-7")).thenThrow(new PlanConflictException("p-7", PlanStatus.SOLVING,
                "resumeWhileRunning"));

        JsonNode problem = problem(post("/plans/p-7/solve"), 409);

        assertThat(problem.get("title").asText()).isEqualTo("Conflict");
        assertThat(problem.get("detail").asText()).isEqualTo("Plan 'p-7' is still solving");
        assertThat(problem.get("planStatus").asText()).isEqualTo("SOLVING");
    }

    @Test
    void fullSolveQueueIs503WithRetryAfter() throws Exception {
        when(service.submit(any(PlanDocument.class), any())).thenThrow(new SolveQueueFullException(4));

        MockHttpServletResponse response = perform(post("/plans").contentType(MediaType.APPLICATION_JSON)
                .content(SMALL));
        JsonNode problem = assertProblem(response, 503);

        assertThat(response.getHeader("Retry-After")).isEqualTo("30");
        assertThat(problem.get("title").asText()).isEqualTo("Service Unavailable");
        assertThat(problem.get("detail").asText())
                .isEqualTo("The solve queue is full (4 plans waiting or solving); retry later");
    }

    // ************************************************************************
    // Bodies that cannot be read
    // ************************************************************************

    @Test
    void aWrongTypeIs400NamingTheJsonPath() throws Exception {
        String body = "{\"kams\": [{\"id\": \"K1\", \"capacityMinutes\": \"lots\"}]}";

        JsonNode error = invalidBody(put("/plans/analyze").contentType(MediaType.APPLICATION_JSON).content(body));

        assertThat(error.get("path").asText()).isEqualTo("kams[0].capacityMinutes");
        assertThat(error.get("message").asText()).isEqualTo("expected an integer, got \"lots\"");
        verifyNoInteractions(service);
    }

    @Test
    void aNumberForAStringIs400NamingTheJsonPath() throws Exception {
        // JacksonStrictness: a number is not silently read as text.
        String body = "{\"accounts\": [{\"id\": \"A1\"}, {\"id\": \"A2\", \"tier\": 1}]}";

        JsonNode error = invalidBody(post("/plans").contentType(MediaType.APPLICATION_JSON).content(body));

        assertThat(error.get("path").asText()).isEqualTo("accounts[1].tier");
        assertThat(error.get("message").asText()).isEqualTo("expected a string, got 1");
        verifyNoInteractions(service);
    }

    @Test
    void malformedJsonIs400AtTheRoot() throws Exception {
        JsonNode error = invalidBody(post("/plans").contentType(MediaType.APPLICATION_JSON).content("{\"kams\": ["));

        assertThat(error.get("path").asText()).isEqualTo("$");
        assertThat(error.get("message").asText()).startsWith("malformed JSON at line 1, column ");
        verifyNoInteractions(service);
    }

    @Test
    void anEmptyBodyIs400() throws Exception {
        JsonNode error = invalidBody(post("/plans").contentType(MediaType.APPLICATION_JSON).content(""));

        assertThat(error.get("path").asText()).isEqualTo("$");
        assertThat(error.get("message").asText()).isEqualTo("the request body is empty");
        verifyNoInteractions(service);
    }

    // ************************************************************************
    // The body cap
    // ************************************************************************

    @Test
    void aDeclaredLengthOverTheCapIs413BeforeAnythingIsRead() throws Exception {
        String body = SMALL.replace("\"x\"", "\"" + "x".repeat(8) + "\"");
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(101);

        JsonNode problem = problem(post("/plans").contentType(MediaType.APPLICATION_JSON).content(body), 413);

        assertThat(problem.get("title").asText()).isEqualTo("Request body too large");
        assertThat(problem.get("detail").asText()).isEqualTo("the request body is over the limit of 100 bytes");
        assertThat(problem.get("instance").asText()).isEqualTo("/plans");
        verifyNoInteractions(service);
    }

    @Test
    void aStreamedBodyOverTheCapIs413() throws Exception {
        // No Content-Length (as with chunked transfer): the filter lets it through and the read fails at the cap.
        byte[] body = SMALL.replace("\"x\"", "\"" + "x".repeat(8) + "\"").getBytes(StandardCharsets.UTF_8);
        RequestBuilder chunked = servletContext -> {
            MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "POST", "/plans") {
                @Override
                public int getContentLength() {
                    return -1;
                }

                @Override
                public long getContentLengthLong() {
                    return -1;
                }
            };
            request.setContent(body);
            request.setContentType(MediaType.APPLICATION_JSON_VALUE);
            request.addHeader("Accept", MediaType.APPLICATION_JSON_VALUE);
            request.addHeader("Authorization", TestTokens.ADMIN_BEARER);
            return request;
        };

        JsonNode problem = assertProblem(mvc.perform(chunked).andReturn().getResponse(), 413);

        assertThat(problem.get("title").asText()).isEqualTo("Request body too large");
        assertThat(problem.get("detail").asText()).isEqualTo("the request body is over the limit of 100 bytes");
        verifyNoInteractions(service);
    }

    @Test
    void aBodyUnderTheCapIsRead() throws Exception {
        // The counterpart of the two above: the same endpoint with the 94-byte body reaches the service.
        when(service.submit(any(PlanDocument.class), any())).thenReturn(new PlanService.Submitted("p-1", PlanStatus.SCHEDULED));

        MockHttpServletResponse response = perform(post("/plans").contentType(MediaType.APPLICATION_JSON)
                .content(SMALL));

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getHeader("Location")).isEqualTo("/plans/p-1");
    }

    // ************************************************************************
    // Everything else
    // ************************************************************************

    @Test
    void anUnexpectedExceptionIsAGeneric500() throws Exception {
        when(service.analysis("p-1", false)).thenThrow(new NullPointerException("Cannot invoke \"String.length()\""));

        MockHttpServletResponse response = perform(get("/plans/p-1/analysis"));
        JsonNode problem = assertProblem(response, 500);

        assertThat(problem.get("title").asText()).isEqualTo("Internal Server Error");
        assertThat(problem.get("detail").asText())
                .isEqualTo("An unexpected error occurred. It has been logged; please report the time of the request.");
        assertThat(response.getContentAsString()).doesNotContain("NullPointer", "String.length");
    }

    @Test
    void anUnexpectedExceptionFromAnyControllerIsAGeneric500() throws Exception {
        MockHttpServletResponse response = perform(get("/probe/boom"));

        assertProblem(response, 500);
        assertThat(response.getContentAsString()).doesNotContain("secret", "IllegalState", "Something");
    }

    @Test
    void anExceptionThatDeclaresItsStatusShowsOnlyItsReason() throws Exception {
        MockHttpServletResponse teapot = perform(get("/probe/teapot"));
        assertThat(assertProblem(teapot, 418).get("detail").asText()).isEqualTo("short and stout");
        assertThat(teapot.getContentAsString()).doesNotContain("secret");

        MockHttpServletResponse gone = perform(get("/probe/gone"));
        assertThat(assertProblem(gone, 410).get("detail").asText()).isEqualTo("Gone");
        assertThat(gone.getContentAsString()).doesNotContain("secret");
    }

    @Test
    void springsOwnClientErrorsAreProblemJsonToo() throws Exception {
        JsonNode problem = problem(delete("/plans/p-1/solve"), 405);
        assertThat(problem.get("title").asText()).isEqualTo("Method Not Allowed");
    }

    // ************************************************************************
    // Helpers
    // ************************************************************************

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.accept(MediaType.APPLICATION_JSON).header("Authorization", TestTokens.ADMIN_BEARER))
                .andReturn().getResponse();
    }

    private JsonNode problem(MockHttpServletRequestBuilder request, int status) throws Exception {
        return assertProblem(perform(request), status);
    }

    /** A 400 "Invalid plan" with exactly one error; returns that error. */
    private JsonNode invalidBody(MockHttpServletRequestBuilder request) throws Exception {
        JsonNode problem = problem(request, 400);
        assertThat(problem.get("title").asText()).isEqualTo("Invalid plan");
        assertThat(problem.get("detail").asText()).isEqualTo("1 problem in the plan document");
        assertThat(problem.get("errors")).hasSize(1);
        return problem.get("errors").get(0);
    }

    /** The status, problem+json despite Accept: application/json, nothing of Java in the body. */
    private static JsonNode assertProblem(MockHttpServletResponse response, int status) throws Exception {
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        assertThat(response.getContentType()).isNotNull();
        assertThat(MediaType.parseMediaType(response.getContentType()).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as(response.getContentType()).isTrue();
        assertThat(body).doesNotContain("java.", "Exception", "com.fasterxml", "org.kamplanner", "\tat ", "trace");
        JsonNode problem = MAPPER.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }
}
