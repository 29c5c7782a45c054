package org.kamplanner.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Each invalid case is the valid document below with one change, given as a JSON pointer and a
 * JSON value (REMOVE drops the field or list element), so a case reads like the request a client
 * would send.
 */
class PlanValidatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REMOVE = "REMOVE";

    // K03 has left; A0003 still names K03 as incumbent and A0004 as assignment, which is valid
    // while unpinned (the service clears the assignment with a warning).
    private static final String VALID = """
            {
              "name": "validator test plan",
              "settings": {
                "aTierMinExperienceYears": 5, "intraRegionTravelMinutes": 30, "roadFactor": 1.3, "speedKmh": 80,
                "tierMinutes": { "A": 2400, "B": 480 }, "complexityPercent": { "HIGH": 150 },
                "phasePercent": { "ONBOARDING": 150 }, "visitsPerYear": { "A": 24, "C": 4 },
                "unassignedPenalty": { "A": 100 }, "movePenalty": { "A": 2000, "C": 200 },
                "constraintWeights": { "Travel time": 2, "Balanced workload": 0 },
                "terminationSeconds": 30, "unimprovedSeconds": 10
              },
              "sectors": [
                { "id": "GREENTECH", "name": "GreenTech", "maxAccountsPerKam": 10, "expertiseRequired": true },
                { "id": "FINANCE", "maxAccountsPerKam": 12 }
              ],
              "regions": [
                { "id": "MUC", "name": "München", "latitude": 48.137, "longitude": 11.575 },
                { "id": "VIE", "name": "Wien", "latitude": 48.208, "longitude": 16.373 }
              ],
              "travelOverrides": [ { "fromRegionId": "MUC", "toRegionId": "VIE", "minutes": 240 } ],
              "forbiddenPairs": [ { "kamId": "K02", "accountId": "A0001", "reason": "former employer" } ],
              "affinities": [ { "kamId": "K01", "accountId": "A0003", "penalty": -500 } ],
              "kams": [
                { "id": "K01", "name": "Anna", "homeRegionId": "MUC", "experienceYears": 8,
                  "sectorIds": ["GREENTECH", "FINANCE"], "capacityMinutes": 7200, "maxAccounts": 15 },
                { "id": "K02", "homeRegionId": "VIE", "experienceYears": 3, "sectorIds": ["FINANCE"] },
                { "id": "K03", "homeRegionId": "MUC", "active": false }
              ],
              "accounts": [
                { "id": "A0001", "sectorId": "GREENTECH", "regionId": "MUC", "tier": "A", "complexity": "HIGH",
                  "phase": "ESTABLISHED", "annualRevenue": 2500000, "currentKamId": "K01", "assignedKamId": "K01",
                  "pinned": true },
                { "id": "A0002", "sectorId": "FINANCE", "regionId": "VIE", "tier": "B", "workloadOverrideMinutes": 300 },
                { "id": "A0003", "sectorId": "FINANCE", "regionId": "MUC", "tier": "C", "complexity": "LOW",
                  "phase": "ONBOARDING", "annualRevenue": 1000.50, "remote": true, "currentKamId": "K03" },
                { "id": "A0004", "sectorId": "GREENTECH", "regionId": "VIE", "tier": "B", "assignedKamId": "K03" }
              ]
            }
            """;

    private static final Limits LIMITS = new Limits(20000, 2000, 5000, 20L * 1024 * 1024);

    private final PlanValidator validator = new PlanValidator(LIMITS);

    @Test
    void validDocumentPasses() {
        assertThatCode(() -> validator.validate(with())).doesNotThrowAnyException();
    }

    @Test
    void valuesAtTheirCapsPass() {
        PlanDocument doc = with(
                "/accounts/1/workloadOverrideMinutes", "100000",
                "/travelOverrides/0/minutes", "100000",
                "/settings/tierMinutes/A", "100000",
                "/settings/intraRegionTravelMinutes", "100000",
                "/kams/0/capacityMinutes", "1000000",
                "/settings/complexityPercent/HIGH", "1000",
                "/settings/phasePercent/ONBOARDING", "1000",
                "/settings/visitsPerYear/A", "366",
                "/settings/unassignedPenalty/A", "1000000000",
                "/settings/movePenalty/A", "1000000000",
                "/affinities/0/penalty", "-1000000000",
                "/settings/constraintWeights/Travel time", "1000000",
                "/settings/terminationSeconds", "86400",
                "/settings/unimprovedSeconds", "86400",
                "/regions/0/latitude", "-90",
                "/regions/0/longitude", "180",
                "/kams/0/maxAccounts", "0",
                "/settings/intraRegionTravelMinutes", "0");
        assertThatCode(() -> validator.validate(doc)).doesNotThrowAnyException();
    }

    @Test
    void unpinnedAccountOnInactiveKamIsNotAnError() {
        assertThatCode(() -> validator.validate(with("/accounts/1/assignedKamId", "\"K03\"")))
                .doesNotThrowAnyException();
    }

    @Test
    void nullDocumentIsAProblemAtTheRoot() {
        assertThat(problems(null)).containsExactly(new FieldProblem("$", "the plan document is empty"));
    }

    @Test
    void missingKamsAndAccountsListsAreReportedOtherListsAreEmpty() {
        PlanDocument empty = new PlanDocument(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        assertThat(problems(empty)).containsExactlyInAnyOrder(
                new FieldProblem("kams", "is required: the list of KAMs, at least one of them active"),
                new FieldProblem("accounts", "is required: the list of accounts to assign (it may be empty)"));
    }

    @Test
    void anEmptyAccountsListIsAPlanWithNothingToAssign() {
        assertThatCode(() -> validator.validate(with("/accounts", "[]", "/forbiddenPairs", "[]", "/affinities", "[]")))
                .doesNotThrowAnyException();
    }

    @Test
    void allKamsInactiveIsReportedAtKams() {
        List<FieldProblem> problems = problems(with(
                "/kams/0/active", "false", "/kams/1/active", "false", "/accounts/0/pinned", "false"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("kams");
            assertThat(p.message()).isEqualTo("no active KAM among the 3 KAMs");
        });
    }

    @Test
    void twoProblemsGiveTwoEntriesInDocumentOrder() {
        List<FieldProblem> problems = problems(with(
                "/accounts/3/sectorId", "\"GREENTCH\"", "/kams/0/capacityMinutes", "0"));
        assertThat(problems).containsExactly(
                new FieldProblem("kams[0].capacityMinutes", "must be > 0, was 0"),
                new FieldProblem("accounts[3].sectorId", "unknown sector 'GREENTCH'"));
    }

    @Test
    void sizeLimitsNameTheirCaps() {
        PlanValidator small = new PlanValidator(new Limits(3, 2, 1, 1000));
        List<FieldProblem> problems = problems(small, with());
        assertThat(problems).containsExactly(
                new FieldProblem("accounts", "has 4 entries, over the limit of 3"),
                new FieldProblem("kams", "has 3 entries, over the limit of 2"),
                new FieldProblem("regions", "has 2 entries, over the limit of 1"));
    }

    /** A CRM import of 15,000 accounts in a few thousand cities fits; the default cap is 5,000 regions. */
    @Test
    void fiveThousandRegionsAreAcceptedAndOneMoreIsNot() {
        assertThatCode(() -> validator.validate(withRegions(5_000))).doesNotThrowAnyException();
        assertThat(problems(withRegions(5_001)))
                .containsExactly(new FieldProblem("regions", "has 5001 entries, over the limit of 5000"));
    }

    /** The valid document with extra regions up to this many in all, on a grid around Munich. */
    private static PlanDocument withRegions(int count) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(VALID);
            ArrayNode regions = (ArrayNode) root.get("regions");
            for (int i = regions.size(); i < count; i++) {
                regions.addObject().put("id", "R" + i).put("latitude", 47 + (i % 100) * 0.02)
                        .put("longitude", 10 + (i / 100) * 0.05);
            }
            return MAPPER.treeToValue(root, PlanDocument.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void roadTripLongerThanTheMinutesCapIsRejected() {
        List<FieldProblem> problems = problems(with("/settings/speedKmh", "0.01"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("settings.speedKmh");
            assertThat(p.message()).contains("speedKmh 0.01", "'MUC' to 'VIE'", "<= 100000");
        });
    }

    @ParameterizedTest(name = "{0} removed -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /sectors/0/id                      | sectors[0].id
            /sectors/1/maxAccountsPerKam       | sectors[1].maxAccountsPerKam
            /regions/0/id                      | regions[0].id
            /regions/0/latitude                | regions[0].latitude
            /regions/1/longitude               | regions[1].longitude
            /travelOverrides/0/fromRegionId    | travelOverrides[0].fromRegionId
            /travelOverrides/0/toRegionId      | travelOverrides[0].toRegionId
            /travelOverrides/0/minutes         | travelOverrides[0].minutes
            /kams/1/id                         | kams[1].id
            /kams/1/homeRegionId               | kams[1].homeRegionId
            /accounts/1/id                     | accounts[1].id
            /accounts/1/sectorId               | accounts[1].sectorId
            /accounts/1/regionId               | accounts[1].regionId
            /accounts/1/tier                   | accounts[1].tier
            /forbiddenPairs/0/kamId            | forbiddenPairs[0].kamId
            /forbiddenPairs/0/accountId        | forbiddenPairs[0].accountId
            /affinities/0/kamId                | affinities[0].kamId
            /affinities/0/accountId            | affinities[0].accountId
            /affinities/0/penalty              | affinities[0].penalty
            """)
    void missingRequiredField(String pointer, String path) {
        assertProblem(with(pointer, REMOVE), path, "is required");
        assertProblem(with(pointer, "null"), path, "is required");
    }

    @Test
    void blankIdIsLikeAMissingOne() {
        assertProblem(with("/accounts/1/id", "\"  \""), "accounts[1].id", "must not be blank, was '  '");
    }

    @ParameterizedTest(name = "{0} = null")
    @CsvSource({ "/sectors/1, sectors[1]", "/regions/1, regions[1]", "/travelOverrides/0, travelOverrides[0]",
            "/kams/2, kams[2]", "/accounts/3, accounts[3]", "/forbiddenPairs/0, forbiddenPairs[0]",
            "/affinities/0, affinities[0]" })
    void nullListElement(String pointer, String path) {
        assertProblem(with(pointer, "null"), path, "was null");
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /sectors/1/id                  | "GREENTECH" | sectors[1].id                  | duplicate sector id 'GREENTECH'
            /regions/1/id                  | "MUC"       | regions[1].id                  | duplicate region id 'MUC'
            /kams/1/id                     | "K01"       | kams[1].id                     | duplicate KAM id 'K01'
            /accounts/1/id                 | "A0001"     | accounts[1].id                 | duplicate account id 'A0001'
            /accounts/1/sectorId           | "GREENTCH"  | accounts[1].sectorId           | unknown sector 'GREENTCH'
            /accounts/1/regionId           | "BER"       | accounts[1].regionId           | unknown region 'BER'
            /accounts/1/currentKamId       | "K99"       | accounts[1].currentKamId       | unknown KAM 'K99'
            /accounts/1/assignedKamId      | "K99"       | accounts[1].assignedKamId      | unknown KAM 'K99'
            /kams/1/homeRegionId           | "BER"       | kams[1].homeRegionId           | unknown region 'BER'
            /kams/0/sectorIds/1            | "ENERGY"    | kams[0].sectorIds[1]           | unknown sector 'ENERGY'
            /kams/0/sectorIds/1            | "GREENTECH" | kams[0].sectorIds[1]           | duplicate sector 'GREENTECH'
            /travelOverrides/0/fromRegionId| "BER"       | travelOverrides[0].fromRegionId| unknown region 'BER'
            /travelOverrides/0/toRegionId  | "BER"       | travelOverrides[0].toRegionId  | unknown region 'BER'
            /travelOverrides/-             | {"fromRegionId": "MUC", "toRegionId": "VIE", "minutes": 1} | travelOverrides[1] | duplicate travel override from 'MUC' to 'VIE'
            /forbiddenPairs/0/kamId        | "K99"       | forbiddenPairs[0].kamId        | unknown KAM 'K99'
            /forbiddenPairs/0/accountId    | "A9999"     | forbiddenPairs[0].accountId    | unknown account 'A9999'
            /forbiddenPairs/-              | {"kamId": "K02", "accountId": "A0001"} | forbiddenPairs[1] | duplicate forbidden pair for kamId 'K02' and accountId 'A0001'
            /affinities/0/kamId            | "K99"       | affinities[0].kamId            | unknown KAM 'K99'
            /affinities/0/accountId        | "A9999"     | affinities[0].accountId        | unknown account 'A9999'
            /affinities/-                  | {"kamId": "K01", "accountId": "A0003", "penalty": 7} | affinities[1] | duplicate affinity for kamId 'K01' and accountId 'A0003'
            """)
    void unknownOrDuplicateId(String pointer, String value, String path, String message) {
        assertProblem(with(pointer, value), path, message);
    }

    @Test
    void reversedTravelOverrideIsNotADuplicate() {
        PlanDocument doc = with("/travelOverrides/-", "{\"fromRegionId\": \"VIE\", \"toRegionId\": \"MUC\", \"minutes\": 260}");
        assertThatCode(() -> validator.validate(doc)).doesNotThrowAnyException();
    }

    @Test
    void samePairInForbiddenPairsAndAffinitiesIsNotADuplicate() {
        PlanDocument doc = with("/affinities/-", "{\"kamId\": \"K02\", \"accountId\": \"A0001\", \"penalty\": 5}");
        assertThatCode(() -> validator.validate(doc)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /accounts/1/pinned | true | accounts[1].pinned        | neither
            /accounts/3/pinned | true | accounts[3].assignedKamId | inactive KAM 'K03'
            /accounts/2/pinned | true | accounts[2].currentKamId  | inactive KAM 'K03'
            """)
    void pinThatCannotHold(String pointer, String value, String path, String message) {
        assertProblem(with(pointer, value), path, message);
    }

    @Test
    void pinLocksToAssignedKamBeforeCurrentKam() {
        // current K03 has left, but the lock is the assignment K01: valid.
        PlanDocument doc = with("/accounts/2/assignedKamId", "\"K01\"", "/accounts/2/pinned", "true");
        assertThatCode(() -> validator.validate(doc)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /accounts/2/workloadMinutes             | -1      | accounts[2].workloadMinutes             | must be >= 0, was -1
            /accounts/1/workloadOverrideMinutes     | -5      | accounts[1].workloadOverrideMinutes     | must be >= 0, was -5
            /travelOverrides/0/minutes              | -1      | travelOverrides[0].minutes              | must be >= 0, was -1
            /settings/intraRegionTravelMinutes      | -1      | settings.intraRegionTravelMinutes       | must be >= 0, was -1
            /settings/tierMinutes/B                 | -1      | settings.tierMinutes.B                  | must be >= 0, was -1
            /kams/0/capacityMinutes                 | 0       | kams[0].capacityMinutes                 | must be > 0, was 0
            /kams/1/capacityMinutes                 | -7200   | kams[1].capacityMinutes                 | must be > 0, was -7200
            /sectors/0/maxAccountsPerKam            | 0       | sectors[0].maxAccountsPerKam            | must be > 0, was 0
            /kams/0/maxAccounts                     | -1      | kams[0].maxAccounts                     | must be >= 0, was -1
            /kams/0/experienceYears                 | -1      | kams[0].experienceYears                 | must be >= 0, was -1
            /accounts/2/annualRevenue               | -1000.5 | accounts[2].annualRevenue               | must be >= 0, was -1000.5
            /regions/0/latitude                     | 90.5    | regions[0].latitude                     | between -90 and 90, was 90.5
            /regions/0/latitude                     | -91     | regions[0].latitude                     | between -90 and 90, was -91.0
            /regions/0/latitude                     | 1e400   | regions[0].latitude                     | was Infinity
            /regions/1/longitude                    | 180.1   | regions[1].longitude                    | between -180 and 180, was 180.1
            /regions/1/longitude                    | -181    | regions[1].longitude                    | between -180 and 180, was -181.0
            /settings/aTierMinExperienceYears       | -1      | settings.aTierMinExperienceYears        | must be >= 0, was -1
            /settings/roadFactor                    | 0       | settings.roadFactor                     | > 0, was 0.0
            /settings/roadFactor                    | -1.3    | settings.roadFactor                     | > 0, was -1.3
            /settings/roadFactor                    | 1e400   | settings.roadFactor                     | was Infinity
            /settings/speedKmh                      | 0       | settings.speedKmh                       | > 0, was 0.0
            /settings/complexityPercent/LOW         | -1      | settings.complexityPercent.LOW          | must be >= 0, was -1
            /settings/phasePercent/ESTABLISHED      | -1      | settings.phasePercent.ESTABLISHED       | must be >= 0, was -1
            /settings/visitsPerYear/C               | -1      | settings.visitsPerYear.C                | must be >= 0, was -1
            /settings/unassignedPenalty/B           | -1      | settings.unassignedPenalty.B            | must be >= 0, was -1
            /settings/movePenalty/A                 | -1      | settings.movePenalty.A                  | must be >= 0, was -1
            /settings/terminationSeconds            | 0       | settings.terminationSeconds             | must be > 0, was 0
            /settings/unimprovedSeconds             | 0       | settings.unimprovedSeconds              | must be > 0, was 0
            /settings/seed                          | -1      | settings.seed                           | must be >= 0, was -1
            /settings/workBudget                    | 0       | settings.workBudget                     | must be > 0, was 0
            /settings/workBudget                    | -5      | settings.workBudget                     | must be > 0, was -5
            /settings/maxMovedAccounts              | -1      | settings.maxMovedAccounts               | must be >= 0, was -1
            /settings/tierMinutes/A                 | null    | settings.tierMinutes.A                  | is required
            """)
    void numberOutOfItsDomain(String pointer, String value, String path, String message) {
        assertProblem(with(pointer, value), path, message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `["D"]`             | settings.keepWithIncumbent[0] | unknown tier 'D'
            `["A", null]`       | settings.keepWithIncumbent[1] | is required
            `["A","B","C","A"]` | settings.keepWithIncumbent    | has 4 entries, over the limit of 3
            """)
    void keepWithIncumbentNamesTiers(String value, String path, String message) {
        assertProblem(with("/settings/keepWithIncumbent", value), path, message);
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /accounts/2/workloadMinutes             | 100001     | accounts[2].workloadMinutes           | must be <= 100000, was 100001
            /accounts/1/workloadOverrideMinutes     | 100001     | accounts[1].workloadOverrideMinutes   | must be <= 100000, was 100001
            /travelOverrides/0/minutes              | 100001     | travelOverrides[0].minutes            | must be <= 100000, was 100001
            /settings/tierMinutes/A                 | 100001     | settings.tierMinutes.A                | must be <= 100000, was 100001
            /settings/intraRegionTravelMinutes      | 100001     | settings.intraRegionTravelMinutes     | must be <= 100000, was 100001
            /kams/0/capacityMinutes                 | 1000001    | kams[0].capacityMinutes               | must be <= 1000000, was 1000001
            /settings/complexityPercent/HIGH        | 1001       | settings.complexityPercent.HIGH       | must be <= 1000, was 1001
            /settings/phasePercent/ONBOARDING       | 1001       | settings.phasePercent.ONBOARDING      | must be <= 1000, was 1001
            /settings/visitsPerYear/A               | 367        | settings.visitsPerYear.A              | must be <= 366, was 367
            /settings/unassignedPenalty/A           | 1000000001 | settings.unassignedPenalty.A          | must be <= 1000000000, was 1000000001
            /settings/movePenalty/C                 | 1000000001 | settings.movePenalty.C                | must be <= 1000000000, was 1000000001
            /affinities/0/penalty                   | 1000000001 | affinities[0].penalty                 | must be <= 1000000000, was 1000000001
            /affinities/0/penalty                   | -1000000001| affinities[0].penalty                 | must be >= -1000000000, was -1000000001
            /settings/constraintWeights/Travel time | 1000001    | settings.constraintWeights.Travel time| must be <= 1000000, was 1000001
            /settings/terminationSeconds            | 86401      | settings.terminationSeconds           | must be <= 86400, was 86401
            /settings/unimprovedSeconds             | 86401      | settings.unimprovedSeconds            | must be <= 86400, was 86401
            /accounts/2/annualRevenue               | 1000000000000001 | accounts[2].annualRevenue       | must be <= 1000000000000000, was 1000000000000001
            /accounts/2/annualRevenue               | 1000.005    | accounts[2].annualRevenue            | must have at most 2 decimals, was 1000.005
            """)
    void numberOverItsOverflowGuard(String pointer, String value, String path, String message) {
        assertProblem(with(pointer, value), path, message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /name                  | name                  | 200
            /kams/0/name           | kams[0].name          | 200
            /accounts/1/name       | accounts[1].name      | 200
            /regions/0/name        | regions[0].name       | 200
            /sectors/0/name        | sectors[0].name       | 200
            /forbiddenPairs/0/reason | forbiddenPairs[0].reason | 500
            /accounts/3/id         | accounts[3].id        | 100
            """)
    void textOverItsLength(String pointer, String path, int max) {
        assertProblem(with(pointer, "\"" + "x".repeat(max + 1) + "\""), path,
                "must be at most " + max + " characters, was " + (max + 1));
        assertThatCode(() -> validator.validate(with(pointer, "\"" + "x".repeat(max) + "\"")))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /accounts/1/tier                   | "D"       | accounts[1].tier                   | unknown tier 'D' (allowed: A, B, C)
            /accounts/1/tier                   | "a"       | accounts[1].tier                   | unknown tier 'a' (allowed: A, B, C)
            /accounts/1/complexity             | "EXTREME" | accounts[1].complexity             | unknown complexity 'EXTREME' (allowed: LOW, MEDIUM, HIGH)
            /accounts/1/phase                  | "CHURNED" | accounts[1].phase                  | unknown phase 'CHURNED' (allowed: ONBOARDING, ESTABLISHED)
            /settings/tierMinutes/D            | 100       | settings.tierMinutes.D             | unknown tier 'D' (allowed: A, B, C)
            /settings/visitsPerYear/D          | 1         | settings.visitsPerYear.D           | unknown tier 'D' (allowed: A, B, C)
            /settings/unassignedPenalty/D      | 1         | settings.unassignedPenalty.D       | unknown tier 'D' (allowed: A, B, C)
            /settings/movePenalty/D            | 1         | settings.movePenalty.D             | unknown tier 'D' (allowed: A, B, C)
            /settings/complexityPercent/EXTREME| 200       | settings.complexityPercent.EXTREME | unknown complexity 'EXTREME' (allowed: LOW, MEDIUM, HIGH)
            /settings/phasePercent/CHURNED     | 50        | settings.phasePercent.CHURNED      | unknown phase 'CHURNED' (allowed: ONBOARDING, ESTABLISHED)
            """)
    void unknownEnumValue(String pointer, String value, String path, String message) {
        assertProblem(with(pointer, value), path, message);
    }

    @Test
    void unknownConstraintNameListsTheAllowedNames() {
        assertProblem(with("/settings/constraintWeights/Travel tme", "1"), "settings.constraintWeights.Travel tme",
                "unknown constraint 'Travel tme' (allowed: KAM capacity, Sector cap, Max accounts per KAM, "
                        + "A-account needs experienced KAM, Required sector expertise, Forbidden pair, "
                        + "Unassigned account, Balanced workload, Travel time, Account continuity, "
                        + "Preferred sector expertise, Account affinity, Max hand-overs, Balanced revenue)");
    }

    @Test
    void negativeConstraintWeight() {
        assertProblem(with("/settings/constraintWeights/Travel time", "-1"), "settings.constraintWeights.Travel time",
                "must be >= 0, was -1");
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /kams/0/experienceYears            | 101      | kams[0].experienceYears            | must be <= 100, was 101
            /settings/aTierMinExperienceYears  | 101      | settings.aTierMinExperienceYears   | must be <= 100, was 101
            /kams/0/maxAccounts                | 1000001  | kams[0].maxAccounts                | must be <= 1000000, was 1000001
            /sectors/0/maxAccountsPerKam       | 1000001  | sectors[0].maxAccountsPerKam       | must be <= 1000000, was 1000001
            /settings/roadFactor               | 100.5    | settings.roadFactor                | must be <= 100, was 100.5
            /settings/speedKmh                 | 1e400    | settings.speedKmh                  | must be <= 10000, was Infinity
            """)
    // Revenues like 1e999999999 are in BadInputRestTest: this test's JSON tree reads them as doubles.
    void annotatedBoundNamesItsPathAndTheValue(String pointer, String value, String path, String message) {
        assertThat(problems(with(pointer, value))).containsExactly(new FieldProblem(path, message));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /kams/0/experienceYears   | 100
            /kams/0/maxAccounts       | 1000000
            /settings/roadFactor      | 100
            /settings/speedKmh        | 10000
            /accounts/2/annualRevenue | 1000000000000000
            /accounts/2/annualRevenue | 1000.500
            /accounts/2/annualRevenue | 1E+3
            """)
    void valueAtItsAnnotatedBoundPasses(String pointer, String value) {
        assertThatCode(() -> validator.validate(with(pointer, value))).doesNotThrowAnyException();
    }

    /** An over-long reference is out of bounds, not also unknown: one problem, and the value is not echoed. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /kams/1/homeRegionId         | kams[1].homeRegionId
            /kams/0/sectorIds/1          | kams[0].sectorIds[1]
            /accounts/1/sectorId         | accounts[1].sectorId
            /accounts/0/currentKamId     | accounts[0].currentKamId
            /accounts/1/tier             | accounts[1].tier
            /accounts/1/complexity       | accounts[1].complexity
            /travelOverrides/0/toRegionId | travelOverrides[0].toRegionId
            /forbiddenPairs/0/kamId      | forbiddenPairs[0].kamId
            /affinities/0/accountId      | affinities[0].accountId
            /settings/mode               | settings.mode
            """)
    void overLongReferenceIsOneProblem(String pointer, String path) {
        assertThat(problems(with(pointer, "\"" + "x".repeat(101) + "\"")))
                .containsExactly(new FieldProblem(path, "must be at most 100 characters, was 101"));
    }

    @ParameterizedTest(name = "value {0}")
    @CsvSource({ "1", "-1" })
    void overLongMapKeyIsNamedByItsMapNotByTheKey(String value) {
        assertThat(problems(with("/settings/tierMinutes/" + "x".repeat(101), value))).containsExactly(
                new FieldProblem("settings.tierMinutes", "has a key that must be at most 100 characters, was 101"));
    }

    @Test
    void boundProblemsComeInPathOrderWithIndicesAsNumbers() {
        String accounts = "[" + String.join(",", java.util.Collections.nCopies(11,
                "{ \"sectorId\": \"FINANCE\", \"regionId\": \"MUC\", \"tier\": \"C\", \"workloadOverrideMinutes\": -1 }"))
                + "]";
        List<String> paths = problems(with("/accounts", accounts, "/forbiddenPairs", "[]", "/affinities", "[]"))
                .stream().filter(p -> p.message().startsWith("must be >= 0")).map(FieldProblem::path).toList();
        assertThat(paths).containsExactly(java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> "accounts[" + i + "].workloadOverrideMinutes").toArray(String[]::new));
    }

    /**
     * Every input number and string of the document carries a bound, so a new field cannot ship
     * without one. Output fields are ignored on input (the service writes its own) and are named here.
     */
    @Test
    void everyInputNumberAndStringIsBounded() {
        java.util.Set<String> outputs = java.util.Set.of("PlanDocument.id", "PlanDocument.status", "PlanDocument.score",
                "PlanDocument.warnings", "PlanDocument.error", "PlanDocument.moves", "PlanDocument.kamChanges",
                "Account.workloadMinutes", "Account.travelMinutes", "Kam.loadMinutes", "Kam.utilization",
                "Kam.accountCount", "Kam.travelMinutes", "Kam.annualRevenue", "Kam.accountsA", "Kam.accountsB",
                "Kam.accountsC");
        List<String> unbounded = new java.util.ArrayList<>();
        for (Class<?> type : List.of(PlanDocument.class, PlanDocument.Settings.class, PlanDocument.Sector.class,
                PlanDocument.Region.class, PlanDocument.TravelOverride.class, PlanDocument.ForbiddenPair.class,
                PlanDocument.Affinity.class, PlanDocument.Kam.class, PlanDocument.Account.class)) {
            for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
                String name = type.getSimpleName() + "." + component.getName();
                boolean scalar = component.getType() == String.class
                        || Number.class.isAssignableFrom(component.getType());
                java.lang.reflect.Field field = field(type, component.getName());
                boolean bounded = scalar ? hasConstraint(field.getAnnotations())
                        : !(field.getAnnotatedType() instanceof java.lang.reflect.AnnotatedParameterizedType parameterized)
                                || java.util.Arrays.stream(parameterized.getAnnotatedActualTypeArguments())
                                        .allMatch(argument -> hasConstraint(argument.getAnnotations()));
                if (!bounded && !outputs.contains(name)) {
                    unbounded.add(name);
                }
            }
        }
        assertThat(unbounded).as("input fields without a Bean Validation bound").isEmpty();
    }

    private static java.lang.reflect.Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasConstraint(java.lang.annotation.Annotation[] annotations) {
        return java.util.Arrays.stream(annotations).anyMatch(a -> a.annotationType()
                .isAnnotationPresent(jakarta.validation.Constraint.class)
                || a.annotationType() == jakarta.validation.Valid.class);
    }

    // --- helpers ---

    private void assertProblem(PlanDocument doc, String path, String messagePart) {
        assertThat(problems(doc)).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).contains(messagePart);
        });
    }

    private List<FieldProblem> problems(PlanDocument doc) {
        return problems(validator, doc);
    }

    private static List<FieldProblem> problems(PlanValidator validator, PlanDocument doc) {
        InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> validator.validate(doc));
        assertThat(e).as("validation of an invalid document must fail").isNotNull();
        return e.problems();
    }

    /** The valid document with the given (JSON pointer, JSON value or REMOVE) changes applied. */
    private static PlanDocument with(String... changes) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(VALID);
            for (int i = 0; i < changes.length; i += 2) {
                JsonPointer pointer = JsonPointer.compile(changes[i]);
                JsonNode parent = root.at(pointer.head());
                String last = pointer.last().getMatchingProperty();
                JsonNode value = REMOVE.equals(changes[i + 1]) ? null : MAPPER.readTree(changes[i + 1]);
                if (parent instanceof ArrayNode array) {
                    if (last.equals("-")) {
                        array.add(value);
                    } else if (value == null) {
                        array.remove(Integer.parseInt(last));
                    } else {
                        array.set(Integer.parseInt(last), value);
                    }
                } else if (value == null) {
                    ((ObjectNode) parent).remove(last);
                } else {
                    ((ObjectNode) parent).set(last, value);
                }
            }
            return MAPPER.treeToValue(root, PlanDocument.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test change " + List.of(changes), e);
        }
    }
}
