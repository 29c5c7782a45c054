package org.kamplanner.domain;

/**
 * settings.maxMovedAccounts as a problem fact, so the constraint Max hand-overs can read it: a plan without
 * a cap has none, and then that constraint matches nothing.
 */
public record HandOverCap(int maxMovedAccounts) {
}
