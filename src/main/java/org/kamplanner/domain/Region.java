package org.kamplanner.domain;

/**
 * A travel region. {@code index} is its position in the plan's region list; travel times and
 * per-account workloads are stored in arrays indexed by it so the score never does a map lookup.
 */
public record Region(String id, String name, double latitude, double longitude, int index) {
}
