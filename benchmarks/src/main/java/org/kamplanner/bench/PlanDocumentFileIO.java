package org.kamplanner.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.kamplanner.document.Limits;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.domain.AssignmentPlan;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.timefold.solver.persistence.common.api.domain.solution.SolutionFileIO;

/**
 * Reads a plan document (the JSON of the API and of datasets/) into the planning model the way the
 * service does: validated with the service's default limits, then built by PlanFactory. A dataset
 * file that the service would reject fails the benchmark with the same field paths.
 */
public class PlanDocumentFileIO implements SolutionFileIO<AssignmentPlan> {

    private static final Limits DEFAULT_LIMITS = new Limits(20000, 2000, 5000, 20971520);

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public String getInputFileExtension() {
        return "json";
    }

    @Override
    public AssignmentPlan read(File inputSolutionFile) {
        return PlanFactory.build(readDocument(inputSolutionFile)).plan();
    }

    PlanDocument readDocument(File file) {
        try {
            PlanDocument document = mapper.readValue(file, PlanDocument.class);
            new PlanValidator(DEFAULT_LIMITS).validate(document);
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read plan document " + file, e);
        }
    }

    @Override
    public void write(AssignmentPlan solution, File outputSolutionFile) {
        // The report holds what the benchmark needs; a solved document comes from the CLI's solve.
        throw new UnsupportedOperationException("Benchmarks do not write solutions; use the CLI's solve command");
    }
}
