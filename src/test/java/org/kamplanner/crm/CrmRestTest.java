package org.kamplanner.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.kamplanner.plan.PlanService;
import org.springframework.beans.factory.annotation.Autowired;
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
 * The whole way of issue 27 over a real HTTP port: a 700-account Salesforce report as German Excel saves it
 * (and as .xlsx) and the HR list go in, a solved plan comes out, and its owner changes go back as the
 * file Salesforce's Data Loader or HubSpot's import takes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrmRestTest extends AdminRestTest {

    @Autowired
    PlanService service;

    @Test
    void germanExcelExportBecomesAPlanAndItsOwnerChangesGoBack() {
        CrmFixtures fixtures = new CrmFixtures(700, 45, 27);
        // The accounts of the owner who left carry a formula as their name: they change owner, so they are in the file.
        List<String> formulaIds = new ArrayList<>();
        for (int a = 0; a < fixtures.rows.size(); a++) {
            CrmFixtures.Row row = fixtures.rows.get(a);
            if (row.owner().equals(CrmFixtures.LEFT)) {
                formulaIds.add(row.id());
                fixtures.rows.set(a, new CrmFixtures.Row(row.id(), "=HYPERLINK(\"http://evil.example\")", row.street(),
                        row.city(), row.industry(), row.revenue(), row.employees(), row.owner()));
            }
        }
        assertThat(formulaIds).hasSize(8);

        ResponseEntity<JsonNode> built = importCrm(Map.of("accounts.csv", fixtures.accountsCsv().getBytes(
                StandardCharsets.UTF_8), "kams.csv", fixtures.kamsCsv().getBytes(StandardCharsets.UTF_8)), "?solve=false");
        assertThat(built.getStatusCode()).as(built.getBody().toString()).isEqualTo(HttpStatus.OK);
        JsonNode report = built.getBody().get("report");
        JsonNode document = built.getBody().get("document");
        assertThat(report.get("accounts").asInt()).isEqualTo(700);
        assertThat(report.get("kams").asInt()).isEqualTo(45);
        assertThat(document.get("accounts")).hasSize(700);
        // The title above the header and the footer below the rows are skipped, each named by its line.
        List<String> skipped = texts(report.get("skipped"), "path");
        assertThat(skipped).contains("accounts.csv:1", "accounts.csv:" + (3 + 700 + 2), "accounts.csv:" + (3 + 700 + 3));
        // The owner who left is reported with their accounts (a % 97 == 13: 8 of 700), not invented as a KAM.
        assertThat(report.get("ownersNotOnHrList")).hasSize(1);
        assertThat(report.get("ownersNotOnHrList").get(0).get("owner").asText()).isEqualTo(CrmFixtures.LEFT);
        assertThat(report.get("ownersNotOnHrList").get(0).get("accounts").asInt()).isEqualTo(8);
        // Every other owner is a KAM of the HR list, whether written "Juergen Schaefer" or "Schäfer, Jürgen".
        Map<String, String> kamByName = new HashMap<>();
        document.get("kams").forEach(k -> kamByName.put(k.get("name").asText(), k.get("id").asText()));
        for (int a = 0; a < 700; a++) {
            JsonNode account = document.get("accounts").get(a);
            CrmFixtures.Row row = fixtures.rows.get(a);
            if (row.owner().equals(CrmFixtures.LEFT)) {
                assertThat(account.path("currentKamId").isMissingNode() || account.get("currentKamId").isNull()).isTrue();
            } else {
                assertThat(account.get("currentKamId").asText()).as(row.owner()).isIn(kamByName.values());
            }
        }
        assertThat(fixtures.rows.stream().anyMatch(r -> r.owner().contains("ue") || r.owner().contains(", "))).isTrue();
        // Tiers come from an ABC analysis of revenue, counted as defaults; revenue "1.234.567,89" reads as a number.
        assertThat(texts(report.get("defaults"), "field")).contains("tier");
        assertThat(report.get("tiers").get("A").asInt() + report.get("tiers").get("B").asInt()
                + report.get("tiers").get("C").asInt()).isEqualTo(700);
        assertThat(document.get("accounts").get(0).get("annualRevenue").decimalValue())
                .isEqualByComparingTo(fixtures.rows.get(0).revenue());
        // München and Muenchen are one region; the two Badens (Austria, Switzerland) and the two Halles are not.
        Map<String, Set<String>> regionsByCity = new HashMap<>();
        for (int a = 0; a < 700; a++) {
            CrmFixtures.City city = fixtures.rows.get(a).city();
            regionsByCity.computeIfAbsent(city.name() + "/" + city.postalCode(), k -> new HashSet<>())
                    .add(document.get("accounts").get(a).get("regionId").asText());
        }
        regionsByCity.values().forEach(regions -> assertThat(regions).hasSize(1));
        assertThat(regionsByCity.get("München/80331")).isEqualTo(regionsByCity.get("Muenchen/80335"));
        assertThat(regionsByCity.get("Zürich/8001")).isEqualTo(regionsByCity.get("Zuerich/8004"));
        assertThat(regionsByCity.get("Baden/2500")).isNotEqualTo(regionsByCity.get("Baden/5400"));
        assertThat(regionsByCity.get("Halle (Saale)/06108")).isNotEqualTo(regionsByCity.get("Halle/33790"));
        assertThat(report.get("regions").asInt()).isEqualTo(document.get("regions").size()).isLessThan(70);
        // Calibrated from today: the model's 2,400 minutes an A-account would let 45 KAMs carry a third of 700.
        JsonNode calibration = report.get("calibration");
        assertThat(calibration.get("applied").asBoolean()).as(calibration.toString()).isTrue();
        assertThat(calibration.get("targetUtilizationPercent").asInt()).isEqualTo(85);
        assertThat(calibration.get("todayUtilizationPercentWithDefaults").asDouble()).isGreaterThan(100);
        assertThat(calibration.get("tierMinutes").get("A").asInt()).isLessThan(2400)
                .isEqualTo(document.get("settings").get("tierMinutes").get("A").asInt());

        ResponseEntity<JsonNode> submitted = importCrm(Map.of("accounts.csv", fixtures.accountsCsv().getBytes(
                StandardCharsets.UTF_8), "kams.csv", fixtures.kamsCsv().getBytes(StandardCharsets.UTF_8)),
                "?terminationSeconds=3");
        assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(submitted.getBody().get("report").get("accounts").asInt()).isEqualTo(700);
        String id = submitted.getBody().get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                "COMPLETED"::equals);
        JsonNode plan = rest.getForObject("/plans/{id}", JsonNode.class, id);
        List<JsonNode> changed = StreamSupport.stream(plan.get("accounts").spliterator(), false)
                .filter(a -> a.hasNonNull("assignedKamId")
                        && !a.get("assignedKamId").asText().equals(a.path("currentKamId").asText(null)))
                .toList();
        assertThat(changed).isNotEmpty();
        // Calibrated, the team carries (almost) every account.
        assertThat(plan.get("accounts").findValues("assignedKamId")).hasSizeGreaterThan(690);

        ResponseEntity<String> salesforce = rest.getForEntity(
                "/plans/{id}/export/owner-changes.csv?format=salesforce&sep=;", String.class, id);
        assertThat(salesforce.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> lines = salesforce.getBody().lines().toList();
        // German Excel's file: a byte order mark, so that Excel reads UTF-8.
        assertThat(lines.get(0)).startsWith("\uFEFFId;OwnerId;Account name;Tier;Owner before;Owner after;Reason");
        assertThat(lines).hasSize(1 + changed.size());
        Map<String, String> userIdByName = new HashMap<>();
        fixtures.team.forEach(p -> userIdByName.put(p.name(), p.userId()));
        Map<String, String> nameByKam = new HashMap<>();
        kamByName.forEach((name, kam) -> nameByKam.put(kam, name));
        JsonNode firstChange = changed.get(0);
        assertThat(lines.get(1)).startsWith(firstChange.get("id").asText() + ";"
                + userIdByName.get(nameByKam.get(firstChange.get("assignedKamId").asText())) + ";");
        // The formula comes out as text, not as a formula the spreadsheet runs.
        List<String> formulaRows = lines.stream().filter(l -> formulaIds.contains(l.split(";")[0])).toList();
        assertThat(formulaRows).isNotEmpty().allSatisfy(l -> assertThat(l).contains(";\"'=HYPERLINK(")
                .doesNotContain(";=HYPERLINK(", ";\"=HYPERLINK("));

        String hubspot = rest.getForObject("/plans/{id}/export/owner-changes.csv?format=hubspot", String.class, id);
        assertThat(hubspot.lines().findFirst().orElseThrow()).startsWith("Record ID,Company owner,");
        Map<String, String> emailByName = new HashMap<>();
        fixtures.team.forEach(p -> emailByName.put(p.name(), p.email()));
        assertThat(hubspot.lines().skip(1).findFirst().orElseThrow()).startsWith(firstChange.get("id").asText() + ","
                + emailByName.get(nameByKam.get(firstChange.get("assignedKamId").asText())) + ",");

        // The workbook's hand-over list: each changed account once as gained by its new KAM and once as lost by
        // its owner today (the owner who left is no KAM: their accounts are only gained), in German on request.
        HttpHeaders german = new HttpHeaders();
        german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
        byte[] workbook = rest.exchange("/plans/{id}/export/plan.xlsx", org.springframework.http.HttpMethod.GET,
                new HttpEntity<>(german), byte[].class, id).getBody();
        List<org.dhatim.fastexcel.reader.Row> handOvers = sheet(workbook, "handovers");
        List<String> header = handOvers.get(0).stream().map(org.dhatim.fastexcel.reader.Cell::getText).toList();
        assertThat(header).startsWith("KAM-Name", "KAM-ID", "Änderung", "Account-ID", "Account-Name");
        long lost = changed.stream().filter(a -> a.hasNonNull("currentKamId")).count();
        assertThat(handOvers).hasSize(1 + changed.size() + (int) lost);
        List<String> gainedIds = handOvers.stream().skip(1).filter(r -> r.getCellText(2).equals("übernimmt"))
                .map(r -> r.getCellText(3)).toList();
        assertThat(gainedIds).containsExactlyInAnyOrderElementsOf(changed.stream().map(a -> a.get("id").asText()).toList());
        List<org.dhatim.fastexcel.reader.Row> formulaNames = handOvers.stream()
                .filter(r -> formulaIds.contains(r.getCellText(3))).toList();
        assertThat(formulaNames).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getCell(4).getType()).isEqualTo(org.dhatim.fastexcel.reader.CellType.STRING);
            assertThat(r.getCell(4).getText()).isEqualTo("=HYPERLINK(\"http://evil.example\")");
            assertThat(r.getCellText(8)).contains("hatte heute keinen KAM");
        });

        ResponseEntity<JsonNode> badFormat = rest.getForEntity("/plans/{id}/export/owner-changes.csv?format=sap",
                JsonNode.class, id);
        assertThat(badFormat.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(badFormat)).containsExactly("format: must be salesforce or hubspot (was 'sap')");
    }

    @Test
    void aSolvedImportStoresTodayAsAPlanAndTheComparisonSpeaksInBusinessTerms() {
        CrmFixtures fixtures = new CrmFixtures(120, 8, 31);
        // The model's tier minutes, not calibrated: today's owners carry more than they can.
        Map<String, byte[]> files = Map.of("accounts.csv", fixtures.accountsCsv().getBytes(StandardCharsets.UTF_8),
                "kams.csv", fixtures.kamsCsv().getBytes(StandardCharsets.UTF_8),
                "mapping.json", "{\"calibration\": {\"apply\": false}}".getBytes(StandardCharsets.UTF_8));
        int stored = service.list().size();

        ResponseEntity<JsonNode> submitted = importCrm(files, "?terminationSeconds=2");

        assertThat(submitted.getStatusCode()).as(submitted.getBody().toString()).isEqualTo(HttpStatus.ACCEPTED);
        String id = submitted.getBody().get("id").asText();
        String baselineId = submitted.getBody().get("baselinePlanId").asText();
        JsonNode link = submitted.getBody().get("report").get("baseline");
        assertThat(link.get("planId").asText()).isEqualTo(baselineId);
        assertThat(link.get("compare").asText()).isEqualTo("/plans/compare?ids=" + baselineId + "," + id);
        assertThat(service.list()).hasSize(stored + 2);
        // Today, scored and not solved: every account on its CRM owner, the owner who left's without a KAM.
        JsonNode today = rest.getForObject("/plans/{id}", JsonNode.class, baselineId);
        assertThat(today.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(today.get("name").asText()).startsWith("Today in the CRM: ");
        assertThat(today.get("warnings").get(0).asText()).startsWith("Today's assignment as the CRM has it");
        today.get("accounts").forEach(a -> assertThat(a.path("assignedKamId")).isEqualTo(a.path("currentKamId")));
        assertThat(today.get("accounts").findValues("assignedKamId")).hasSizeLessThan(120).hasSizeGreaterThan(100);
        await().atMost(Duration.ofSeconds(60)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                "COMPLETED"::equals);
        JsonNode solved = rest.getForObject("/plans/{id}", JsonNode.class, id);

        JsonNode comparison = rest.getForObject(link.get("compare").asText(), JsonNode.class);
        JsonNode before = comparison.get("plans").get(0).get("business");
        JsonNode after = comparison.get("plans").get(1).get("business");
        long overloaded = StreamSupport.stream(today.get("kams").spliterator(), false)
                .filter(k -> k.get("loadMinutes").asLong() > k.get("capacityMinutes").asLong()).count();
        assertThat(before.get("kamsOverCapacity").asLong()).isEqualTo(overloaded).isPositive();
        assertThat(before.get("utilizationMaxPercent").asLong()).isGreaterThan(100);
        assertThat(texts(before.get("sentences"))).contains("No account handed over from today's owner");
        long handedOver = StreamSupport.stream(solved.get("accounts").spliterator(), false)
                .filter(a -> a.hasNonNull("currentKamId")
                        && !a.get("currentKamId").asText().equals(a.path("assignedKamId").asText(null)))
                .count();
        int byTier = 0;
        for (String tier : List.of("A", "B", "C")) {
            byTier += after.get("handOversByTier").get(tier).asInt();
        }
        assertThat(byTier).isEqualTo(handedOver);
        // The solver may not overload anyone, which today does: a hard rule.
        assertThat(after.get("kamsOverCapacity").asInt()).isZero();
        assertThat(comparison.get("differentSettings")).isEmpty();

        HttpHeaders german = new HttpHeaders();
        german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
        JsonNode inGerman = rest.exchange(link.get("compare").asText(), org.springframework.http.HttpMethod.GET,
                new HttpEntity<>(german), JsonNode.class).getBody();
        assertThat(texts(inGerman.get("plans").get(0).get("business").get("sentences")))
                .contains("Kein Account wechselt vom heutigen Inhaber");
    }

    @Test
    void theReportSaysWhichRevenueItReadAndWarnsWhenItIsTheCustomersTurnover() {
        CrmFixtures fixtures = new CrmFixtures(40, 4, 9);
        byte[] kams = fixtures.kamsCsv().getBytes(StandardCharsets.UTF_8);
        String accounts = fixtures.accountsCsv();

        // Found by the default headers: "Jahresumsatz" is what a CRM calls the customer's own turnover.
        JsonNode byDefault = importCrm(Map.of("accounts.csv", accounts.getBytes(StandardCharsets.UTF_8), "kams.csv",
                kams), "?solve=false", null, "de").getBody().get("report").get("revenue");
        assertThat(byDefault.get("column").asText()).isEqualTo("Jahresumsatz");
        assertThat(byDefault.get("fromMapping").asBoolean()).isFalse();
        assertThat(byDefault.get("customerTurnover").asBoolean()).isTrue();
        assertThat(byDefault.get("label").asText())
                .isEqualTo("Jahresumsatz des Kunden (Spalte 'Jahresumsatz'), als Umsatz mit uns verwendet");
        assertThat(byDefault.get("warning").asText()).startsWith("'Jahresumsatz' ist in den meisten CRMs der eigene "
                + "Umsatz des Kunden");

        // The export names its column as the revenue with us: read so, without a warning.
        String withUs = accounts.replace(";Jahresumsatz;", ";Umsatz mit uns;");
        ResponseEntity<JsonNode> ours = importCrm(Map.of("accounts.csv", withUs.getBytes(StandardCharsets.UTF_8),
                "kams.csv", kams), "?solve=false");
        assertThat(ours.getStatusCode()).as(ours.getBody().toString()).isEqualTo(HttpStatus.OK);
        JsonNode revenue = ours.getBody().get("report").get("revenue");
        assertThat(revenue.get("column").asText()).isEqualTo("Umsatz mit uns");
        assertThat(revenue.get("customerTurnover").asBoolean()).isFalse();
        assertThat(revenue.get("label").asText()).isEqualTo("Revenue with us: column 'Umsatz mit uns'");
        assertThat(revenue.has("warning")).isFalse();

        // A mapping (sent as a text field) that names the column is the planner's choice: no warning.
        ResponseEntity<JsonNode> named = importCrm(Map.of("accounts.csv", accounts.getBytes(StandardCharsets.UTF_8),
                "kams.csv", kams), "?solve=false", "{\"accountColumns\": {\"revenue\": [\"Jahresumsatz\"]}}", "en");
        assertThat(named.getStatusCode()).as(named.getBody().toString()).isEqualTo(HttpStatus.OK);
        JsonNode chosen = named.getBody().get("report").get("revenue");
        assertThat(chosen.get("fromMapping").asBoolean()).isTrue();
        assertThat(chosen.get("customerTurnover").asBoolean()).isFalse();
        assertThat(chosen.has("warning")).isFalse();
    }

    @Test
    void theSameExportAsXlsxGivesTheSamePlan() {
        CrmFixtures fixtures = new CrmFixtures(700, 45, 27);
        byte[] kams = fixtures.kamsCsv().getBytes(StandardCharsets.UTF_8);
        JsonNode fromCsv = importCrm(Map.of("accounts.csv", fixtures.accountsCsv().getBytes(StandardCharsets.UTF_8),
                "kams.csv", kams), "?solve=false").getBody().get("document");
        ResponseEntity<JsonNode> fromXlsx = importCrm(Map.of("accounts.xlsx", fixtures.accountsXlsx(), "kams.csv", kams),
                "?solve=false");
        assertThat(fromXlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode document = fromXlsx.getBody().get("document");
        assertThat(document.get("accounts")).hasSize(700);
        for (int a = 0; a < 700; a++) {
            JsonNode csv = fromCsv.get("accounts").get(a);
            JsonNode xlsx = document.get("accounts").get(a);
            assertThat(xlsx.get("id")).isEqualTo(csv.get("id"));
            assertThat(xlsx.get("regionId")).isEqualTo(csv.get("regionId"));
            assertThat(xlsx.get("tier")).isEqualTo(csv.get("tier"));
            assertThat(xlsx.path("currentKamId")).isEqualTo(csv.path("currentKamId"));
            assertThat(xlsx.get("annualRevenue").decimalValue()).isEqualByComparingTo(csv.get("annualRevenue").decimalValue());
        }
    }

    @Test
    void withoutAnHrListTheOwnersAreTheKams() {
        CrmFixtures fixtures = new CrmFixtures(120, 6, 5);
        ResponseEntity<JsonNode> built = importCrm(Map.of("accounts.csv", fixtures.accountsCsv().getBytes(
                StandardCharsets.UTF_8)), "?solve=false");
        assertThat(built.getStatusCode()).as(built.getBody().toString()).isEqualTo(HttpStatus.OK);
        JsonNode document = built.getBody().get("document");
        // Six KAMs, the one who left, and no KAM twice for "Jürgen Schäfer" and "Juergen Schaefer".
        Set<String> owners = new HashSet<>();
        fixtures.rows.forEach(r -> owners.add(Team.nameKey(r.owner())));
        assertThat(document.get("kams")).hasSize(owners.size());
        assertThat(document.get("kams").get(0).get("capacityMinutes").asInt()).isEqualTo(120 * 60);
        assertThat(texts(built.getBody().get("report").get("defaults"), "field")).contains("kams.capacityMinutes");
        document.get("accounts").forEach(a -> assertThat(a.hasNonNull("currentKamId")).isTrue());
    }

    @Test
    void badRowsAreAllNamedByFileLineAndColumnAndNothingIsStored() {
        CrmFixtures fixtures = new CrmFixtures(40, 4, 9);
        CrmFixtures.Row row = fixtures.rows.get(4);
        fixtures.rows.set(4, new CrmFixtures.Row(row.id(), row.name(), row.street(),
                new CrmFixtures.City("Muenchn", "80331", "Deutschland"), row.industry(), row.revenue(), row.employees(),
                row.owner()));
        row = fixtures.rows.get(9);
        fixtures.rows.set(9, new CrmFixtures.Row("", row.name(), row.street(), row.city(), row.industry(),
                row.revenue(), row.employees(), row.owner()));
        String accounts = fixtures.accountsCsv().replace(";" + CrmFixtures.german(fixtures.rows.get(20).revenue()) + ";",
                ";viel;");
        int stored = service.list().size();

        ResponseEntity<JsonNode> response = importCrm(Map.of("accounts.csv", accounts.getBytes(StandardCharsets.UTF_8),
                "kams.csv", fixtures.kamsCsv().getBytes(StandardCharsets.UTF_8)), "");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        // The header is on line 3 (a title and an empty line above it): row i is on line 4 + i.
        List<String> errors = errors(response);
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).startsWith("accounts.csv:8:Ort: unknown place 'Muenchn' in DE; closest: ")
                .contains("Munich");
        assertThat(errors).contains("accounts.csv:13:Account-ID: is required",
                "accounts.csv:24:Jahresumsatz: must be an amount such as 1.250.000,50 or 1,250,000.50 (was 'viel')");
        assertThat(service.list()).hasSize(stored);
    }

    @Test
    void theMappingTakesEverySettingAndABadOneIsNamedInTheMapping() {
        CrmFixtures fixtures = new CrmFixtures(60, 5, 11);
        Map<String, byte[]> files = Map.of("accounts.csv", fixtures.accountsCsv().getBytes(StandardCharsets.UTF_8),
                "kams.csv", fixtures.kamsCsv().getBytes(StandardCharsets.UTF_8));
        String settings = "{\"sectors\": [{\"id\": \"services\", \"name\": \"Services\", \"maxAccountsPerKam\": 9}],"
                + " \"settings\": {\"tierMinutes\": {\"A\": 600}, \"visitsPerYear\": {\"B\": 5},"
                + " \"constraintWeights\": {\"Travel time\": 4}}}";
        ResponseEntity<JsonNode> built = importCrm(files, "?solve=false", settings, "en");
        assertThat(built.getStatusCode()).as(built.getBody().toString()).isEqualTo(HttpStatus.OK);
        JsonNode document = built.getBody().get("document");
        assertThat(document.get("settings").get("tierMinutes").get("A").asInt()).isEqualTo(600);
        assertThat(document.get("settings").get("visitsPerYear").get("B").asInt()).isEqualTo(5);
        assertThat(document.get("settings").get("constraintWeights").get("Travel time").asLong()).isEqualTo(4);
        JsonNode services = StreamSupport.stream(document.get("sectors").spliterator(), false)
                .filter(s -> s.get("id").asText().equals("services")).findFirst().orElseThrow();
        assertThat(services.get("maxAccountsPerKam").asInt()).isEqualTo(9);

        int stored = service.list().size();
        ResponseEntity<JsonNode> bad = importCrm(files, "", "{\"settings\": {\"tierMinutes\": {\"A\": -5},"
                + " \"constraintWeights\": {\"Travel tme\": 4}}}", "en");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(errors(bad)).anyMatch(e -> e.startsWith("mapping.settings.tierMinutes.A: "))
                .anyMatch(e -> e.startsWith("mapping.settings.constraintWeights.Travel tme: "))
                .allMatch(e -> e.startsWith("mapping.settings."));
        assertThat(service.list()).hasSize(stored);
    }

    @Test
    void theDefaultMappingNamesTheHeadersOfSalesforceHubSpotAndGermanReports() {
        JsonNode mapping = rest.getForObject("/import/crm/mapping", JsonNode.class);
        assertThat(texts(mapping.get("accountColumns").get("city"))).contains("Billing City", "Ort", "City");
        assertThat(texts(mapping.get("accountColumns").get("owner"))).contains("Account Owner", "Company owner",
                "Kundenbetreuer", "Account-Inhaber");
        assertThat(texts(mapping.get("accountColumns").get("id"))).contains("Account ID", "Record ID");
        assertThat(mapping.get("fullTimeHours").asInt()).isEqualTo(120);
        JsonNode manufacturing = StreamSupport.stream(mapping.get("sectors").spliterator(), false)
                .filter(s -> s.get("id").asText().equals("manufacturing")).findFirst().orElseThrow();
        assertThat(manufacturing.get("maxAccountsPerKam").asInt()).isBetween(15, 25);
    }

    private ResponseEntity<JsonNode> importCrm(Map<String, byte[]> files, String query) {
        return importCrm(files, query, null, "en");
    }

    /** With the mapping as a text field (as curl -F 'mapping={...}' sends it) and an Accept-Language. */
    private ResponseEntity<JsonNode> importCrm(Map<String, byte[]> files, String query, String mapping,
            String language) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        if (mapping != null) {
            body.add("mapping", mapping);
        }
        files.forEach((name, content) -> body.add(name.replaceFirst("\\..*$", ""), new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        }));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        return rest.postForEntity("/plans/import/crm" + query, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static List<org.dhatim.fastexcel.reader.Row> sheet(byte[] workbook, String name) {
        try (org.dhatim.fastexcel.reader.ReadableWorkbook read = new org.dhatim.fastexcel.reader.ReadableWorkbook(
                new java.io.ByteArrayInputStream(workbook))) {
            return read.findSheet(name).orElseThrow().read();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> errors(ResponseEntity<JsonNode> response) {
        List<String> errors = new ArrayList<>();
        response.getBody().get("errors").forEach(e -> errors.add(e.get("path").asText() + ": " + e.get("message").asText()));
        return errors;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.get(field).asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
