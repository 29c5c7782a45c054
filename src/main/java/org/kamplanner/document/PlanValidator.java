package org.kamplanner.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kamplanner.document.PlanDocument.Account;
import org.kamplanner.document.PlanDocument.Kam;
import org.kamplanner.document.PlanDocument.Region;
import org.kamplanner.document.PlanDocument.Sector;
import org.kamplanner.document.PlanDocument.Settings;
import org.kamplanner.domain.Complexity;
import org.kamplanner.domain.Phase;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Tier;
import org.kamplanner.solver.KamConstraint;
import org.kamplanner.solver.search.SolveMode;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.springframework.stereotype.Component;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * The "Invalid input" rules of docs/model.md. Reports every problem of a document at once, so a client
 * fixes its file in one round instead of one error per request.
 *
 * <p>First the bounds of every number and string, declared as Bean Validation annotations on
 * {@link PlanDocument} (the overflow guards and text lengths live there and only there); then, with
 * values known to be in bounds, the rules between fields: required values, unique ids, references,
 * enum names, pins, and the longest road trip, the one check that computes with the values.
 */
@Component
public class PlanValidator {

    /**
     * The annotations' messages are bundle keys that {@link #message} words in the request's language; the
     * interpolator without expression language stays, so nothing of a client's value is ever evaluated.
     */
    private static final Validator BOUNDS = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();
    /** The cap on road minutes is the one the annotations put on any other minutes of the document. */
    private static final long MAX_ROAD_MINUTES = Bounds.MINUTES;

    private static final List<String> TIERS = names(Tier.values());
    private static final List<String> COMPLEXITIES = names(Complexity.values());
    private static final List<String> PHASES = names(Phase.values());
    private static final List<String> CONSTRAINTS = Arrays.stream(KamConstraint.values())
            .map(KamConstraint::constraintName).toList();

    private final Limits limits;

    public PlanValidator(Limits limits) {
        this.limits = limits;
    }

    /** @throws InvalidPlanException listing every problem, if there is any */
    public void validate(PlanDocument doc) {
        List<FieldProblem> problems = doc == null
                ? List.of(new FieldProblem("$", FieldChecks.words("error.field.emptyDocument")))
                : new Check(doc).run();
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
    }

    public static String item(String list, int index) {
        return list + "[" + index + "]";
    }

    /** The path of a violation as the API writes it: {@code kams[3].capacityMinutes}, {@code settings.tierMinutes.A}. */
    static String path(Path propertyPath) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : propertyPath) {
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null && !MAP_KEY.equals(node.getName())) {
                out.append('.').append(node.getKey());
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) { // not a container element such as <list element>
                out.append(out.isEmpty() ? "" : ".").append(name);
            }
        }
        return out.toString();
    }

    private static final String MAP_KEY = "<map key>";

    /** The message with the rejected value: its length for text, scientific notation for a huge number. */
    static String message(ConstraintViolation<?> violation) {
        Object value = violation.getInvalidValue();
        String was = value instanceof CharSequence text ? String.valueOf(text.length()) : Echo.of(value);
        boolean key = MAP_KEY.equals(last(violation.getPropertyPath()).getName());
        // The annotations' messages are bundle keys (Bounds.TEXT …); their one parameter is the bound.
        Map<String, Object> bound = violation.getConstraintDescriptor().getAttributes();
        Object limit = bound.containsKey("max") ? bound.get("max") : bound.get("value");
        String template = violation.getMessageTemplate();
        String rule = template.startsWith("error.bound.") ? FieldChecks.words(template, limit) : violation.getMessage();
        return FieldChecks.words(key ? "error.bound.key" : "error.bound.value", rule, was);
    }

    /** The path of the map a map entry's violation is in. */
    private static String mapPath(Path propertyPath) {
        String full = path(propertyPath);
        return full.substring(0, full.length() - String.valueOf(last(propertyPath).getKey()).length() - 1);
    }

    private static Path.Node last(Path path) {
        Path.Node last = null;
        for (Path.Node node : path) {
            last = node;
        }
        return last;
    }

    /** Text order, but a run of digits compares as a number: {@code accounts[2]} before {@code accounts[10]}. */
    static int comparePaths(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endI = digitsEnd(a, i);
                int endJ = digitsEnd(b, j);
                // Indices are small non-negative ints: compare by length, then by digits.
                int byNumber = endI - i != endJ - j ? Integer.compare(endI - i, endJ - j)
                        : a.substring(i, endI).compareTo(b.substring(j, endJ));
                if (byNumber != 0) {
                    return byNumber;
                }
                i = endI;
                j = endJ;
            } else if (x != y) {
                return Character.compare(x, y);
            } else {
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** One run over one document: the problems so far and the ids of each kind that references may name. */
    private final class Check extends FieldChecks {

        private final PlanDocument doc;
        private final Set<String> sectorIds = new HashSet<>();
        private final Set<String> regionIds = new HashSet<>();
        private final List<Region> locatedRegions = new ArrayList<>();
        private final Set<String> kamIds = new HashSet<>();
        private final Map<String, Boolean> kamActiveById = new HashMap<>();
        private final Set<String> accountIds = new HashSet<>();

        Check(PlanDocument doc) {
            this.doc = doc;
        }

        List<FieldProblem> run() {
            checkSizes();
            checkBounds();
            name("name", doc.name());
            // Order matters: each kind is checked after the kinds it refers to.
            each("sectors", doc.sectors(), this::checkSector);
            each("regions", doc.regions(), this::checkRegion);
            checkTravelOverrides();
            each("kams", doc.kams(), this::checkKam);
            checkSomeKamActive();
            if (doc.accounts() == null) {
                problem("accounts", words("error.field.accountsRequired"));
            }
            each("accounts", doc.accounts(), this::checkAccount);
            checkForbiddenPairs();
            checkAffinities();
            checkSettings(doc.settings());
            return problems;
        }

        private void checkSizes() {
            size("accounts", doc.accounts(), limits.maxAccounts());
            size("kams", doc.kams(), limits.maxKams());
            size("regions", doc.regions(), limits.maxRegions());
        }

        /**
         * Violations sorted by path (list indices as numbers), so the answer does not depend on the
         * order Bean Validation happens to visit the fields in.
         */
        private void checkBounds() {
            Set<ConstraintViolation<PlanDocument>> violations = BOUNDS.validate(doc);
            // A map with an over-long key is named as a whole; its values' paths would spell the key out.
            Set<String> mapsWithLongKeys = new HashSet<>();
            violations.stream().filter(v -> MAP_KEY.equals(last(v.getPropertyPath()).getName()))
                    .forEach(v -> mapsWithLongKeys.add(path(v.getPropertyPath())));
            violations.stream()
                    .filter(v -> MAP_KEY.equals(last(v.getPropertyPath()).getName())
                            || !(last(v.getPropertyPath()).getKey() != null
                                    && mapsWithLongKeys.contains(mapPath(v.getPropertyPath()))))
                    .map(v -> new FieldProblem(path(v.getPropertyPath()), message(v)))
                    .distinct()
                    .sorted(Comparator.comparing(FieldProblem::path, PlanValidator::comparePaths))
                    .forEach(p -> {
                        outOfBounds.add(p.path());
                        problems.add(p);
                    });
        }

        private void checkSector(String path, Sector sector) {
            newId(path + ".id", sector.id(), sectorIds, "sector");
            name(path + ".name", sector.name());
            required(path + ".maxAccountsPerKam", sector.maxAccountsPerKam());
        }

        private void checkRegion(String path, Region region) {
            boolean valid = newId(path + ".id", region.id(), regionIds, "region");
            name(path + ".name", region.name());
            valid &= required(path + ".latitude", region.latitude());
            valid &= required(path + ".longitude", region.longitude());
            if (valid && !outOfBounds.contains(path + ".latitude") && !outOfBounds.contains(path + ".longitude")) {
                locatedRegions.add(region);
            }
        }

        private void checkTravelOverrides() {
            Set<List<String>> seen = new HashSet<>();
            each("travelOverrides", doc.travelOverrides(), (path, override) -> {
                String from = override.fromRegionId();
                String to = override.toRegionId();
                reference(path + ".fromRegionId", from, regionIds, "region");
                reference(path + ".toRegionId", to, regionIds, "region");
                required(path + ".minutes", override.minutes());
                if (from != null && to != null && !seen.add(List.of(from, to))) {
                    problem(path, words("error.field.duplicateOverride", Echo.of(from), Echo.of(to)));
                }
            });
        }

        private void checkKam(String path, Kam kam) {
            if (newId(path + ".id", kam.id(), kamIds, "KAM")) {
                kamActiveById.put(kam.id(), kam.active() == null || kam.active());
            }
            name(path + ".name", kam.name());
            reference(path + ".homeRegionId", kam.homeRegionId(), regionIds, "region");
            List<String> expertise = kam.sectorIds();
            Set<String> seen = new HashSet<>();
            for (int i = 0; expertise != null && i < expertise.size(); i++) {
                String sectorPath = item(path + ".sectorIds", i);
                String sectorId = expertise.get(i);
                reference(sectorPath, sectorId, sectorIds, "sector");
                if (sectorId != null && !seen.add(sectorId)) {
                    problem(sectorPath, words("error.field.duplicateSector", Echo.of(sectorId)));
                }
            }
        }

        private void checkSomeKamActive() {
            List<Kam> kams = doc.kams() == null ? List.of() : doc.kams();
            boolean anyActive = kams.stream().anyMatch(k -> k != null && !Boolean.FALSE.equals(k.active()));
            if (!anyActive) {
                problem("kams", doc.kams() == null ? words("error.field.kamsRequired")
                        : kams.isEmpty() ? words("error.field.noKams")
                        : words("error.field.noActiveKam", kams.size()));
            }
        }

        private void checkAccount(String path, Account account) {
            newId(path + ".id", account.id(), accountIds, "account");
            name(path + ".name", account.name());
            reference(path + ".sectorId", account.sectorId(), sectorIds, "sector");
            reference(path + ".regionId", account.regionId(), regionIds, "region");
            if (required(path + ".tier", account.tier())) {
                oneOf(path + ".tier", account.tier(), TIERS, "tier");
            }
            oneOf(path + ".complexity", account.complexity(), COMPLEXITIES, "complexity");
            oneOf(path + ".phase", account.phase(), PHASES, "phase");
            if (account.readsLegacyOverride()) {
                // The older override is held to the bounds of the newer field it stands for.
                BOUNDS.validateValue(Account.class, "workloadOverrideMinutes", account.workloadMinutes())
                        .forEach(v -> problem(path + ".workloadMinutes", message(v)));
            }
            optionalReference(path + ".currentKamId", account.currentKamId(), kamIds, "KAM");
            optionalReference(path + ".assignedKamId", account.assignedKamId(), kamIds, "KAM");
            if (Boolean.TRUE.equals(account.pinned())) {
                checkPin(path, account);
            }
        }

        /** docs/model.md: the pin wins over clearing an inactive assignment, so a pin that cannot hold is a 400. */
        private void checkPin(String path, Account account) {
            boolean byAssigned = account.assignedKamId() != null;
            String lock = byAssigned ? account.assignedKamId() : account.currentKamId();
            if (lock == null) {
                problem(path + ".pinned", words("error.field.pinWithoutKam"));
            } else if (Boolean.FALSE.equals(kamActiveById.get(lock))) {
                problem(path + (byAssigned ? ".assignedKamId" : ".currentKamId"),
                        words("error.field.pinInactive", lock));
            }
        }

        private void checkForbiddenPairs() {
            Set<List<String>> seen = new HashSet<>();
            each("forbiddenPairs", doc.forbiddenPairs(), (path, pair) -> {
                kamAccountPair(path, pair.kamId(), pair.accountId(), seen, "forbiddenPair");
            });
        }

        private void checkAffinities() {
            Set<List<String>> seen = new HashSet<>();
            each("affinities", doc.affinities(), (path, affinity) -> {
                kamAccountPair(path, affinity.kamId(), affinity.accountId(), seen, "affinity");
                required(path + ".penalty", affinity.penalty());
            });
        }

        private void kamAccountPair(String path, String kamId, String accountId, Set<List<String>> seen, String kind) {
            reference(path + ".kamId", kamId, kamIds, "KAM");
            reference(path + ".accountId", accountId, accountIds, "account");
            if (kamId != null && accountId != null && !seen.add(List.of(kamId, accountId))) {
                problem(path, words("error.field.duplicatePair." + kind, Echo.of(kamId), Echo.of(accountId)));
            }
        }

        private void checkSettings(Settings settings) {
            if (settings == null) {
                checkLongestRoadTrip(null);
                return;
            }
            String path = "settings";
            numberMap(path + ".tierMinutes", settings.tierMinutes(), TIERS, "tier");
            numberMap(path + ".complexityPercent", settings.complexityPercent(), COMPLEXITIES, "complexity");
            numberMap(path + ".phasePercent", settings.phasePercent(), PHASES, "phase");
            numberMap(path + ".visitsPerYear", settings.visitsPerYear(), TIERS, "tier");
            numberMap(path + ".unassignedPenalty", settings.unassignedPenalty(), TIERS, "tier");
            numberMap(path + ".movePenalty", settings.movePenalty(), TIERS, "tier");
            numberMap(path + ".constraintWeights", settings.constraintWeights(), CONSTRAINTS, "constraint");
            oneOf(path + ".mode", settings.mode(), SolveMode.NAMES, "mode");
            List<String> kept = settings.keepWithIncumbent() == null ? List.of() : settings.keepWithIncumbent();
            if (kept.size() > TIERS.size()) {
                problem(path + ".keepWithIncumbent", words("error.field.tooMany", kept.size(), TIERS.size()));
                kept = List.of();
            }
            for (int i = 0; i < kept.size(); i++) {
                if (kept.get(i) == null) {
                    problem(path + ".keepWithIncumbent[" + i + "]", words("error.field.required"));
                } else {
                    oneOf(path + ".keepWithIncumbent[" + i + "]", kept.get(i), TIERS, "tier");
                }
            }
            checkLongestRoadTrip(settings);
        }

        /**
         * Road minutes are computed, not given, so the minutes cap has to be checked on the regions
         * at hand: a tiny speedKmh would otherwise push the travel penalties past any overflow guard.
         */
        private void checkLongestRoadTrip(Settings settings) {
            PlanSettings defaults = PlanSettings.defaults();
            Double roadFactor = settings == null || settings.roadFactor() == null
                    ? defaults.roadFactor() : settings.roadFactor();
            Double speedKmh = settings == null || settings.speedKmh() == null
                    ? defaults.speedKmh() : settings.speedKmh();
            List<Region> regions = locatedRegions;
            if (outOfBounds.contains("settings.roadFactor") || outOfBounds.contains("settings.speedKmh")
                    || regions.size() > limits.maxRegions()) {
                return; // already reported
            }
            LongestTrip longest = LongestTrip.of(regions);
            double minutes = longest.km() * roadFactor / speedKmh * 60;
            if (minutes > MAX_ROAD_MINUTES) {
                String path = settings != null && settings.speedKmh() != null ? "settings.speedKmh" : "settings.roadFactor";
                problem(path, words("error.field.roadTrip", roadFactor, speedKmh, longest.from().id(), longest.to().id(),
                        Math.round(minutes), MAX_ROAD_MINUTES));
            }
        }
    }
}
