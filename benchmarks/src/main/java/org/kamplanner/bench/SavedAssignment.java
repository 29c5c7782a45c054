package org.kamplanner.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * A solved plan's assignment as text, one "accountId kamId" line per account ("-" for none): BoundReport
 * measures the bound of one plan again (before and after a change, or a long solve's plan) without solving it again.
 */
final class SavedAssignment {

    private SavedAssignment() {
    }

    static void write(AssignmentPlan plan, File file) {
        List<String> lines = new ArrayList<>();
        for (Account account : plan.getAccounts()) {
            lines.add(account.getId() + " " + (account.getKam() == null ? "-" : account.getKam().getId()));
        }
        try {
            Files.write(file.toPath(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problem with the file's assignment, scored as the solver would score it. */
    static AssignmentPlan read(AssignmentPlan problem, File file, SolverConfig config) {
        Map<String, Kam> kams = new HashMap<>();
        problem.getKams().forEach(k -> kams.put(k.getId(), k));
        Map<String, String> byAccount = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file.toPath())) {
                String[] parts = line.split(" ");
                byAccount.put(parts[0], parts[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Account account : problem.getAccounts()) {
            String kam = byAccount.get(account.getId());
            if (kam == null) {
                throw new IllegalArgumentException("the assignment file has no line for account " + account.getId());
            }
            account.setKam("-".equals(kam) ? null : kams.get(kam));
        }
        SolutionManager.<AssignmentPlan, HardMediumSoftLongScore>create(SolverFactory.<AssignmentPlan>create(config))
                .update(problem);
        return problem;
    }
}
