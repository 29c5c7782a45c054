package org.kamplanner.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kamplanner.csv.TestWorkbooks.repeat;
import static org.kamplanner.csv.TestWorkbooks.row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
 * Issue 30's hostile workbooks over a real HTTP port: each is refused with one 400 naming its sheet, row
 * and column, in the request's language, without a Java class name, and without reading on past the bound.
 * The workbooks are built here with java.util.zip; the bombs are written in pieces, never held inflated.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileWorkbookRestTest extends AdminRestTest {

    private static final String KAMS = row(1, "id", "name", "homeRegionId", "experienceYears", "sectorIds",
            "capacityMinutes") + row(2, "K1", "Anna Schmidt", "MUC", 8, "GREENTECH", 7200);
    private static final String ACCOUNTS_HEADER = row(1, "id", "name", "sectorId", "regionId", "tier",
            "annualRevenue", "complexity", "phase");

    @Test
    void aHandWrittenWorkbookWithSharedStringsInlineStringsAndCachedFormulasImports() {
        String accounts = ACCOUNTS_HEADER
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c>"
                + "<c r=\"C2\" t=\"inlineStr\"><is><r><t>GREEN</t></r><r><t>TECH</t></r></is></c>"
                + "<c r=\"D2\" t=\"str\"><f>\"MU\"&amp;\"C\"</f><v>MUC</v></c><c r=\"E2\" t=\"inlineStr\"><is><t> B </t></is></c>"
                + "<c r=\"F2\"><f>1000*1000</f><v>1.0E6</v></c><c r=\"G2\" t=\"inlineStr\"><is><t>MEDIUM</t></is></c>"
                + "<c r=\"H2\" t=\"inlineStr\"><is><t>ESTABLISHED</t></is></c><c r=\"XFD2\" s=\"1\"/></row>"
                + "<row r=\"3\"/>";
        byte[] workbook = new TestWorkbooks().sheet("kams", KAMS).sheet("accounts", accounts)
                .sharedStrings("A1", "Solarwerk GmbH").bytes();
        ResponseEntity<JsonNode> imported = importWorkbook(workbook, "?base=dach-small&solve=false", "en");
        assertThat(imported.getStatusCode()).as(String.valueOf(imported.getBody())).isEqualTo(HttpStatus.OK);
        JsonNode account = imported.getBody().at("/accounts/0");
        assertThat(account.get("id").asText()).isEqualTo("A1");
        assertThat(account.get("name").asText()).isEqualTo("Solarwerk GmbH");
        assertThat(account.get("sectorId").asText()).isEqualTo("GREENTECH");
        assertThat(account.get("regionId").asText()).isEqualTo("MUC");
        assertThat(account.get("tier").asText()).isEqualTo("B");
        assertThat(account.get("annualRevenue").decimalValue()).isEqualByComparingTo("1000000");
    }

    /** Issue 30, defect 1: a million rows are refused at the first row over the account limit, not read whole. */
    @Test
    void aMillionRowsAreRefusedAtTheFirstRowOverTheAccountLimit() {
        byte[] workbook = new TestWorkbooks().sheet("kams", KAMS).sheet("accounts", out -> {
            out.write(ACCOUNTS_HEADER.getBytes(StandardCharsets.UTF_8));
            for (int r = 2; r <= 1_000_001; r++) {
                out.write(("<row><c t=\"inlineStr\"><is><t>A" + r + "</t></is></c><c><v>" + r + "</v></c></row>")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }).bytes();
        assertThat(workbook.length).isGreaterThan(3_000_000).isLessThan(20_000_000);
        assertThat(refusal(workbook, "en")).isEqualTo("sheet accounts row 20002: the sheet has more rows than the limit "
                + "of 20000 (besides the header row); nothing of it was imported");
    }

    @Test
    void aNumberCellOfAHugeExponentIsRefusedBeforeItIsConverted() {
        byte[] workbook = new TestWorkbooks().sheet("kams", KAMS).sheet("accounts", ACCOUNTS_HEADER
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>A1</t></is></c><c r=\"F2\"><v>1e999999999</v></c></row>")
                .bytes();
        assertThat(refusal(workbook, "en")).isEqualTo("sheet accounts row 2, column F: a number cell holds "
                + "'1e999999999', which is not a number Excel writes (at most 40 digits before and after the point, "
                + "an exponent of at most three)");
        // 1e300 is a number Excel writes; it reads as itself and the plan's bounds refuse it, briefly.
        workbook = new TestWorkbooks().sheet("kams", KAMS).sheet("accounts", ACCOUNTS_HEADER
                + row(2, "A1", "Solarwerk", "GREENTECH", "MUC", "B") .replace("</row>", "<c r=\"F2\"><v>1e300</v></c>"
                + "<c r=\"G2\" t=\"inlineStr\"><is><t>LOW</t></is></c></row>")).bytes();
        String answer = refusal(workbook, "en");
        assertThat(answer).startsWith("sheet accounts row 2, annualRevenue: ").hasSizeLessThan(200);
    }

    @Test
    void aCellReferenceOutsideExcelsGridIsRefused() {
        byte[] workbook = accounts("<row r=\"2\"><c r=\"ZZZZZZ2\" t=\"inlineStr\"><is><t>x</t></is></c></row>").bytes();
        assertThat(refusal(workbook, "en")).isEqualTo(
                "sheet accounts row 2: the cell reference 'ZZZZZZ2' is outside Excel's grid (A1 to XFD1048576)");
        workbook = accounts("<row r=\"99999999\"><c t=\"inlineStr\"><is><t>x</t></is></c></row>").bytes();
        assertThat(refusal(workbook, "de")).isEqualTo(
                "sheet accounts: der Zellbezug '99999999' liegt außerhalb des Excel-Rasters (A1 bis XFD1048576)");
    }

    @Test
    void aValueBeyondTheHundredthColumnIsRefusedAndEmptyFormattedCellsThereAreNot() {
        byte[] workbook = accounts("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>A1</t></is></c>"
                + "<c r=\"CW2\" t=\"inlineStr\"><is><t>x</t></is></c></row>").bytes();
        assertThat(refusal(workbook, "en")).isEqualTo(
                "sheet accounts row 2, column CW: a value beyond the first 100 columns; a plan's table has about twenty");
    }

    @Test
    void aCellLongerThanAnyFieldIsRefusedAtItsCell() {
        byte[] workbook = accounts(row(2, "A1", "x".repeat(10_001))).bytes();
        assertThat(refusal(workbook, "en")).isEqualTo("sheet accounts row 2, column B: the cell holds more than 10000 characters");
    }

    /**
     * Bombs of {@value #BOMB_BYTES} bytes: past the whole workbook's inflated cap (128 MB), so a reader that went
     * on past the cell's or the tag's cap would be stopped by that cap instead, with its own message; the service
     * reads only the first few megabytes of any of them. (They were 1.2 GB, which cost the test three times 1.2 GB
     * of deflating for the same answers.)
     */
    private static final long BOMB_BYTES = 160L * 1024 * 1024;

    /** Issue 30, defect 2: 160 MB of one cell's text or one attribute in a zip of about 160 KB. */
    @Test
    void aZipBombOfOneCellOrOneAttributeStopsEarly() {
        TestWorkbooks text = accounts(out -> {
            out.write("<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>".getBytes(StandardCharsets.UTF_8));
            repeat(out, "a", BOMB_BYTES);
            out.write("</t></is></c></row>".getBytes(StandardCharsets.UTF_8));
        });
        byte[] bomb = text.bytes();
        assertThat(bomb.length).isLessThan(300_000);
        assertThat(refusal(bomb, "en")).isEqualTo("sheet accounts row 2, column B: the cell holds more than 10000 characters");

        bomb = accounts(out -> {
            out.write("<row r=\"2\"><c r=\"B2\" s=\"".getBytes(StandardCharsets.UTF_8));
            repeat(out, "1", BOMB_BYTES);
            out.write("\"/></row>".getBytes(StandardCharsets.UTF_8));
        }).bytes();
        assertThat(refusal(bomb, "en")).isEqualTo(
                "sheet accounts row 2: holds an XML value or tag longer than 256 KB, far more than any cell needs");

        // Short tags do not pass the token cap; the ratio stops them long before the workbook's cap.
        bomb = accounts(out -> {
            out.write("<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is>".getBytes(StandardCharsets.UTF_8));
            repeat(out, "<x/>", BOMB_BYTES);
            out.write("</is></c></row>".getBytes(StandardCharsets.UTF_8));
        }).bytes();
        assertThat(refusal(bomb, "de")).isEqualTo("sheet accounts row 2, column B: ein Teil der Arbeitsmappe "
                + "entpackt sich auf mehr als das 100-Fache seiner gepackten Größe: als Zip-Bombe abgelehnt");
    }

    /** Under the ratio, but past the whole workbook's inflated cap: stops at 128 MB. */
    @Test
    void aWorkbookThatInflatesPastTheCapIsRefused() {
        Random random = new Random(30);
        byte[] noise = new byte[768];
        byte[] bomb = accounts(out -> {
            out.write("<row r=\"2\">".getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < 140_000_000L; written += 65_536) {
                random.nextBytes(noise);
                out.write(("<x>" + java.util.Base64.getEncoder().encodeToString(noise) + "</x>")
                        .getBytes(StandardCharsets.UTF_8));
                repeat(out, "<y/>", 64_000);
            }
            out.write("</row>".getBytes(StandardCharsets.UTF_8));
        }).bytes();
        assertThat(bomb.length).isLessThan(5_000_000);
        assertThat(refusal(bomb, "en")).isEqualTo(
                "sheet accounts row 2: the workbook inflates to more than 128 MB; a plan of the largest size needs far less");
    }

    /** Issue 30, defect 5: a DOCTYPE (here the billion laughs) and a bad shared-string index were 500s. */
    @Test
    void aDoctypeAndABadSharedStringIndexAre400s() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
                + "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><worksheet xmlns=\"" + TestWorkbooks.MAIN
                + "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>";
        byte[] workbook = new TestWorkbooks().sheet("kams", KAMS).rawSheet("accounts", laughs).bytes();
        assertThat(refusal(workbook, "en")).isEqualTo(
                "sheet accounts: has a DOCTYPE declaration, which no .xlsx workbook has: refused");

        workbook = new TestWorkbooks().sheet("kams", KAMS).sheet("accounts", ACCOUNTS_HEADER
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v></c></row>").sharedStrings("A1").bytes();
        assertThat(refusal(workbook, "en")).isEqualTo(
                "sheet accounts row 2, column A: refers to shared string 7, but the workbook has 1 (numbered from 0)");
        workbook = new TestWorkbooks().sheet("kams", KAMS).sheet("accounts", ACCOUNTS_HEADER
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>-1</v></c></row>").sharedStrings("A1").bytes();
        assertThat(refusal(workbook, "en")).startsWith("sheet accounts row 2, column A: refers to shared string -1");
    }

    /** Issue 30, defect 6: the parser's and the zip reader's own words (class names, "Mark invalid") never show. */
    @Test
    void brokenXmlAndABrokenZipAreWordedWithoutJavaInternals() {
        byte[] workbook = new TestWorkbooks().sheet("kams", KAMS).rawSheet("accounts", "<worksheet><sheetData><row>")
                .bytes();
        String refusal = refusal(workbook, "en");
        assertThat(refusal).isEqualTo("sheet accounts row 1: is not well-formed XML, so not a readable .xlsx workbook");

        byte[] valid = new TestWorkbooks().sheet("kams", KAMS).sheet("accounts", ACCOUNTS_HEADER).bytes();
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 40);
        byte[] corrupt = valid.clone();
        for (int i = 200; i < 260 && i < corrupt.length; i++) {
            corrupt[i] ^= 0x5a;
        }
        for (byte[] broken : List.of(truncated, corrupt, "PK\u0003\u0004garbage".getBytes(StandardCharsets.ISO_8859_1))) {
            String answer = refusal(broken, "en");
            assertThat(answer).startsWith("plan.xlsx").doesNotContain("Exception", "java.", "com.", "Mark", "ParseError");
        }
    }

    private static TestWorkbooks accounts(String rows) {
        return new TestWorkbooks().sheet("kams", KAMS).sheet("accounts", ACCOUNTS_HEADER + rows);
    }

    private static TestWorkbooks accounts(TestWorkbooks.Part rows) {
        return new TestWorkbooks().sheet("kams", KAMS).sheet("accounts", out -> {
            out.write(ACCOUNTS_HEADER.getBytes(StandardCharsets.UTF_8));
            rows.write(out);
        });
    }

    /** The one problem of a refused workbook as "path: message", after checking it is a 400 problem+json. */
    private String refusal(byte[] workbook, String language) {
        ResponseEntity<JsonNode> response = importWorkbook(workbook, "?base=dach-small", language);
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<String> errors = new ArrayList<>();
        response.getBody().get("errors").forEach(e -> errors.add(e.get("path").asText() + ": " + e.get("message").asText()));
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    private ResponseEntity<JsonNode> importWorkbook(byte[] content, String query, String language) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("workbook", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return "plan.xlsx";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        return rest.postForEntity("/plans/import/xlsx" + query, new HttpEntity<>(body, headers), JsonNode.class);
    }
}
