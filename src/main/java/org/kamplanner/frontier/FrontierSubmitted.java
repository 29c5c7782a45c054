package org.kamplanner.frontier;

/** Body of the 202 of POST /plans/{id}/frontier: the new frontier and its status (SOLVING). */
public record FrontierSubmitted(String id, String status) {
}
