package org.kamplanner.domain;

/** How much coordination an account takes (decision makers, technical solutions). */
public enum Complexity { LOW, MEDIUM, HIGH }
