package org.kamplanner.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.kamplanner.data.DemoData;
import org.kamplanner.domain.Complexity;
import org.kamplanner.domain.Phase;
import org.kamplanner.domain.Tier;
import org.kamplanner.plan.PlanStatus;
import org.kamplanner.solver.search.SolveMode;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The published OpenAPI document (GET /v3/api-docs, Swagger UI at /swagger-ui.html): what springdoc
 * reads from the controllers, plus what it cannot know. The real success status of each operation
 * (202 for a solve that starts, 201, 204), the problem+json errors each can answer (README: "The API
 * in brief", "Security", the limits), the document's string fields that hold an enum, a description
 * with unit and default for every field of every schema (from {@code openapi-fields.properties},
 * which docs/model.md's defaults are copied into), and dach-small as the example plan.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    @Bean
    OpenAPI kamPlannerOpenApi() {
        return new OpenAPI().info(new Info()
                .title("KAM Planner API")
                .version("0.1.0")
                .description("Assigns key account managers (KAMs) to customer accounts with Timefold Solver. "
                        + "One JSON plan document goes in and comes out: POST /plans starts solving it (202), "
                        + "GET /plans/{id} reads the best plan so far, GET /plans/{id}/analysis explains its score. "
                        + "Minutes are whole minutes a month unless a field says otherwise. Every request needs "
                        + "Authorization: Bearer TOKEN (roles VIEWER, PLANNER, APPROVER, ADMIN; Authorize in Swagger UI); errors are RFC 9457 "
                        + "problem+json with an 'errors' list of {path, message} for a bad document.")
                .license(new License().name("Apache-2.0")));
    }

    @Bean
    OpenApiCustomizer kamPlannerDocument(DemoData demoData) {
        Properties fields = fields();
        return api -> {
            Map<String, Schema> schemas = api.getComponents().getSchemas();
            schemas.put("Problem", problemSchema());
            describe(schemas, fields);
            enums(schemas);
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    responses(path, method, operation)));
            example(api, demoData);
        };
    }

    private static Properties fields() {
        Properties fields = new Properties();
        try (InputStream in = new ClassPathResource("openapi-fields.properties").getInputStream()) {
            fields.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }

    /** Schema.property = description; a schema's own description under Schema. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void describe(Map<String, Schema> schemas, Properties fields) {
        for (String key : fields.stringPropertyNames()) {
            int dot = key.indexOf('.');
            Schema schema = schemas.get(dot < 0 ? key : key.substring(0, dot));
            if (schema == null) {
                continue;
            }
            if (dot < 0) {
                schema.setDescription(fields.getProperty(key));
            } else if (schema.getProperties() != null && schema.getProperties().get(key.substring(dot + 1)) != null) {
                ((Schema) schema.getProperties().get(key.substring(dot + 1))).setDescription(fields.getProperty(key));
            }
        }
        // GET /plans/{id} is the plan document with its lineage and approval around it (PlanService.PlanView).
        Schema view = schemas.get("PlanView");
        Schema document = schemas.get("PlanDocument");
        if (view != null && view.getProperties() != null && document != null && document.getProperties() != null) {
            ((Map<String, Schema>) view.getProperties()).forEach((name, property) -> {
                Schema same = (Schema) document.getProperties().get(name);
                if (property.getDescription() == null && same != null) {
                    property.setDescription(same.getDescription());
                }
            });
        }
    }

    /** The document keeps these as strings (an unknown tier is reported with every other problem); clients see the enum. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void enums(Map<String, Schema> schemas) {
        Map<String, List<String>> byField = Map.of(
                "Account.tier", names(Tier.values()),
                "Account.complexity", names(Complexity.values()),
                "Account.phase", names(Phase.values()),
                "Settings.mode", names(SolveMode.values()),
                "PlanDocument.status", names(PlanStatus.values()),
                "PlanView.status", names(PlanStatus.values()),
                "PlanStatusView.status", names(PlanStatus.values()),
                "PlanListItem.status", names(PlanStatus.values()));
        byField.forEach((field, values) -> {
            String[] parts = field.split("\\.");
            Schema schema = schemas.get(parts[0]);
            if (schema != null && schema.getProperties() != null && schema.getProperties().get(parts[1]) != null) {
                ((Schema) schema.getProperties().get(parts[1])).setEnum(values);
            }
        });
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static Schema<?> problemSchema() {
        Schema<?> error = new ObjectSchema()
                .addProperty("path", new StringSchema().description("where: a JSON path (kams[3].capacityMinutes), "
                        + "a CSV file and line, or a workbook's sheet and row"))
                .addProperty("message", new StringSchema().description("what is wrong, in words"));
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().description("a URI naming the kind of problem; about:blank by default"))
                .addProperty("title", new StringSchema().description("the HTTP status in words"))
                .addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what happened, in words"))
                .addProperty("instance", new StringSchema().description("the request path"))
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(error)
                        .description("every problem of a bad request, each with its path (400 only)"));
    }

    /** The real success status and the errors an operation answers, each as problem+json. */
    private static void responses(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        String key = method + " " + path;
        String success = switch (key) {
            case "POST /plans", "POST /plans/{id}/solve", "POST /plans/{id}/rebalance",
                    "POST /plans/{id}/problem-changes" -> "202";
            case "POST /admin/tokens" -> "201";
            case "DELETE /admin/tokens/{id}" -> "204";
            default -> "200";
        };
        ApiResponse ok = responses.remove("200");
        if (ok == null) {
            ok = new ApiResponse();
        }
        MediaType any = ok.getContent() == null ? null : ok.getContent().get("*/*");
        if (any != null) {
            ok.getContent().remove("*/*");
            if (!path.endsWith(".csv") && !path.endsWith(".xlsx")) {
                ok.getContent().addMediaType("application/json", any);
            }
        }
        if (key.equals("POST /plans/import") || key.equals("POST /plans/import/xlsx")) {
            // solve=false answers the built document (200); the default starts solving it (202).
            responses.addApiResponse("200", ok.description("solve=false: the plan document built from the files"));
            responses.addApiResponse("202", new ApiResponse().description("solving started; Location: /plans/{id}"));
        } else if (key.equals("POST /plans/import/crm")) {
            responses.addApiResponse("200", ok.description("solve=false: {document, report}, the plan document built "
                    + "from the export and what the import did"));
            responses.addApiResponse("202", new ApiResponse().description("solving started: {id, status, report}; "
                    + "Location: /plans/{id}"));
        } else if (key.equals("DELETE /plans/{id}")) {
            responses.addApiResponse("200", ok.description("the plan, stopped (status TERMINATED)"));
            responses.addApiResponse("204", new ApiResponse().description("purge=true: the plan is removed"));
        } else {
            responses.addApiResponse(success, ok.description(success.equals("202")
                    ? "solving started; Location: /plans/{id}" : ok.getDescription() == null ? "OK" : ok.getDescription()));
        }

        boolean takesInput = operation.getRequestBody() != null
                || operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (takesInput) {
            problem(responses, HttpStatus.BAD_REQUEST, "the request is invalid: every problem with its path");
        }
        problem(responses, HttpStatus.UNAUTHORIZED, "no valid bearer token");
        problem(responses, HttpStatus.FORBIDDEN, "the token's role may not do this");
        if (path.contains("{id}") || path.startsWith("/demo-data/")) {
            problem(responses, HttpStatus.NOT_FOUND, "no such plan (or account, dataset, token)");
        }
        if (operation.getRequestBody() != null) {
            problem(responses, HttpStatus.PAYLOAD_TOO_LARGE, "the body is over kam-planner.limits.max-body-bytes");
        }
        if (key.equals("POST /plans/{id}/solve") || key.equals("POST /plans/{id}/rebalance")
                || key.equals("POST /plans/{id}/problem-changes") || key.equals("POST /plans/{id}/accounts")) {
            problem(responses, HttpStatus.CONFLICT, "the plan is in the wrong state for this (solving, or not solving)");
        }
        boolean startsSolve = success.equals("202") || key.startsWith("POST /plans/import");
        if (startsSolve) {
            problem(responses, HttpStatus.TOO_MANY_REQUESTS, "this client has too many plans waiting or solving; "
                    + "Retry-After says when to try again");
            problem(responses, HttpStatus.SERVICE_UNAVAILABLE, "too many plans waiting or solving; Retry-After");
        }
        if (path.endsWith("/analysis") || path.endsWith("/analyze") || path.endsWith("/explanation")
                || path.endsWith("/recommendations") || path.equals("/plans/compare") || key.equals("POST /plans/{id}/accounts")) {
            problem(responses, HttpStatus.SERVICE_UNAVAILABLE, "too many explanations at once; Retry-After");
        }
    }

    private static void problem(ApiResponses responses, HttpStatus status, String description) {
        String code = String.valueOf(status.value());
        if (responses.containsKey(code)) {
            return;
        }
        responses.addApiResponse(code, new ApiResponse().description(description).content(new Content()
                .addMediaType(PROBLEM, new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA)))));
    }

    /** dach-small, the bundled 5-KAM, 60-account plan, as the example of a plan document to submit. */
    private static void example(OpenAPI api, DemoData demoData) {
        demoData.document("dach-small").ifPresent(document -> {
            for (String path : List.of("/plans", "/plans/analyze")) {
                PathItem item = api.getPaths().get(path);
                Operation operation = item == null ? null : path.equals("/plans") ? item.getPost() : item.getPut();
                if (operation != null && operation.getRequestBody() != null
                        && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().forEach((type, media) -> media.addExamples("dach-small",
                            new Example().summary("dach-small: 5 KAMs, 60 accounts in Germany, Austria and "
                                    + "Switzerland").value(document)));
                }
            }
        });
    }
}
