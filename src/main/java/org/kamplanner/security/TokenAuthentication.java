package org.kamplanner.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A caller authenticated by one of the service's API tokens. Its name says which token without
 * revealing it: "token:&lt;id&gt;" for a token of the table, "admin-token" for KAM_PLANNER_ADMIN_TOKEN. Its
 * label is the token's name as its admin gave it, which plans and the audit log show ({@link Caller}).
 */
final class TokenAuthentication extends AbstractAuthenticationToken {

    private final String name;
    private final Role role;
    private final String label;

    TokenAuthentication(String name, Role role, String label) {
        super(role.authorities());
        this.name = name;
        this.role = role;
        this.label = label;
        setAuthenticated(true);
    }

    Role role() {
        return role;
    }

    String label() {
        return label;
    }

    @Override
    public Object getPrincipal() {
        return name;
    }

    /** The secret is never kept past the check. */
    @Override
    public Object getCredentials() {
        return null;
    }
}
