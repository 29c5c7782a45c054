package org.kamplanner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.Limits;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.explain.PlanExplainer;
import org.kamplanner.rebalance.MoveReview;
import org.kamplanner.solver.search.Search;
import org.kamplanner.web.JsonReadProblem;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * What the commands share, built without Spring: starting the application context (web server or not)
 * cost the command line several seconds before its first line. The pieces are the service's own
 * classes, configured as the service configures them (application.properties, web.JacksonStrictness).
 */
final class CliTools {

    /** The service's strict JSON: a typo, a duplicate key, "7200" for a number or 7200.5 for a whole one is refused. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /** The service's default caps (kam-planner.limits.*). */
    private static final PlanValidator VALIDATOR = new PlanValidator(new Limits(20_000, 2_000, 5_000, 20_971_520));

    private static SolutionManager<AssignmentPlan, HardMediumSoftLongScore> solutionManager;

    private CliTools() {
    }

    static ObjectMapper pretty() {
        return MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Reads and validates a plan document.
     *
     * @throws UserMistake when the file is missing or unreadable
     * @throws InvalidPlanException with the API's field paths when it is not a valid plan document
     */
    static PlanDocument read(Path file) {
        PlanDocument document = readJson(file, PlanDocument.class);
        VALIDATOR.validate(document);
        return document;
    }

    static void validate(PlanDocument document) {
        VALIDATOR.validate(document);
    }

    static <T> T readJson(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new UserMistake(PlanText.words("cli.noSuchFile", file));
        }
        if (!Files.isReadable(file)) {
            throw new UserMistake(PlanText.words("cli.notReadable", file));
        }
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            FieldProblem problem = JsonReadProblem.of(e);
            throw new InvalidPlanException(List.of(new FieldProblem(problem.path(),
                    problem.message().replace(PlanText.words("cli.requestBody"), PlanText.words("cli.theFile")))));
        } catch (IOException e) {
            throw new UserMistake(PlanText.words("cli.cannotRead", file, e.getMessage()));
        }
    }

    static synchronized SolutionManager<AssignmentPlan, HardMediumSoftLongScore> solutionManager() {
        if (solutionManager == null) {
            solutionManager = SolutionManager.create(
                    SolverFactory.<AssignmentPlan>create(SolverConfig.createFromXmlResource(Search.BASE_RESOURCE)));
        }
        return solutionManager;
    }

    static PlanExplainer explainer() {
        return new PlanExplainer(solutionManager());
    }

    static MoveReview moveReview() {
        return new MoveReview(solutionManager());
    }

    /** {@code --seed} and {@code --work-budget} as the document's settings would take them (solve, frontier). */
    static void checkReproduction(Integer seed, Integer workBudget) {
        if (seed != null && seed < 0) {
            throw new UserMistake(PlanText.words("cli.seedNegative", seed));
        }
        if (workBudget != null && workBudget < 1) {
            throw new UserMistake(PlanText.words("cli.workBudgetNotPositive", workBudget));
        }
    }

    /** A mistake of the user (a missing file): one line on stderr, exit code {@link KamPlannerCli#INVALID_INPUT}. */
    static final class UserMistake extends RuntimeException {

        UserMistake(String message) {
            super(message);
        }
    }
}
