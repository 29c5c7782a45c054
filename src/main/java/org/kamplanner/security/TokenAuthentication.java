package org.kamplanner.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A caller authenticated by one of the service's API tokens. Its name says which token without
 * revealing it: "token:&lt;id&gt;" for a token of the table, "admin-token" for KAM_PLANNER_ADMIN_TOKEN.
 */
final class TokenAuthentication extends AbstractAuthenticationToken {

    private final String name;
    private final Role role;

    TokenAuthentication(String name, Role role) {
        super(role.authorities());
        this.name = name;
        this.role = role;
        setAuthenticated(true);
    }

    Role role() {
        return role;
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
