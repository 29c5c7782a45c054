package org.kamplanner.document;

/**
 * The bounds of PlanDocument's fields (its Bean Validation annotations): each far above any real plan, so that
 * a value past one is a mistake, not a plan. The messages are keys of the message bundles.
 */
final class Bounds {

    static final int ID_CHARS = 100;
    static final int NAME_CHARS = 200;
    static final int REASON_CHARS = 500;
    /** Minutes of one visit, trip or base workload: over two months of work, far beyond any account. */
    static final long MINUTES = 100_000;
    /** A KAM's monthly capacity: the minutes cap times ten. */
    static final long CAPACITY_MINUTES = 1_000_000;
    static final long PERCENT = 1_000;
    static final long VISITS_PER_YEAR = 366;
    static final long PENALTY = 1_000_000_000;
    static final long WEIGHT = 1_000_000;
    static final long SECONDS = 86_400;
    static final long YEARS = 100;
    /** Account caps (maxAccounts, maxAccountsPerKam): above any plan the size limits allow. */
    static final long ACCOUNTS = 1_000_000;
    /** Annual revenue in currency units: a quadrillion is beyond any account; cents are the finest unit kept. */
    static final String REVENUE = "1000000000000000";
    static final int REVENUE_DECIMALS = 2;

    /**
     * The bounds' messages are keys of the message bundles (messages.properties, messages_de.properties):
     * PlanValidator words them in the request's language with the bound ({max} or {value}) filled in.
     */
    static final String TEXT = "error.bound.text";
    static final String AT_LEAST = "error.bound.atLeast";
    static final String AT_MOST = "error.bound.atMost";
    static final String POSITIVE = "error.bound.positive";

    private Bounds() {
    }
}
