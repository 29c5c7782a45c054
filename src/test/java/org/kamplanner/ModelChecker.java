package org.kamplanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An independent recomputation of docs/model.md from a returned plan document: it reads only the JSON
 * (never the service's model classes) and checks the reported score, summary, per-KAM and
 * per-account figures to the unit. Deliberately written the plain way, map lookups and all.
 */
public final class ModelChecker {

    private ModelChecker() {
    }

    /** Asserts that every derived figure and the score of {@code plan} agree with docs/model.md. */
    public static void assertConsistent(JsonNode plan) {
        JsonNode settings = plan.path("settings");
        Map<String, Long> tierMinutes = map(settings.path("tierMinutes"), Map.of("A", 2400L, "B", 480L, "C", 120L));
        Map<String, Long> complexityPercent = map(settings.path("complexityPercent"),
                Map.of("LOW", 75L, "MEDIUM", 100L, "HIGH", 150L));
        Map<String, Long> phasePercent = map(settings.path("phasePercent"), Map.of("ONBOARDING", 150L, "ESTABLISHED", 100L));
        Map<String, Long> visits = map(settings.path("visitsPerYear"), Map.of("A", 24L, "B", 12L, "C", 4L));
        Map<String, Long> unassignedPenalty = map(settings.path("unassignedPenalty"), Map.of("A", 100L, "B", 10L, "C", 1L));
        Map<String, Long> movePenalty = map(settings.path("movePenalty"), Map.of("A", 2000L, "B", 600L, "C", 200L));
        Map<String, Long> weights = map(settings.path("constraintWeights"), Map.of());
        long minExperience = settings.path("aTierMinExperienceYears").asLong(5);
        long intra = settings.path("intraRegionTravelMinutes").asLong(30);
        double roadFactor = settings.path("roadFactor").asDouble(1.3);
        double speed = settings.path("speedKmh").asDouble(80);

        Map<String, JsonNode> regions = byId(plan.path("regions"));
        Map<String, JsonNode> sectors = byId(plan.path("sectors"));
        Map<String, JsonNode> kams = byId(plan.path("kams"));
        Map<String, Long> overrides = new HashMap<>();
        for (JsonNode o : plan.path("travelOverrides")) {
            overrides.put(o.get("fromRegionId").asText() + ">" + o.get("toRegionId").asText(), o.get("minutes").asLong());
        }
        Set<String> forbidden = new HashSet<>();
        plan.path("forbiddenPairs").forEach(f -> forbidden.add(f.get("kamId").asText() + ">" + f.get("accountId").asText()));
        Map<String, Long> affinity = new HashMap<>();
        plan.path("affinities").forEach(f -> affinity.put(f.get("kamId").asText() + ">" + f.get("accountId").asText(),
                f.get("penalty").asLong()));

        long hard = 0, medium = 0, soft = 0;
        Map<String, Long> load = new LinkedHashMap<>();
        Map<String, Long> count = new HashMap<>();
        Map<String, Long> travelByKam = new HashMap<>();
        Map<String, Long> sectorCount = new HashMap<>();
        Map<String, Long> revenueK = new HashMap<>();
        int assigned = 0, moved = 0, handOvers = 0;
        long totalTravel = 0;
        for (JsonNode a : plan.path("accounts")) {
            String tier = a.get("tier").asText();
            String incumbent = a.path("currentKamId").asText(null);
            if (incumbent != null && kams.get(incumbent).path("active").asBoolean(true)
                    && !incumbent.equals(a.path("assignedKamId").asText(null))) {
                handOvers++;
            }
            long base;
            JsonNode override = a.has("workloadOverrideMinutes") ? a.get("workloadOverrideMinutes") : null;
            if (override != null) {
                base = override.asLong();
            } else {
                base = Math.round(tierMinutes.get(tier) * complexityPercent.get(a.path("complexity").asText("MEDIUM"))
                        * phasePercent.get(a.path("phase").asText("ESTABLISHED")) / 10000.0);
            }
            String kamId = a.path("assignedKamId").asText(null);
            if (kamId == null) {
                medium -= w(weights, "Unassigned account") * unassignedPenalty.get(tier);
                assertThat(a.get("workloadMinutes").asLong()).as("workload of unassigned " + a.get("id")).isEqualTo(base);
                continue;
            }
            JsonNode kam = kams.get(kamId);
            assertThat(kam.path("active").asBoolean(true)).as("KAM of " + a.get("id") + " is active").isTrue();
            long minutes = travelMinutes(regions, overrides, kam.get("homeRegionId").asText(), a.get("regionId").asText(),
                    intra, roadFactor, speed);
            long travel = a.path("remote").asBoolean(false) ? 0 : Math.round(visits.get(tier) * 2 * minutes / 12.0);
            long workload = base + travel;
            assertThat(a.get("workloadMinutes").asLong()).as("workload of " + a.get("id")).isEqualTo(workload);
            assertThat(a.get("travelMinutes").asLong()).as("travel of " + a.get("id")).isEqualTo(travel);
            assigned++;
            totalTravel += travel;
            load.merge(kamId, workload, Long::sum);
            if (a.hasNonNull("annualRevenue")) {
                revenueK.merge(kamId, a.get("annualRevenue").decimalValue().movePointLeft(3)
                        .setScale(0, java.math.RoundingMode.HALF_UP).longValueExact(), Long::sum);
            }
            count.merge(kamId, 1L, Long::sum);
            travelByKam.merge(kamId, travel, Long::sum);
            sectorCount.merge(kamId + ">" + a.get("sectorId").asText(), 1L, Long::sum);
            JsonNode sector = sectors.get(a.get("sectorId").asText());
            boolean expert = false;
            for (JsonNode s : kam.path("sectorIds")) {
                expert |= s.asText().equals(a.get("sectorId").asText());
            }
            if (tier.equals("A") && kam.path("experienceYears").asLong(0) < minExperience) {
                hard -= w(weights, "A-account needs experienced KAM");
            }
            boolean required = sector.path("expertiseRequired").asBoolean(false);
            if (required && !expert) {
                hard -= w(weights, "Required sector expertise");
            }
            if (!required && !expert) {
                soft -= w(weights, "Preferred sector expertise") * 300;
            }
            if (forbidden.contains(kamId + ">" + a.get("id").asText())) {
                hard -= w(weights, "Forbidden pair");
            }
            soft -= w(weights, "Travel time") * travel;
            String current = a.path("currentKamId").asText(null);
            if (current != null && !current.equals(kamId)) {
                moved++;
                soft -= w(weights, "Account continuity") * movePenalty.get(tier);
            }
            Long affinityPenalty = affinity.get(kamId + ">" + a.get("id").asText());
            if (affinityPenalty != null) {
                soft -= w(weights, "Account affinity") * affinityPenalty;
            }
        }
        for (Map.Entry<String, Long> e : sectorCount.entrySet()) {
            long cap = sectors.get(e.getKey().split(">")[1]).get("maxAccountsPerKam").asLong();
            hard -= w(weights, "Sector cap") * Math.max(0, e.getValue() - cap);
        }
        double utilizationSum = 0, min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        int active = 0;
        for (JsonNode kam : plan.path("kams")) {
            String id = kam.get("id").asText();
            long kamLoad = load.getOrDefault(id, 0L);
            long capacity = kam.path("capacityMinutes").asLong(7200);
            assertThat(kam.get("loadMinutes").asLong()).as("load of " + id).isEqualTo(kamLoad);
            assertThat(kam.get("accountCount").asLong()).as("count of " + id).isEqualTo(count.getOrDefault(id, 0L));
            assertThat(kam.get("travelMinutes").asLong()).as("travel of " + id).isEqualTo(travelByKam.getOrDefault(id, 0L));
            hard -= w(weights, "KAM capacity") * Math.max(0, kamLoad - capacity);
            if (kam.hasNonNull("maxAccounts")) {
                hard -= w(weights, "Max accounts per KAM") * Math.max(0, count.getOrDefault(id, 0L) - kam.get("maxAccounts").asLong());
            }
            if (kamLoad > 0) {
                soft -= w(weights, "Balanced workload") * (kamLoad * kamLoad / capacity);
            }
            long kamRevenue = revenueK.getOrDefault(id, 0L);
            if (kamRevenue > 0) { // Balanced revenue: weight 0 unless given
                soft -= weights.getOrDefault("Balanced revenue", 0L) * (kamRevenue * kamRevenue / capacity);
            }
            if (kam.path("active").asBoolean(true)) {
                double utilization = (double) kamLoad / capacity;
                utilizationSum += utilization;
                min = Math.min(min, utilization);
                max = Math.max(max, utilization);
                active++;
            }
        }
        if (settings.hasNonNull("maxMovedAccounts")) {
            hard -= w(weights, "Max hand-overs") * Math.max(0, handOvers - settings.get("maxMovedAccounts").asLong());
        }
        assertThat(plan.get("score").asText()).as("score").isEqualTo("%dhard/%dmedium/%dsoft".formatted(hard, medium, soft));
        JsonNode summary = plan.get("summary");
        assertThat(summary.get("assignedAccounts").asInt()).isEqualTo(assigned);
        assertThat(summary.get("unassignedAccounts").asInt()).isEqualTo(plan.path("accounts").size() - assigned);
        assertThat(summary.get("movedAccounts").asInt()).isEqualTo(moved);
        assertThat(summary.get("handOvers").asInt()).isEqualTo(handOvers);
        assertThat(summary.get("totalTravelMinutes").asLong()).isEqualTo(totalTravel);
        assertThat(summary.get("utilizationMin").asDouble()).isEqualTo(min);
        assertThat(summary.get("utilizationMax").asDouble()).isEqualTo(max);
        assertThat(summary.get("utilizationMean").asDouble()).isCloseTo(utilizationSum / active,
                org.assertj.core.data.Offset.offset(1e-12));
    }

    private static long travelMinutes(Map<String, JsonNode> regions, Map<String, Long> overrides, String from, String to,
            long intra, double roadFactor, double speed) {
        Long override = overrides.get(from + ">" + to);
        if (override == null) {
            override = overrides.get(to + ">" + from);
        }
        if (override != null) {
            return override;
        }
        if (from.equals(to)) {
            return intra;
        }
        JsonNode r1 = regions.get(from), r2 = regions.get(to);
        double lat1 = Math.toRadians(r1.get("latitude").asDouble()), lat2 = Math.toRadians(r2.get("latitude").asDouble());
        double dLon = Math.toRadians(r2.get("longitude").asDouble() - r1.get("longitude").asDouble());
        double h = Math.pow(Math.sin((lat2 - lat1) / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
        double km = 6371.0 * 2 * Math.asin(Math.sqrt(h));
        return Math.round(km * roadFactor / speed * 60);
    }

    private static long w(Map<String, Long> weights, String name) {
        return weights.getOrDefault(name, 1L);
    }

    private static Map<String, Long> map(JsonNode given, Map<String, Long> defaults) {
        Map<String, Long> map = new HashMap<>(defaults);
        given.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asLong()));
        return map;
    }

    private static Map<String, JsonNode> byId(JsonNode list) {
        Map<String, JsonNode> map = new HashMap<>();
        list.forEach(n -> map.put(n.get("id").asText(), n));
        return map;
    }
}
