package org.kamplanner.crm;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ABC analysis planners use when an export has no tier: accounts ranked by revenue (ties by id, so the
 * same export gives the same tiers), then cut by share of accounts (the top {@code a} % are A, the next
 * {@code b} % B) or by share of revenue (A until the running total reaches {@code a} % of all revenue, B
 * until {@code a + b} %). The default, 15 % A and 35 % B by accounts, is docs/model.md's usual tier mix, the
 * one its tier minutes were set for.
 */
final class AbcTiers {

    private AbcTiers() {
    }

    /** Each account id's tier. */
    static Map<String, String> of(List<AccountRows.AccountRow> accounts, CrmMapping.Tiers tiers) {
        List<AccountRows.AccountRow> ranked = accounts.stream()
                .sorted(Comparator.comparing(AccountRows.AccountRow::revenue).reversed()
                        .thenComparing(AccountRows.AccountRow::id))
                .toList();
        Map<String, String> tierById = new HashMap<>();
        if (tiers.by().equals("REVENUE")) {
            BigDecimal total = ranked.stream().map(AccountRows.AccountRow::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal aLimit = total.multiply(BigDecimal.valueOf(tiers.a())).movePointLeft(2);
            BigDecimal bLimit = total.multiply(BigDecimal.valueOf(tiers.a() + tiers.b())).movePointLeft(2);
            BigDecimal before = BigDecimal.ZERO;
            for (AccountRows.AccountRow account : ranked) {
                // An account is A while the revenue of the larger ones has not yet reached the A share.
                String tier = total.signum() > 0 && before.compareTo(aLimit) < 0 ? "A"
                        : total.signum() > 0 && before.compareTo(bLimit) < 0 ? "B" : "C";
                tierById.put(account.id(), tier);
                before = before.add(account.revenue());
            }
        } else {
            int n = ranked.size();
            long aCount = Math.round(n * tiers.a() / 100.0);
            long bCount = Math.round(n * (tiers.a() + tiers.b()) / 100.0);
            for (int i = 0; i < n; i++) {
                tierById.put(ranked.get(i).id(), i < aCount ? "A" : i < bCount ? "B" : "C");
            }
        }
        return tierById;
    }
}
