package org.kamplanner.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a caller may do. A PLANNER and an APPROVER are each also a VIEWER, side by side: the one plans,
 * the other approves what was planned (four eyes), and neither may do the other's job. An ADMIN may do
 * everything. The rules by endpoint are in {@link SecurityConfig}.
 */
public enum Role {
    /** Reads plans, analyses, explanations, comparisons and exports. */
    VIEWER,
    /** Also submits, solves, stops, rebalances, imports and edits plans. */
    PLANNER,
    /** Reads like a VIEWER, and approves or rejects proposed plans; plans nothing. */
    APPROVER,
    /** Also manages API tokens, purges plans and reads the operations endpoints (metrics). */
    ADMIN;

    /**
     * This role and every role it includes, as Spring authorities ("ROLE_PLANNER", "ROLE_VIEWER"). Granted
     * as a set rather than through a role hierarchy so that every check sees the same thing, the
     * actuator's "show health details to ADMIN" included.
     */
    public List<GrantedAuthority> authorities() {
        return Arrays.stream(values())
                .filter(this::includes)
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
    }

    /** Whether a caller of this role may do what {@code needed} may: itself, VIEWER, and for ADMIN every role. */
    public boolean includes(Role needed) {
        return this == needed || this == ADMIN || needed == VIEWER;
    }

    /** A role by its name, exactly as the API spells it (VIEWER, PLANNER, APPROVER, ADMIN). */
    public static Optional<Role> of(String name) {
        return Arrays.stream(values()).filter(role -> role.name().equals(name)).findFirst();
    }

    /** A role as an identity provider may spell it: any case, with or without "ROLE_". */
    static Optional<Role> lenient(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return of(upper.startsWith("ROLE_") ? upper.substring("ROLE_".length()) : upper);
    }

    /**
     * The strongest role among a caller's authorities (ADMIN, then APPROVER, PLANNER, VIEWER); empty for
     * none. What a 403 and the audit log name.
     */
    public static Optional<Role> highest(java.util.Collection<? extends GrantedAuthority> authorities) {
        Role best = null;
        for (GrantedAuthority authority : authorities) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                Role role = of(name.substring("ROLE_".length())).orElse(null);
                if (role != null && (best == null || role.ordinal() > best.ordinal())) {
                    best = role;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
