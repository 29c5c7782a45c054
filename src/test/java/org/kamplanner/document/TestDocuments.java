package org.kamplanner.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Small hand-written plan documents for tests: every field not set stays null, so PlanFactory fills
 * in docs/model.md's default, exactly as it does for a request. Settings are given as JSON text because
 * that is how a request gives them and it keeps the test next to the documented shape.
 */
public final class TestDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanDocument.Settings settings;
    private final List<PlanDocument.Sector> sectors = new ArrayList<>();
    private final List<PlanDocument.Region> regions = new ArrayList<>();
    private final List<PlanDocument.TravelOverride> travelOverrides = new ArrayList<>();
    private final List<PlanDocument.ForbiddenPair> forbiddenPairs = new ArrayList<>();
    private final List<PlanDocument.Affinity> affinities = new ArrayList<>();
    private final List<KamSpec> kams = new ArrayList<>();
    private final List<AccountSpec> accounts = new ArrayList<>();

    private TestDocuments() {
    }

    public static TestDocuments document() {
        return new TestDocuments();
    }

    /** The smallest plan: KAM K1 in Munich (region R), and these B-accounts of sector S there. */
    public static PlanDocument oneKam(String... accountIds) {
        TestDocuments doc = document()
                .region("R", "Munich", 48.137, 11.575)
                .sector("S", "Services", 5, false);
        doc.kam("K1", "Anna", "R");
        for (String id : accountIds) {
            doc.account(id, "S", "R", "B");
        }
        return doc.toDocument();
    }

    /** Settings as a request gives them, e.g. {@code {"visitsPerYear": {"C": 3}}}. */
    public TestDocuments settings(String json) {
        try {
            this.settings = JSON.readValue(json, PlanDocument.Settings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
        return this;
    }

    public TestDocuments sector(String id, String name, int maxAccountsPerKam, boolean expertiseRequired) {
        sectors.add(new PlanDocument.Sector(id, name, maxAccountsPerKam, expertiseRequired));
        return this;
    }

    public TestDocuments region(String id, String name, double latitude, double longitude) {
        regions.add(new PlanDocument.Region(id, name, latitude, longitude));
        return this;
    }

    public TestDocuments travel(String fromRegionId, String toRegionId, int minutes) {
        travelOverrides.add(new PlanDocument.TravelOverride(fromRegionId, toRegionId, minutes));
        return this;
    }

    public TestDocuments forbidden(String kamId, String accountId, String reason) {
        forbiddenPairs.add(new PlanDocument.ForbiddenPair(kamId, accountId, reason));
        return this;
    }

    public TestDocuments affinity(String kamId, String accountId, long penalty) {
        affinities.add(new PlanDocument.Affinity(kamId, accountId, penalty));
        return this;
    }

    /** Adds a KAM and returns its spec for the optional fields; the spec's methods return this builder's spec. */
    public KamSpec kam(String id, String name, String homeRegionId) {
        KamSpec kam = new KamSpec(this, id, name, homeRegionId);
        kams.add(kam);
        return kam;
    }

    public AccountSpec account(String id, String sectorId, String regionId, String tier) {
        AccountSpec account = new AccountSpec(this, id, sectorId, regionId, tier);
        accounts.add(account);
        return account;
    }

    public PlanDocument toDocument() {
        return new PlanDocument(null, "test", null, null, null, null, null, null, settings, List.copyOf(sectors),
                List.copyOf(regions), List.copyOf(travelOverrides), List.copyOf(forbiddenPairs),
                List.copyOf(affinities), kams.stream().map(KamSpec::toKam).toList(),
                accounts.stream().map(AccountSpec::toAccount).toList());
    }

    public Model build() {
        return model(toDocument());
    }

    /** A document made elsewhere (a rebalance, an edit) built as the service builds it. */
    public static Model model(PlanDocument doc) {
        return new Model(doc, PlanFactory.build(doc));
    }

    public static final class KamSpec {
        private final TestDocuments doc;
        private final String id;
        private final String name;
        private final String homeRegionId;
        private Integer experienceYears;
        private List<String> sectorIds;
        private Integer capacityMinutes;
        private Integer maxAccounts;
        private Boolean active;

        private KamSpec(TestDocuments doc, String id, String name, String homeRegionId) {
            this.doc = doc;
            this.id = id;
            this.name = name;
            this.homeRegionId = homeRegionId;
        }

        public KamSpec experience(int years) { experienceYears = years; return this; }
        public KamSpec sectors(String... ids) { sectorIds = Arrays.asList(ids); return this; }
        public KamSpec capacity(int minutes) { capacityMinutes = minutes; return this; }
        public KamSpec maxAccounts(int max) { maxAccounts = max; return this; }
        public KamSpec inactive() { active = false; return this; }
        public TestDocuments and() { return doc; }

        private PlanDocument.Kam toKam() {
            return new PlanDocument.Kam(id, name, homeRegionId, experienceYears, sectorIds, capacityMinutes,
                    maxAccounts, active, null, null, null, null);
        }
    }

    public static final class AccountSpec {
        private final TestDocuments doc;
        private final String id;
        private final String sectorId;
        private final String regionId;
        private final String tier;
        private String name;
        private String complexity;
        private String phase;
        private Boolean remote;
        private Integer workloadOverrideMinutes;
        private String currentKamId;
        private Boolean pinned;
        private String assignedKamId;
        private java.math.BigDecimal annualRevenue;

        private AccountSpec(TestDocuments doc, String id, String sectorId, String regionId, String tier) {
            this.doc = doc;
            this.id = id;
            this.sectorId = sectorId;
            this.regionId = regionId;
            this.tier = tier;
        }

        public AccountSpec name(String value) { name = value; return this; }
        public AccountSpec complexity(String value) { complexity = value; return this; }
        public AccountSpec phase(String value) { phase = value; return this; }
        public AccountSpec remote() { remote = true; return this; }
        /** docs/model.md's optional input override of base(a). */
        public AccountSpec workload(int minutes) { workloadOverrideMinutes = minutes; return this; }
        public AccountSpec current(String kamId) { currentKamId = kamId; return this; }
        public AccountSpec pinned() { pinned = true; return this; }
        public AccountSpec assigned(String kamId) { assignedKamId = kamId; return this; }
        public AccountSpec revenue(String euros) { annualRevenue = new java.math.BigDecimal(euros); return this; }
        public AccountSpec revenue(long euros) { annualRevenue = java.math.BigDecimal.valueOf(euros); return this; }
        public TestDocuments and() { return doc; }

        private PlanDocument.Account toAccount() {
            return new PlanDocument.Account(id, name, sectorId, regionId, tier, annualRevenue, complexity, phase, remote,
                    null, workloadOverrideMinutes, currentKamId, pinned, assignedKamId, null);
        }
    }

    /** The built model with lookups by id. */
    public record Model(PlanDocument document, PlanFactory.Built built) {

        public AssignmentPlan plan() {
            return built.plan();
        }

        public Kam kam(String id) {
            return plan().getKams().stream().filter(k -> k.getId().equals(id)).findFirst().orElseThrow();
        }

        public Account account(String id) {
            return plan().getAccounts().stream().filter(a -> a.getId().equals(id)).findFirst().orElseThrow();
        }

        /** Assigns account → KAM (null unassigns). */
        public Model assign(String accountId, String kamId) {
            account(accountId).setKam(kamId == null ? null : kam(kamId));
            return this;
        }

        /** Every account (the planning entities) and every KAM, for ConstraintVerifier's given(...). */
        public Object[] facts() {
            List<Object> all = new ArrayList<>(plan().getAccounts());
            all.addAll(plan().getKams());
            all.addAll(plan().getHandOverCaps());
            return all.toArray();
        }

        public Map<String, Account> accounts() {
            Map<String, Account> map = new HashMap<>();
            plan().getAccounts().forEach(a -> map.put(a.getId(), a));
            return map;
        }
    }
}
