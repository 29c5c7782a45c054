package org.kamplanner.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

/**
 * Issue 30's hostile CSV files over a real HTTP port: a long header is read (one over 64 KB was refused
 * with "Mark invalid"), an absurd one, too many cells a line, a NUL, an over-long cell and rows past the
 * plan's limit are each one 400 naming file and line, in the request's language and without Java's words.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileCsvRestTest extends AdminRestTest {

    private static final String KAMS = "id,name,homeRegionId,experienceYears,sectorIds,capacityMinutes\n"
            + "K1,Anna Schmidt,MUC,8,GREENTECH,7200\n";
    private static final String ACCOUNTS_HEADER = "id,name,sectorId,regionId,tier\n";
    private static final String ACCOUNT = "A1,Solarwerk,GREENTECH,MUC,B\n";

    @Test
    void aHeaderOfMoreThan64KbIsRead() {
        String padded = String.join(" ".repeat(20_000) + ",", "id", "name", "sectorId", "regionId", "tier") + "\n";
        assertThat(padded.length()).isGreaterThan(70_000);
        ResponseEntity<JsonNode> imported = importCsv(padded + ACCOUNT, "en");
        assertThat(imported.getStatusCode()).as(String.valueOf(imported.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(imported.getBody().at("/accounts/0/name").asText()).isEqualTo("Solarwerk");
    }

    @Test
    void aHeaderOfAMegabyteIsRefusedForWhatItIs() {
        String header = "id,name," + "x".repeat(1024 * 1024) + "\n";
        assertThat(refusal(header + ACCOUNT, "en")).isEqualTo("accounts.csv line 1: the header line is longer than "
                + "1048576 characters; a plan's header has a few hundred");
    }

    @Test
    void aLineOfMoreThanAHundredCellsIsRefusedAtItsLine() {
        String wide = "A2,Wide" + ",".repeat(100) + "\n";
        assertThat(refusal(ACCOUNTS_HEADER + ACCOUNT + wide, "de")).isEqualTo(
                "accounts.csv line 3: die Zeile hat mehr als 100 Zellen; die Tabelle eines Plans hat etwa zwanzig Spalten");
    }

    @Test
    void separatorsAndLineBreaksInQuotesAreNoCellsOrRecords() {
        String quoted = "A2,\"Wide" + ",".repeat(150) + " \"\"quoted\"\" name\",GREENTECH,MUC,C\n";
        ResponseEntity<JsonNode> imported = importCsv(ACCOUNTS_HEADER + ACCOUNT + quoted, "en");
        assertThat(imported.getStatusCode()).as(String.valueOf(imported.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(imported.getBody().at("/accounts/1/name").asText()).startsWith("Wide,,,").endsWith("\"quoted\" name");
        // The line count follows the file, quoted line breaks included (a name may not hold one, but the
        // reading stops at the NUL before any name is judged).
        String broken = "A2,\"Two" + ",".repeat(150) + "\nlines\",GREENTECH,MUC,C\n";
        String nul = "A3,Null\u0000werk,GREENTECH,MUC,C\n";
        assertThat(refusal(ACCOUNTS_HEADER + ACCOUNT + broken + nul, "en")).isEqualTo(
                "accounts.csv line 5: holds a NUL character, which no text file has: refused");
    }

    @Test
    void aCellLongerThanAnyFieldIsRefused() {
        String line = "A2,\"" + "x".repeat(10_001) + "\",GREENTECH,MUC,C\n";
        assertThat(refusal(ACCOUNTS_HEADER + ACCOUNT + line, "en")).isEqualTo(
                "accounts.csv line 3: the cell holds more than 10000 characters");
    }

    /** Like the million-row workbook: refused at the first row over the account limit, not read whole. */
    @Test
    void rowsPastTheAccountLimitAreRefusedAtTheFirstOver() {
        StringBuilder csv = new StringBuilder(ACCOUNTS_HEADER);
        for (int r = 1; r <= 100_000; r++) {
            csv.append('A').append(r).append(",n,GREENTECH,MUC,C\n");
        }
        assertThat(refusal(csv.toString(), "en")).isEqualTo("accounts.csv line 20002: the file has more rows than "
                + "the limit of 20000 (besides the header line); nothing of it was imported");
    }

    @Test
    void brokenQuotesAreWordedWithoutJavaInternals() {
        assertThat(refusal(ACCOUNTS_HEADER + "A1,\"Solarwerk,GREENTECH,MUC,B\n", "en")).isEqualTo(
                "accounts.csv: is not a readable CSV file: a quoted cell is not closed before the end of the file");
        assertThat(refusal(ACCOUNTS_HEADER + "A1,\"Solar\"werk,GREENTECH,MUC,B\n", "en")).isEqualTo(
                "accounts.csv: is not a readable CSV file: a quoted cell is followed by other text before the next separator");
        assertThat(refusal("id,,name\n" + ACCOUNT, "en")).isEqualTo(
                "accounts.csv line 1: is not a readable CSV file: the header line has an empty column name");
    }

    /** The one problem of a refused file as "path: message", after checking it is a 400 problem+json. */
    private String refusal(String accounts, String language) {
        ResponseEntity<JsonNode> response = importCsv(accounts, language);
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<String> errors = new ArrayList<>();
        response.getBody().get("errors").forEach(e -> errors.add(e.get("path").asText() + ": " + e.get("message").asText()));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).doesNotContain("Exception", "java.", "Mark invalid");
        return errors.get(0);
    }

    private ResponseEntity<JsonNode> importCsv(String accounts, String language) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("kams.csv", KAMS);
        files.put("accounts.csv", accounts);
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        files.forEach((name, content) -> body.add(name, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }
        }));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        return rest.postForEntity("/plans/import?base=dach-small&solve=false", new HttpEntity<>(body, headers),
                JsonNode.class);
    }
}
