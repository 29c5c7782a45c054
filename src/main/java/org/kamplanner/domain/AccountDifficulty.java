package org.kamplanner.domain;

import java.util.Comparator;


/**
 * Orders accounts from easiest to hardest to place, so that the construction heuristic (first fit
 * decreasing) places the hardest first: A-accounts (large, and only for experienced KAMs) before B
 * and C, accounts that need sector expertise before those that do not, large before small. Placed
 * last, a big A-account finds every experienced KAM already filled with small accounts.
 */
public class AccountDifficulty implements Comparator<Account> {

    private static final Comparator<Account> EASIEST_FIRST = Comparator
            .comparing((Account a) -> a.getTier() == Tier.A)
            .thenComparing(a -> a.getSector().isExpertiseRequired())
            .thenComparingInt(Account::getBaseMinutes)
            .thenComparing(Account::getId);

    @Override
    public int compare(Account a, Account b) {
        return EASIEST_FIRST.compare(a, b);
    }
}
