package org.kamplanner.domain;

/** Onboarding accounts cost more attention than established ones. */
public enum Phase { ONBOARDING, ESTABLISHED }
