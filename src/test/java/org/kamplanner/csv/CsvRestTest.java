package org.kamplanner.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

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

/** CSV import and export over a real HTTP port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CsvRestTest extends AdminRestTest {

    @Test
    void exportedAssignmentsImportAsTheSameAssignments() {
        String id = solvedDachSmall();
        JsonNode solved = rest.getForObject("/plans/{id}", JsonNode.class, id);
        ResponseEntity<String> assignments = rest.getForEntity("/plans/{id}/export/assignments.csv", String.class, id);
        assertThat(assignments.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(assignments.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        assertThat(assignments.getBody()).startsWith("id,name,sectorId,regionId,tier,");
        String kams = rest.getForObject("/plans/{id}/export/kams.csv", String.class, id);
        assertThat(kams).startsWith("id,name,homeRegionId,experienceYears,sectorIds,");
        assertThat(kams.lines()).hasSize(1 + solved.get("kams").size());
        // Figures in hours with one decimal and percent, not minutes and fractions.
        assertThat(kams.lines().findFirst().orElseThrow()).endsWith(",accountCount,annualRevenue,accountsA,accountsB,accountsC,loadHours,utilizationPercent,travelHours")
                .doesNotContain("loadMinutes");
        JsonNode firstKam = solved.get("kams").get(0);
        assertThat(kams.lines().skip(1).findFirst().orElseThrow()).endsWith(String.format(java.util.Locale.ROOT,
                ",%d,%.1f,%.1f,%.1f", firstKam.get("accountsC").asInt(), firstKam.get("loadMinutes").asLong() / 60.0,
                firstKam.get("utilization").asDouble() * 100, firstKam.get("travelMinutes").asLong() / 60.0));
        assertThat(assignments.getBody().lines().findFirst().orElseThrow())
                .endsWith(",assignedKamId,assignedKamName,workloadHours,travelHours,unassignedReason");

        ResponseEntity<JsonNode> imported = importCsv(Map.of("kams.csv", kams, "accounts.csv", assignments.getBody()),
                "?base=dach-small&solve=false");
        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode document = imported.getBody();
        assertThat(document.get("accounts")).hasSize(solved.get("accounts").size());
        for (int i = 0; i < solved.get("accounts").size(); i++) {
            JsonNode before = solved.get("accounts").get(i);
            JsonNode after = document.get("accounts").get(i);
            assertThat(after.get("id")).isEqualTo(before.get("id"));
            assertThat(after.path("assignedKamId")).isEqualTo(before.path("assignedKamId"));
            assertThat(after.get("annualRevenue").decimalValue()).isEqualByComparingTo(before.get("annualRevenue").decimalValue());
        }
        assertThat(document.get("kams").get(0).get("sectorIds")).isEqualTo(solved.get("kams").get(0).get("sectorIds"));

        // Exported regions and sectors make the round trip without a base dataset, and it scores the same.
        Map<String, String> all = new HashMap<>(Map.of("kams.csv", kams, "accounts.csv", assignments.getBody()));
        all.put("regions.csv", rest.getForObject("/plans/{id}/export/regions.csv", String.class, id));
        all.put("sectors.csv", rest.getForObject("/plans/{id}/export/sectors.csv", String.class, id));
        JsonNode standalone = importCsv(all, "?solve=false").getBody();
        JsonNode analysis = rest.exchange("/plans/analyze", org.springframework.http.HttpMethod.PUT,
                new HttpEntity<>(standalone), JsonNode.class).getBody();
        assertThat(analysis.get("score").asText()).isEqualTo(solved.get("score").asText());
    }

    @Test
    void importSolvesByDefault() {
        String accounts = """
                id,name,sectorId,regionId,tier,annualRevenue,complexity,phase,remote
                A1,Solarwerk GmbH,GREENTECH,MUC,B,1000000,MEDIUM,ESTABLISHED,false
                """;
        String kams = """
                id,name,homeRegionId,experienceYears,sectorIds,capacityMinutes
                K1,Anna Schmidt,MUC,8,GREENTECH;DIGITAL,7200
                """;
        ResponseEntity<JsonNode> submitted = importCsv(Map.of("kams.csv", kams, "accounts.csv", accounts),
                "?base=dach-small&terminationSeconds=1&name=From CSV");
        assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = submitted.getBody().get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                "COMPLETED"::equals);
        JsonNode plan = rest.getForObject("/plans/{id}", JsonNode.class, id);
        assertThat(plan.get("name").asText()).isEqualTo("From CSV");
        assertThat(plan.get("accounts").get(0).get("assignedKamId").asText()).isEqualTo("K1");
    }

    @Test
    void badRowsAreReportedAtTheirFileAndLine() {
        String accounts = """
                id,name,sectorId,regionId,tier,annualRevenue,complexity,phase,remote
                A1,Solarwerk GmbH,GREENTECH,MUC,B,1000000,MEDIUM,ESTABLISHED,false
                A2,Windpark AG,GREENTCH,MUC,B,1000000,MEDIUM,ESTABLISHED,false
                A3,Hof KG,GREENTECH,MUC,Z,lots,MEDIUM,ESTABLISHED,maybe
                """;
        String kams = """
                id,name,homeRegionId,experienceYears,sectorIds,capacityMinutes,shoeSize
                K1,Anna Schmidt,MUC,8,GREENTECH,7200,38
                """;
        ResponseEntity<JsonNode> response = importCsv(Map.of("kams.csv", kams, "accounts.csv", accounts),
                "?base=dach-small");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(errors(response)).containsExactlyInAnyOrder(
                "kams.csv line 1: unknown column 'shoeSize' (known: id, name, homeRegionId, experienceYears, "
                        + "sectorIds, capacityMinutes, maxAccounts, active, email, externalId, loadMinutes, utilization, accountCount, "
                        + "travelMinutes, annualRevenue, accountsA, accountsB, accountsC; an export's figures loadHours, utilizationPercent, travelHours, workloadHours, "
                        + "assignedKamName, unassignedReason are skipped)",
                "accounts.csv line 4, annualRevenue: must be a number, was 'lots'",
                "accounts.csv line 4, remote: must be true or false, was 'maybe'");

        // Once the cells parse, the plan validator's problems come back at their lines too.
        kams = kams.replace(",shoeSize", "").replace(",38", "");
        accounts = accounts.replace(",lots,", ",1,").replace(",maybe", ",true");
        response = importCsv(Map.of("kams.csv", kams, "accounts.csv", accounts), "?base=dach-small");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).containsExactlyInAnyOrder(
                "accounts.csv line 3, sectorId: unknown sector 'GREENTCH'",
                "accounts.csv line 4, tier: unknown tier 'Z' (allowed: A, B, C)");
    }

    @Test
    void germanExcelFilesImport() {
        // What German Excel saves as "CSV UTF-8": a byte order mark, semicolons, decimal commas, a quoted list cell.
        String accounts = "\uFEFFid;name;sectorId;regionId;tier;annualRevenue;complexity;phase;remote\n"
                + "A1;Bäckerei Köln GmbH;GREENTECH;MUC;B;1.234.567,50;MEDIUM;ESTABLISHED;false\n";
        String kams = "\uFEFFid;name;homeRegionId;experienceYears;sectorIds;capacityMinutes\n"
                + "K1;Jörg Müller;MUC;8;\"GREENTECH;DIGITAL\";7200\n";
        ResponseEntity<JsonNode> imported = importCsv(Map.of("kams.csv", kams, "accounts.csv", accounts),
                "?base=dach-small&solve=false");
        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode account = imported.getBody().get("accounts").get(0);
        assertThat(account.get("id").asText()).isEqualTo("A1");
        assertThat(account.get("name").asText()).isEqualTo("Bäckerei Köln GmbH");
        assertThat(account.get("annualRevenue").decimalValue()).isEqualByComparingTo("1234567.50");
        assertThat(imported.getBody().get("kams").get(0).get("sectorIds"))
                .extracting(JsonNode::asText).containsExactly("GREENTECH", "DIGITAL");
    }

    @Test
    void semicolonExportIsForGermanExcelAndImportsAgain() {
        String id = solvedDachSmall();
        ResponseEntity<byte[]> response = rest.getForEntity("/plans/{id}/export/kams.csv?sep=;", byte[].class, id);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        String kams = new String(response.getBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(kams).startsWith("\uFEFFid;name;homeRegionId;");
        // A decimal comma in the hours and percentages; the list of sectors quoted, since ; separates cells.
        assertThat(kams.lines().skip(1).findFirst().orElseThrow()).matches(".*;\\d+,\\d;\\d+,\\d;\\d+,\\d")
                .contains(";\"");
        String assignments = new String(rest.getForObject("/plans/{id}/export/assignments.csv?sep=;", byte[].class, id),
                java.nio.charset.StandardCharsets.UTF_8);
        ResponseEntity<JsonNode> imported = importCsv(Map.of("kams.csv", kams, "accounts.csv", assignments),
                "?base=dach-small&solve=false");
        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode solved = rest.getForObject("/plans/{id}", JsonNode.class, id);
        assertThat(imported.getBody().get("accounts").get(3).get("assignedKamId"))
                .isEqualTo(solved.get("accounts").get(3).get("assignedKamId"));
        assertThat(imported.getBody().get("kams").get(0).get("sectorIds")).isEqualTo(solved.get("kams").get(0).get("sectorIds"));

        ResponseEntity<JsonNode> bad = rest.getForEntity("/plans/{id}/export/kams.csv?sep=|", JsonNode.class, id);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(bad)).containsExactly("sep: must be , or ; (was '|')");
    }

    @Test
    void missingFilesAndUnknownBaseAreNamed() {
        ResponseEntity<JsonNode> response = importCsv(Map.of("kams.csv", "id\n", "people.csv", "id\n"), "?base=atlantis");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).anyMatch(e -> e.startsWith("base: unknown bundled dataset 'atlantis' (one of: "))
                .contains("accounts.csv: is required")
                .anyMatch(e -> e.startsWith("people.csv: unknown file"))
                .anyMatch(e -> e.startsWith("regions.csv: is required unless the request parameter base names"));
    }

    @Test
    void unknownExportAndUnknownPlanAre404() {
        String id = solvedDachSmall();
        assertThat(rest.getForEntity("/plans/{id}/export/secrets.csv", String.class, id).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.getForEntity("/plans/nope/export/kams.csv", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private ResponseEntity<JsonNode> importCsv(Map<String, String> files, String query) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        files.forEach((name, content) -> body.add(name, new ByteArrayResource(
                content.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }
        }));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.postForEntity("/plans/import" + query, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static java.util.List<String> errors(ResponseEntity<JsonNode> response) {
        java.util.List<String> errors = new java.util.ArrayList<>();
        response.getBody().get("errors").forEach(e -> errors.add(e.get("path").asText() + ": " + e.get("message").asText()));
        return errors;
    }
}
