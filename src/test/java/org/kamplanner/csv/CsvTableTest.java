package org.kamplanner.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.PlanDocument;

/** Exports a spreadsheet cannot run as formulas, and imports that give back what was exported. */
class CsvTableTest {

    private static final CsvTable<PlanDocument.ForbiddenPair> PAIRS = new CsvTable<>(PlanDocument.ForbiddenPair.class);

    @ParameterizedTest
    @ValueSource(strings = { "=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "'=1", "''@x" })
    void formulaLikeTextIsWrittenAsTextAndReadBackUnchanged(String reason) {
        String csv = PAIRS.write(List.of(new PlanDocument.ForbiddenPair("K1", "A1", reason)));
        // The cell starts with an apostrophe (inside quotes where the CSV format needs them): text, not a formula.
        assertThat(csv).containsAnyOf("K1,A1,'" + reason, "K1,A1,\"'" + reason);
        List<FieldProblem> problems = new ArrayList<>();
        List<PlanDocument.ForbiddenPair> read = PAIRS.read("pairs.csv", new StringReader(csv), 100, problems).items();
        assertThat(problems).isEmpty();
        assertThat(read).singleElement().extracting(PlanDocument.ForbiddenPair::reason).isEqualTo(reason);
    }

    @Test
    void ordinaryTextIsWrittenAsItIs() {
        String csv = PAIRS.write(List.of(new PlanDocument.ForbiddenPair("K1", "A1", "former employer's 'rule'")));
        assertThat(csv).contains("K1,A1,former employer's 'rule'");
    }

    @Test
    void anUnclosedQuoteIsAProblemNamingTheFile() {
        List<FieldProblem> problems = new ArrayList<>();
        PAIRS.read("pairs.csv", new StringReader("kamId,accountId,reason\nK1,A1,\"no end\n"), 100, problems);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("pairs.csv");
            assertThat(p.message()).startsWith("is not a readable CSV file: ");
        });
    }
}
