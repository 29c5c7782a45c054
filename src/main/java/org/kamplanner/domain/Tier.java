package org.kamplanner.domain;

/** Account tier: A-accounts carry most of the revenue and most of a KAM's attention. */
public enum Tier { A, B, C }
