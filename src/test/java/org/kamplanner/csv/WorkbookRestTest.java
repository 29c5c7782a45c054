package org.kamplanner.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;

/** Excel workbooks in and out over a real HTTP port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkbookRestTest extends AdminRestTest {

    @Test
    void anExportedWorkbookHasTypedFiguresAndImportsAsTheSamePlan() throws IOException {
        String id = solvedDachSmall();
        JsonNode solved = rest.getForObject("/plans/{id}", JsonNode.class, id);
        ResponseEntity<byte[]> response = rest.getForEntity("/plans/{id}/export/plan.xlsx", byte[].class, id);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.getHeaders().getContentDisposition().getFilename()).isEqualTo("plan.xlsx");

        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(response.getBody()),
                new org.dhatim.fastexcel.reader.ReadingOptions(true, false))) {
            assertThat(workbook.getSheets().map(org.dhatim.fastexcel.reader.Sheet::getName))
                    .containsExactly("summary", "assignments", "kams", "regions", "sectors", "handovers");
            List<Row> kams = workbook.findSheet("kams").orElseThrow().read();
            assertThat(kams).hasSize(1 + solved.get("kams").size());
            List<String> header = kams.get(0).stream().map(Cell::getText).toList();
            JsonNode firstKam = solved.get("kams").get(0);
            Cell load = kams.get(1).getCell(header.indexOf("loadHours"));
            assertThat(load.getType()).isEqualTo(CellType.NUMBER);
            assertThat(load.asNumber().doubleValue()).isCloseTo(firstKam.get("loadMinutes").asLong() / 60.0,
                    org.assertj.core.data.Offset.offset(0.05));
            assertThat(load.getDataFormatString()).isEqualTo("0.0");
            Cell utilization = kams.get(1).getCell(header.indexOf("utilizationPercent"));
            assertThat(utilization.getDataFormatString()).isEqualTo("0.0%");
            assertThat(utilization.asNumber().doubleValue()).isCloseTo(firstKam.get("utilization").asDouble(),
                    org.assertj.core.data.Offset.offset(0.0005));
            List<Row> summary = workbook.findSheet("summary").orElseThrow().read();
            assertThat(summary.stream().map(r -> r.getCellText(0))).contains("score", "assignedAccounts",
                    "totalTravelHours", "utilizationMeanPercent");
        }

        JsonNode imported = importWorkbook(response.getBody(), "?solve=false").getBody();
        assertThat(imported.get("name").asText()).isEqualTo("Excel import");
        assertThat(imported.get("accounts")).hasSize(solved.get("accounts").size());
        for (int i = 0; i < solved.get("accounts").size(); i++) {
            assertThat(imported.get("accounts").get(i).path("assignedKamId"))
                    .isEqualTo(solved.get("accounts").get(i).path("assignedKamId"));
        }
        assertThat(imported.get("kams").get(0).get("sectorIds")).isEqualTo(solved.get("kams").get(0).get("sectorIds"));
        JsonNode analysis = rest.exchange("/plans/analyze", org.springframework.http.HttpMethod.PUT,
                new HttpEntity<>(imported), JsonNode.class).getBody();
        assertThat(analysis.get("score").asText()).isEqualTo(solved.get("score").asText());
    }

    @Test
    void textThatLooksLikeAFormulaIsATextCellAndComesBackUnchanged() throws IOException {
        byte[] workbook = workbook(sheet("kams", List.of("id", "name", "homeRegionId", "experienceYears", "sectorIds",
                "capacityMinutes"), List.of("K1", "=HYPERLINK(\"http://evil\",\"x\")", "MUC", 8, "GREENTECH", 7200)),
                sheet("accounts", List.of("id", "name", "sectorId", "regionId", "tier", "annualRevenue", "complexity",
                        "phase"), List.of("A1", "@SUM(A1:A9)", "GREENTECH", "MUC", "B", 1000000, "MEDIUM", "ESTABLISHED")));
        ResponseEntity<JsonNode> imported = importWorkbook(workbook, "?base=dach-small&solve=false");
        assertThat(imported.getStatusCode()).as(imported.getBody().toString()).isEqualTo(HttpStatus.OK);
        assertThat(imported.getBody().at("/kams/0/name").asText()).isEqualTo("=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(imported.getBody().at("/kams/0/capacityMinutes").asInt()).isEqualTo(7200);
        assertThat(imported.getBody().at("/accounts/0/name").asText()).isEqualTo("@SUM(A1:A9)");
    }

    @Test
    void badRowsAreReportedAtTheirSheetRowAndColumn() {
        byte[] workbook = workbook(
                sheet("kams", List.of("id", "name", "homeRegionId", "experienceYears", "sectorIds", "capacityMinutes",
                        "shoeSize"), List.of("K1", "Anna Schmidt", "MUC", 8, "GREENTECH", 7200, 38)),
                sheet("accounts", List.of("id", "name", "sectorId", "regionId", "tier", "annualRevenue", "complexity",
                        "phase", "remote"),
                        List.of("A1", "Solarwerk GmbH", "GREENTECH", "MUC", "B", 1000000, "MEDIUM", "ESTABLISHED", false),
                        List.of("A2", "Windpark AG", "GREENTCH", "MUC", "B", 1000000, "MEDIUM", "ESTABLISHED", false),
                        List.of("A3", "Hof KG", "GREENTECH", "MUC", "Z", "lots", "MEDIUM", "ESTABLISHED", "maybe")),
                sheet("notes", List.of("anything")));
        ResponseEntity<JsonNode> response = importWorkbook(workbook, "?base=dach-small");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(errors(response)).containsExactlyInAnyOrder(
                "sheet notes: unknown sheet (expected kams, accounts or assignments, and optionally regions, sectors, summary)",
                "sheet kams row 1: unknown column 'shoeSize' (known: id, name, homeRegionId, experienceYears, "
                        + "sectorIds, capacityMinutes, maxAccounts, active, email, externalId, loadMinutes, utilization, accountCount, "
                        + "travelMinutes, annualRevenue, accountsA, accountsB, accountsC; an export's figures loadHours, utilizationPercent, travelHours, workloadHours, "
                        + "assignedKamName, unassignedReason are skipped)",
                "sheet accounts row 4, annualRevenue: must be a number, was 'lots'",
                "sheet accounts row 4, remote: must be true or false, was 'maybe'");

        // Once the cells parse, the plan validator's problems come back at their rows too.
        workbook = workbook(
                sheet("kams", List.of("id", "name", "homeRegionId", "experienceYears", "sectorIds", "capacityMinutes"),
                        List.of("K1", "Anna Schmidt", "MUC", 8, "GREENTECH", 7200)),
                sheet("accounts", List.of("id", "name", "sectorId", "regionId", "tier", "annualRevenue", "complexity",
                        "phase"),
                        List.of("A1", "Solarwerk GmbH", "GREENTECH", "MUC", "B", 1000000, "MEDIUM", "ESTABLISHED"),
                        List.of("A2", "Windpark AG", "GREENTCH", "MUC", "B", 1000000, "MEDIUM", "ESTABLISHED")));
        response = importWorkbook(workbook, "?base=dach-small");
        assertThat(errors(response)).containsExactly("sheet accounts row 3, sectorId: unknown sector 'GREENTCH'");
    }

    @Test
    void aFileThatIsNoWorkbookIsA400NamingIt() {
        ResponseEntity<JsonNode> response = importWorkbook("id,name\n".getBytes(), "?base=dach-small");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).singleElement().asString().startsWith("plan.xlsx: is not a readable .xlsx workbook");
        assertThat(rest.getForEntity("/plans/nope/export/plan.xlsx", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static Consumer<Workbook> sheet(String name, List<Object> header, List<?>... rows) {
        return workbook -> {
            Worksheet sheet = workbook.newWorksheet(name);
            List<List<?>> all = new ArrayList<>();
            all.add(header);
            all.addAll(List.of(rows));
            for (int r = 0; r < all.size(); r++) {
                for (int c = 0; c < all.get(r).size(); c++) {
                    Object value = all.get(r).get(c);
                    if (value instanceof Number number) {
                        sheet.value(r, c, number);
                    } else if (value instanceof Boolean flag) {
                        sheet.value(r, c, flag);
                    } else {
                        sheet.value(r, c, value.toString());
                    }
                }
            }
        };
    }

    @SafeVarargs
    private static byte[] workbook(Consumer<Workbook>... sheets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "test", "1.0");
            for (Consumer<Workbook> sheet : sheets) {
                sheet.accept(workbook);
            }
            workbook.finish();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private ResponseEntity<JsonNode> importWorkbook(byte[] content, String query) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("workbook", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return "plan.xlsx";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.postForEntity("/plans/import/xlsx" + query, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static List<String> errors(ResponseEntity<JsonNode> response) {
        List<String> errors = new ArrayList<>();
        response.getBody().get("errors").forEach(e -> errors.add(e.get("path").asText() + ": " + e.get("message").asText()));
        return errors;
    }
}
